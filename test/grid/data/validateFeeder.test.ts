import { describe, expect, it } from 'vitest';
import { inputErrorMessage } from '../../helpers/inputErrorMessage.ts';
import { validateFeeder } from '../../../src/grid/data/validateFeeder.ts';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import { branch, bus, smallFeeder, substation } from '../feederFixtures.ts';

const messageOf = inputErrorMessage;

describe('validateFeeder', () => {
  it('accepts the small fixture and both bundled feeders', () => {
    expect(() => validateFeeder(smallFeeder())).not.toThrow();
    expect(() => validateFeeder(loadBundledFeeder('case33bw'))).not.toThrow();
    expect(() => validateFeeder(loadBundledFeeder('ieee123'))).not.toThrow();
  });

  it('rejects a cycle among in-service branches (non-radial), naming the closing branch', () => {
    const feeder = smallFeeder({ branches: [...smallFeeder().branches, branch(5, 4, 5)] });
    const message = messageOf(() => validateFeeder(feeder));
    expect(message).toContain('test/small-feeder');
    expect(message).toMatch(/branch (3|4|5) \(bus \d - bus \d\)/);
    expect(message).toContain('not radial');
  });

  it('rejects parallel branches and self-loops as cycles', () => {
    const parallel = smallFeeder({ branches: [...smallFeeder().branches, branch(9, 2, 3)] });
    expect(messageOf(() => validateFeeder(parallel))).toContain('not radial');
    const loop = smallFeeder({ branches: [...smallFeeder().branches, branch(9, 3, 3)] });
    expect(messageOf(() => validateFeeder(loop))).toContain('branch 9 (bus 3 - bus 3)');
  });

  it('accepts a closed tie when it is out of service (case33bw ties)', () => {
    const feeder = smallFeeder({ branches: [...smallFeeder().branches, branch(5, 4, 5, 0.01, 0.01, { inService: false })] });
    expect(() => validateFeeder(feeder)).not.toThrow();
  });

  it('rejects buses not connected to the slack when no outage is declared, and allows them with an outage', () => {
    const branches = smallFeeder().branches.filter((b) => b.id !== 4);
    const feeder = smallFeeder({ branches });
    expect(messageOf(() => validateFeeder(feeder))).toMatch(/bus 5 = "not connected": not connected to the slack bus 1/);
    expect(messageOf(() => validateFeeder(feeder, { outagedBranches: [] }))).toContain('not connected to the slack');
  });

  it('allows islands created by declared outages', () => {
    expect(() => validateFeeder(smallFeeder(), { outagedBranches: [2] })).not.toThrow();
    expect(() => validateFeeder(smallFeeder({ branches: smallFeeder().branches.filter((b) => b.id !== 4) }), { outagedBranches: [1] })).not.toThrow();
  });

  it('rejects an unknown outage id', () => {
    expect(messageOf(() => validateFeeder(smallFeeder(), { outagedBranches: [42] }))).toContain('outagedBranches = 42');
  });

  it('rejects an unknown bus in a branch', () => {
    const feeder = smallFeeder({ branches: [...smallFeeder().branches.slice(0, 3), branch(4, 2, 77)] });
    expect(messageOf(() => validateFeeder(feeder))).toContain('branch 4: toBus = 77: unknown bus');
  });

  it('rejects an unknown bus in a generator', () => {
    const feeder = smallFeeder({ generators: [substation(1), { ...substation(1), id: 'dg1', kind: 'dg', bus: 99 }] });
    expect(messageOf(() => validateFeeder(feeder))).toContain('generator dg1: bus = 99: unknown bus');
  });

  it('rejects duplicate bus ids', () => {
    const feeder = smallFeeder({ buses: [...smallFeeder().buses, bus(3)] });
    expect(messageOf(() => validateFeeder(feeder))).toContain('bus 3: id = 3: duplicate bus id');
  });

  it('rejects negative r and negative x', () => {
    const r = smallFeeder({ branches: [branch(1, 1, 2, -0.01, 0.01), ...smallFeeder().branches.slice(1)] });
    expect(messageOf(() => validateFeeder(r))).toContain('branch 1: rPu = -0.01: must be ≥ 0');
    const x = smallFeeder({ branches: [branch(1, 1, 2, 0.01, -0.02), ...smallFeeder().branches.slice(1)] });
    expect(messageOf(() => validateFeeder(x))).toContain('branch 1: xPu = -0.02: must be ≥ 0');
  });

  it('rejects a missing slack bus (slack id not among the buses)', () => {
    expect(messageOf(() => validateFeeder(smallFeeder({ slackBus: 40 })))).toContain('slackBus = 40: missing slack');
  });

  it('rejects NaN and infinite numbers', () => {
    const nanLoad = smallFeeder({ buses: [bus(1), bus(2, Number.NaN), ...smallFeeder().buses.slice(2)] });
    expect(messageOf(() => validateFeeder(nanLoad))).toContain('bus 2: pLoadMw = NaN: must be a finite number');
    const infX = smallFeeder({ branches: [branch(1, 1, 2, 0.01, Infinity), ...smallFeeder().branches.slice(1)] });
    expect(messageOf(() => validateFeeder(infX))).toContain('branch 1: xPu = Infinity');
    const nanCost = smallFeeder({ generators: [substation(1, { costUsdPerMwh: Number.NaN })] });
    expect(messageOf(() => validateFeeder(nanCost))).toContain('generator sub: costUsdPerMwh = NaN');
    expect(messageOf(() => validateFeeder(smallFeeder({ slackVoltagePu: Number.NaN })))).toContain('slackVoltagePu = NaN');
  });

  it('rejects limits with lower > upper (vMin > vMax, pMin > pMax, qMin > qMax)', () => {
    const v = smallFeeder({ buses: [bus(1), bus(2, 0, 0, { vMinPu: 1.05, vMaxPu: 0.95 }), ...smallFeeder().buses.slice(2)] });
    expect(messageOf(() => validateFeeder(v))).toContain('bus 2: vMinPu = 1.05: lower limit above vMaxPu = 0.95');
    const p = smallFeeder({ generators: [substation(1, { pMinMw: 5, pMaxMw: 2 })] });
    expect(messageOf(() => validateFeeder(p))).toContain('generator sub: pMinMw = 5: lower limit above pMaxMw = 2');
    const q = smallFeeder({ generators: [substation(1, { qMinMvar: 1, qMaxMvar: -1 })] });
    expect(messageOf(() => validateFeeder(q))).toContain('generator sub: qMinMvar = 1: lower limit above qMaxMvar = -1');
  });

  it('rejects a non-positive baseMva', () => {
    expect(messageOf(() => validateFeeder(smallFeeder({ baseMva: 0 })))).toContain('baseMva = 0: must be > 0');
    expect(messageOf(() => validateFeeder(smallFeeder({ baseMva: -10 })))).toContain('baseMva = -10');
  });

  it('rejects a non-positive ratio and rating', () => {
    const ratio = smallFeeder({ branches: [branch(1, 1, 2, 0.01, 0.01, { ratio: 0 }), ...smallFeeder().branches.slice(1)] });
    expect(messageOf(() => validateFeeder(ratio))).toContain('branch 1: ratio = 0');
    const rate = smallFeeder({ branches: [branch(1, 1, 2, 0.01, 0.01, { rateMva: 0 }), ...smallFeeder().branches.slice(1)] });
    expect(messageOf(() => validateFeeder(rate))).toContain('branch 1: rateMva = 0');
  });
});
