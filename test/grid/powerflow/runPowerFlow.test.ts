import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { orientFeeder } from '../../../src/grid/data/orientFeeder.ts';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';
import { branch, bus, smallFeeder, substation } from '../feederFixtures.ts';
import { complexSweep } from './complexSweep.ts';

describe('runPowerFlow', () => {
  const case33 = loadBundledFeeder('case33bw');

  it('case33bw: losses 202.68 kW (±0.05 kW), minimum voltage 0.91309 pu (±1e-5) at bus 18 (public reference)', () => {
    const pf = runPowerFlow(case33);
    expect(pf.converged).toBe(true);
    expect(Math.abs(pf.lossesKw - 202.68)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(pf.minVoltagePu - 0.91309)).toBeLessThanOrEqual(1e-5);
    expect(pf.minVoltageBus).toBe(18);
    // Slack supplies load + losses: 3.715 MW + 0.20268 MW.
    expect(pf.slackPMw).toBeCloseTo(3.715 + pf.lossesKw / 1000, 9);
    expect(pf.unsuppliedBuses).toEqual([]);
    expect(pf.branches).toHaveLength(37);
    expect(pf.branches.filter((b) => b.energized)).toHaveLength(32);
    expect(pf.branches.reduce((s, b) => s + b.lossesKw, 0)).toBeCloseTo(pf.lossesKw, 9);
  });

  it('case33bw agrees with an independent complex-phasor current sweep (1e-9 pu, 1e-6 kW)', () => {
    const pf = runPowerFlow(case33);
    const ref = complexSweep(case33);
    for (const b of case33.buses) expect(pf.voltagePu[b.id]).toBeCloseTo(ref.vPu.get(b.id)!, 9);
    expect(pf.lossesKw).toBeCloseTo(ref.lossesPu * case33.baseMva * 1000, 6);
    expect(pf.slackQMvar).toBeCloseTo(ref.slackQ, 9);
  });

  it('ieee123 (caps, line charging, regulators) agrees with the complex sweep: losses 154.65 kW, 0.91925 pu at bus 61 (data README)', () => {
    const ieee = loadBundledFeeder('ieee123');
    const pf = runPowerFlow(ieee);
    expect(pf.converged).toBe(true);
    const ref = complexSweep(ieee);
    // The figures scenarios/data/grid/ieee123-balanced/README.md states, to their printed digits.
    const refLossesKw = ref.lossesPu * ieee.baseMva * 1000;
    const [refMinBus, refMinPu] = [...ref.vPu].reduce((lo, e) => (e[1] < lo[1] ? e : lo));
    expect(Math.abs(refLossesKw - 154.65)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(refMinPu - 0.91925)).toBeLessThanOrEqual(5e-6);
    expect(refMinBus).toBe(61);
    expect(pf.minVoltageBus).toBe(61);
    for (const b of ieee.buses) expect(pf.voltagePu[b.id]).toBeCloseTo(ref.vPu.get(b.id)!, 9);
    expect(pf.lossesKw).toBeCloseTo(ref.lossesPu * ieee.baseMva * 1000, 6);
    expect(pf.slackPMw).toBeCloseTo(ref.slackP, 9);
    expect(pf.slackQMvar).toBeCloseTo(ref.slackQ, 9);
  });

  it('honours reversed branches with fixed ratios exactly as their oriented equivalent and the complex sweep', () => {
    const feeder: Feeder = smallFeeder({
      buses: [bus(1), bus(2, 0.4, 0.2), bus(3, 0.6, 0.3, { shuntBMvar: 0.1, shuntGMw: 0.01 }), bus(4, 0.5, 0.1), bus(5, 0.3, 0.1)],
      branches: [branch(1, 1, 2, 0.02, 0.04, { ratio: 1.03 }), branch(2, 3, 2, 0.03, 0.02, { ratio: 0.97 }), branch(3, 3, 4, 0.01, 0.03), branch(4, 5, 2, 0.02, 0.01, { ratio: 1.05 })],
    });
    const direct = runPowerFlow(feeder);
    const oriented = runPowerFlow(orientFeeder(feeder));
    const ref = complexSweep(feeder);
    for (const b of feeder.buses) {
      expect(direct.voltagePu[b.id]).toBeCloseTo(oriented.voltagePu[b.id], 12);
      expect(direct.voltagePu[b.id]).toBeCloseTo(ref.vPu.get(b.id)!, 10);
    }
    expect(direct.lossesKw).toBeCloseTo(ref.lossesPu * 10 * 1000, 6);
    expect(direct.slackPMw).toBeCloseTo(ref.slackP, 9);
    // Tree orientation in the result: branch 2 is reported 2 → 3.
    expect(direct.branches[1]).toMatchObject({ id: 2, fromBus: 2, toBus: 3, energized: true });
  });

  it('scales loads and adds injections (positive = consumption, V2G negative)', () => {
    const base = runPowerFlow(case33);
    const scaled = runPowerFlow(case33, { loadScale: 0.5 });
    expect(scaled.slackPMw).toBeLessThan(base.slackPMw);
    expect(scaled.minVoltagePu).toBeGreaterThan(base.minVoltagePu);
    const charging = runPowerFlow(case33, { injections: [{ bus: 18, pMw: 0.2 }, { bus: 18, pMw: 0.1, qMvar: 0.05 }] });
    const ref = complexSweep({ ...case33, buses: case33.buses.map((b) => (b.id === 18 ? { ...b, pLoadMw: b.pLoadMw + 0.3, qLoadMvar: b.qLoadMvar + 0.05 } : b)) });
    expect(charging.voltagePu[18]).toBeCloseTo(ref.vPu.get(18)!, 9);
    // Inverter injections count with their fixed qMvar (default 0) in the power flow.
    const v2g = runPowerFlow(case33, { injections: [{ bus: 18, pMw: -0.3, sMaxMva: 0.4 }] });
    expect(v2g.voltagePu[18]).toBeGreaterThan(base.voltagePu[18]);
    expect(v2g.lossesKw).toBeLessThan(base.lossesKw);
  });

  it('reports islands from outages as unsupplied and solves the slack island alone', () => {
    const pf = runPowerFlow(case33, { outagedBranches: [6] }); // branch 6 = 6-7
    expect(pf.converged).toBe(true);
    expect(pf.unsuppliedBuses).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    const islandLoadMw = case33.buses.filter((b) => b.id >= 7 && b.id <= 18).reduce((s, b) => s + b.pLoadMw, 0);
    expect(pf.unsuppliedLoadMw).toBeCloseTo(islandLoadMw, 12);
    expect(pf.voltagePu[12]).toBe(0);
    expect(pf.branches[5].energized).toBe(false);
    expect(pf.slackPMw).toBeCloseTo(3.715 - islandLoadMw + pf.lossesKw / 1000, 9);
    expect(pf.minVoltageBus).not.toBe(12);
  });

  it('returns converged: false on voltage collapse instead of a point', () => {
    const pf = runPowerFlow(case33, { loadScale: 40 });
    expect(pf.converged).toBe(false);
  });

  it('rejects bad interval data with InputError', () => {
    expect(() => runPowerFlow(case33, { injections: [{ bus: 99, pMw: 1 }] })).toThrow(/injections\[0\]\.bus = 99: unknown bus/);
    expect(() => runPowerFlow(case33, { injections: [{ bus: 5, pMw: Number.NaN }] })).toThrow(/injections\[0\]\.pMw = NaN/);
    expect(() => runPowerFlow(case33, { loadScale: -1 })).toThrow(/loadScale = -1/);
    expect(() => runPowerFlow(case33, { outagedBranches: [77] })).toThrow(InputError);
    expect(() => runPowerFlow(smallFeeder({ generators: [substation(1)] }), {}, { maxIterations: 0 })).toThrow(InputError);
  });
});
