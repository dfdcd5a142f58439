import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { loadFeederStudy } from '../../../src/grid/problems/feederStudy.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';

const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-study-'));
function study(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

describe('loadFeederStudy', () => {
  it('applies substation overrides, extra generators, penalty, load scale and injections', async () => {
    const path = study('ok.json', {
      feeder: 'case33bw',
      substation: { importPriceUsdPerMwh: 45, vSetPu: 1.02 },
      generators: [{ id: 'pv18', kind: 'pv', bus: 18, pMaxMw: 0.3, qMinMvar: -0.1, qMaxMvar: 0.1 }],
      sheddingPenaltyUsdPerMwh: 500,
      loadScale: 1.1,
      injections: [{ bus: 30, pMw: 0.2, sMaxMva: 0.3 }],
      formulation: 'lindistflow',
    });
    const s = loadFeederStudy(path);
    expect(s.formulation).toBe('lindistflow');
    expect(s.feeder.slackVoltagePu).toBe(1.02);
    expect(s.feeder.sheddingPenaltyUsdPerMwh).toBe(500);
    expect(s.feeder.generators.find((g) => g.kind === 'substation')!.costUsdPerMwh).toBe(45);
    expect(s.feeder.generators.find((g) => g.id === 'pv18')).toMatchObject({ bus: 18, pMinMw: 0, costUsdPerMwh: 0 });
    expect(s.interval).toEqual({ loadScale: 1.1, injections: [{ bus: 30, pMw: 0.2, sMaxMva: 0.3 }] });
    const opf = await OpfSession.create(s.feeder, { formulation: s.formulation });
    const r = opf.solve(s.interval);
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.dlmpP[1]).toBeCloseTo(45, 6);
    expect(r.dispatch.find((d) => d.id === 'pv18')!.pMw).toBeCloseTo(0.3, 6); // free PV runs at its maximum
  });

  it('resolves a relative feeder path against the JSON file’s folder', () => {
    cpSync(resolve('scenarios/data/grid/case33bw'), join(dir, 'grids', 'mine'), { recursive: true });
    expect(existsSync('grids/mine')).toBe(false); // the same string from the cwd points nowhere
    const path = study('relative.json', { feeder: 'grids/mine' });
    expect(loadFeederStudy(path).feeder.buses).toHaveLength(33);
  });

  it('applies voltage limits (global, then per bus; the slack keeps its fixed voltage), branch ratings, shedding and solver settings', () => {
    const path = study('limits.json', {
      feeder: 'case33bw',
      voltageLimits: { vMinPu: 0.95, vMaxPu: 1.05, byBus: [{ bus: 18, vMinPu: 0.92 }] },
      branchRatings: [{ branch: 3, rateMva: 2.5 }],
      shedding: { convention: 'p-only', penaltyUsdPerMwh: 700 },
      solver: { coneTolerancePu: 1e-7, maxCutRounds: 40 },
      formulation: 'socp',
    });
    const s = loadFeederStudy(path);
    const bus = (id: number) => s.feeder.buses.find((b) => b.id === id)!;
    expect(bus(1)).toMatchObject({ vMinPu: 1, vMaxPu: 1 });
    expect(bus(2)).toMatchObject({ vMinPu: 0.95, vMaxPu: 1.05 });
    expect(bus(18)).toMatchObject({ vMinPu: 0.92, vMaxPu: 1.05 });
    expect(s.feeder.branches.find((b) => b.id === 3)!.rateMva).toBe(2.5);
    expect(s.feeder.branches.find((b) => b.id === 4)!.rateMva).toBe(Infinity);
    expect(s.feeder.sheddingConvention).toBe('p-only');
    expect(s.feeder.sheddingPenaltyUsdPerMwh).toBe(700);
    expect(s.options).toEqual({ formulation: 'socp', coneTolerancePu: 1e-7, maxCutRounds: 40 });
    expect(s.intervals).toEqual([{}]);
  });

  it('builds the horizon: intervals fall back to the top-level fields, per-interval arrays index by interval', () => {
    const path = study('horizon.json', {
      feeder: 'case33bw',
      substation: { importPriceUsdPerMwh: [30, 40, 50] },
      loadScale: 1.1,
      injections: [{ bus: 30, pMw: 0.2 }],
      intervals: [{}, { loadScale: 0.9, outagedBranches: [33] }, { injections: [], importPriceUsdPerMwh: -5 }],
    });
    const s = loadFeederStudy(path);
    expect(s.intervals).toEqual([
      { loadScale: 1.1, injections: [{ bus: 30, pMw: 0.2 }], importPriceUsdPerMwh: 30 },
      { loadScale: 0.9, injections: [{ bus: 30, pMw: 0.2 }], outagedBranches: [33], importPriceUsdPerMwh: 40 },
      { loadScale: 1.1, injections: [], importPriceUsdPerMwh: -5 },
    ]);
    expect(s.interval).toEqual(s.intervals[0]);
    // A per-interval array alone sets the horizon length.
    expect(loadFeederStudy(study('arrays.json', { feeder: 'case33bw', loadScale: [1, 1.2] })).intervals).toEqual([{ loadScale: 1 }, { loadScale: 1.2 }]);
  });

  it('lets the substation export when pMinMw < 0: import = load + losses − V2G (0.1 kW)', async () => {
    // case33bw (3.715 MW load) with 5 MW of V2G at bus 2 next to the substation: the feeder exports.
    const path = study('export.json', { feeder: 'case33bw', substation: { pMinMw: -5 }, injections: [{ bus: 2, pMw: -5 }] });
    const s = loadFeederStudy(path);
    const opf = await OpfSession.create(s.feeder, s.options);
    const r = opf.solve(s.interval);
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.importMw).toBeLessThan(-1);
    expect(Math.abs(r.importMw - (3.715 + r.lossesKw / 1000 - 5)) * 1000).toBeLessThan(0.1);
    expect(r.shedKw).toBe(0);
  });

  const bad: [string, unknown, RegExp][] = [
    ['unknown field', { feeder: 'case33bw', colour: 'red' }, /: colour: unknown field "colour"$/],
    ['wrong type', { feeder: 'case33bw', loadScale: 'high' }, /loadScale/],
    ['negative load scale', { feeder: 'case33bw', loadScale: -1 }, /loadScale = -1/],
    ['unknown generator bus', { feeder: 'case33bw', generators: [{ id: 'g', kind: 'dg', bus: 99, pMaxMw: 1 }] }, /generators\[0\]\.bus = 99/],
    ['unknown injection bus', { feeder: 'case33bw', injections: [{ bus: 0, pMw: 1 }] }, /injections\[0\]\.bus = 0/],
    ['lower above upper', { feeder: 'case33bw', generators: [{ id: 'g', kind: 'dg', bus: 5, pMinMw: 2, pMaxMw: 1 }] }, /pMinMw = 2/],
    ['unknown feeder', { feeder: 'case99' }, /case99/],
    ['substation limits reversed', { feeder: 'case33bw', substation: { pMinMw: 2, pMaxMw: 1 } }, /substation\.pMinMw = 2: exceeds substation\.pMaxMw = 1/],
    ['substation lower limit above the case\'s upper', { feeder: 'case33bw', substation: { qMinMvar: 1e6 } }, /substation\.qMinMvar = 1000000: exceeds/],
    ['global voltage limits reversed', { feeder: 'case33bw', voltageLimits: { vMinPu: 1.05, vMaxPu: 0.95 } }, /voltageLimits\.vMinPu = 1\.05: exceeds voltageLimits\.vMaxPu = 0\.95/],
    ['per-bus voltage limit above the global upper', { feeder: 'case33bw', voltageLimits: { vMaxPu: 1.05, byBus: [{ bus: 7, vMinPu: 1.1 }] } }, /voltageLimits\.byBus\[0\]\.vMinPu = 1\.1: exceeds the upper limit 1\.05 pu of bus 7/],
    ['unknown voltage-limit bus', { feeder: 'case33bw', voltageLimits: { byBus: [{ bus: 34, vMinPu: 0.9 }] } }, /voltageLimits\.byBus\[0\]\.bus = 34: no such bus/],
    ['zero rating', { feeder: 'case33bw', branchRatings: [{ branch: 3, rateMva: 0 }] }, /branchRatings\[0\]\.rateMva = 0/],
    ['negative rating', { feeder: 'case33bw', branchRatings: [{ branch: 3, rateMva: -1 }] }, /branchRatings\[0\]\.rateMva = -1/],
    ['unknown rated branch', { feeder: 'case33bw', branchRatings: [{ branch: 99, rateMva: 1 }] }, /branchRatings\[0\]\.branch = 99: no such branch/],
    ['unknown outaged branch', { feeder: 'case33bw', outagedBranches: [99] }, /outagedBranches\[0\] = 99: no such branch/],
    ['unknown outaged branch in an interval', { feeder: 'case33bw', intervals: [{}, { outagedBranches: [3, 77] }] }, /intervals\[1\]\.outagedBranches\[1\] = 77: no such branch/],
    ['unknown injection bus in an interval', { feeder: 'case33bw', intervals: [{ injections: [{ bus: 40, pMw: 1 }] }] }, /intervals\[0\]\.injections\[0\]\.bus = 40: no such bus/],
    ['per-interval price of the wrong length', { feeder: 'case33bw', substation: { importPriceUsdPerMwh: [1, 2] }, intervals: [{}, {}, {}] }, /substation\.importPriceUsdPerMwh = \[1,2\]: must have one value per interval \(3/],
    ['per-interval arrays of different lengths', { feeder: 'case33bw', loadScale: [1, 1, 1], substation: { importPriceUsdPerMwh: [1, 2] } }, /substation\.importPriceUsdPerMwh = \[1,2\]: must have one value per interval \(3/],
    ['unknown shedding convention', { feeder: 'case33bw', shedding: { convention: 'random' } }, /shedding\.convention = "random"/],
    ['two spellings of the penalty', { feeder: 'case33bw', sheddingPenaltyUsdPerMwh: 1, shedding: { penaltyUsdPerMwh: 2 } }, /sheddingPenaltyUsdPerMwh = 1: give either/],
    ['an empty horizon', { feeder: 'case33bw', intervals: [] }, /intervals/],
    ['a zero cut-round limit', { feeder: 'case33bw', solver: { maxCutRounds: 0 } }, /solver\.maxCutRounds = 0/],
  ];
  for (const [name, body, message] of bad) {
    it(`rejects ${name} with one InputError naming the file and field`, () => {
      const path = study(`${name.replace(/\W/g, '_')}.json`, body);
      expect(() => loadFeederStudy(path)).toThrow(InputError);
      expect(() => loadFeederStudy(path)).toThrow(message);
    });
  }

  it('rejects malformed JSON naming the file, line and column', () => {
    const path = study('broken.json', '{\n  "feeder": \n');
    expect(() => loadFeederStudy(path)).toThrow(`${path}: line 3, column 1: not valid JSON: expected a value, found the end of the file`);
  });

  it('names a misspelt key as unknown, with the field path style of every input error', () => {
    const path = study('typo.json', { feeder: 'case33bw', generators: [{ id: 'g', kind: 'dg', bus: 5, pMaxMw: 1 }, { id: 'h', kind: 'dg', buss: 6, pMaxMw: 1 }] });
    expect(() => loadFeederStudy(path)).toThrow(`${path}: generators[1].buss: unknown field "buss" (did you mean "bus"?)`);
  });
});
