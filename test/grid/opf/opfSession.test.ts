import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import { solveHorizon } from '../../../src/grid/problems/solveHorizon.ts';
import { InputError } from '../../../src/common/errors.ts';
import { smallFeeder } from '../feederFixtures.ts';
import { linDistFlowSweep } from './linDistFlowSweep.ts';

const case33 = loadBundledFeeder('case33bw');

describe('OpfSession on case33bw with only the substation', () => {
  let opf: OpfSession;
  beforeAll(async () => {
    opf = await OpfSession.create(case33);
  });
  afterAll(() => opf.dispose());

  it('reproduces the public power-flow point: losses 202.68 kW (±0.05), 0.91309 pu at bus 18', () => {
    const r = opf.solve();
    expect(r.status).toBe('optimal');
    expect(Math.abs(r.lossesKw - 202.68)).toBeLessThan(0.05);
    expect(r.minVoltageBus).toBe(18);
    expect(r.minVoltagePu).toBeCloseTo(0.91309, 5);
    expect(r.maxConeGapPu).toBeLessThanOrEqual(1e-6);
    expect(r.shedKw).toBeCloseTo(0, 9);
    expect(r.islands).toBe(1);
  });

  it('matches runPowerFlow bus by bus (voltages within 1e-4 pu, losses within 0.05 kW)', () => {
    const r = opf.solve();
    const pf = runPowerFlow(case33);
    expect(Math.abs(r.lossesKw - pf.lossesKw)).toBeLessThan(0.05);
    for (const bus of case33.buses) expect(Math.abs(r.voltagePu[bus.id] - pf.voltagePu[bus.id])).toBeLessThan(1e-4);
    expect(r.importMw).toBeCloseTo(pf.slackPMw, 4);
  });

  it('prices the slack at the import price (20 $/MWh) and farther buses higher (losses)', () => {
    const r = opf.solve();
    expect(r.dlmpP[1]).toBeCloseTo(20, 9);
    expect(r.dlmpP[18]).toBeGreaterThan(r.dlmpP[2]);
    expect(r.dlmpComponents[18].energy).toBeCloseTo(20, 9);
    expect(r.dlmpComponents[18].congestion).toBeCloseTo(0, 9);
    expect(r.dlmpComponents[18].voltage).toBeCloseTo(0, 9);
  });

  it('re-solves warm: the second identical interval needs one LP and no new cut', () => {
    opf.solve({ loadScale: 1.05 });
    const again = opf.solve({ loadScale: 1.05 });
    expect(again.lpSolves).toBe(1);
    expect(again.status).toBe('optimal');
  });

  it('agrees with the power flow at a scaled load too (cone tight, 1e-4 pu)', () => {
    const interval = { loadScale: 1.03, injections: [{ bus: 30, pMw: 0.1, qMvar: 0.05 }] };
    const r = opf.solve(interval);
    expect(r.shedKw).toBeCloseTo(0, 6); // no limit binds, so the OPF point is the power-flow point
    const pf = runPowerFlow(case33, interval);
    expect(Math.abs(r.lossesKw - pf.lossesKw)).toBeLessThan(0.05);
    expect(Math.abs(r.minVoltagePu - pf.minVoltagePu)).toBeLessThan(1e-4);
  });

  it('rejects an injection at an unknown bus with InputError', () => {
    expect(() => opf.solve({ injections: [{ bus: 99, pMw: 1 }] })).toThrow(InputError);
  });
});

describe('OpfSession on ieee123 (capacitors and fixed regulators)', () => {
  it('matches runPowerFlow: losses within 0.05 kW, voltages within 1e-4 pu', async () => {
    const feeder = loadBundledFeeder('ieee123');
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    opf.dispose();
    const pf = runPowerFlow(feeder);
    expect(r.status).toBe('optimal');
    expect(Math.abs(r.lossesKw - pf.lossesKw)).toBeLessThan(0.05);
    for (const bus of feeder.buses) expect(Math.abs(r.voltagePu[bus.id] - pf.voltagePu[bus.id])).toBeLessThan(1e-4);
    expect(r.minVoltageBus).toBe(pf.minVoltageBus);
  });
});

describe('OpfSession with a quadratic-cost DG', () => {
  it('dispatches the DG where its marginal cost c1 + 2·c2·P equals the DLMP of its bus (1e-2 $/MWh: tangent cuts of the cost)', async () => {
    const dg = { id: 'dg', kind: 'dg' as const, bus: 4, pMinMw: 0, pMaxMw: 0.6, qMinMvar: 0, qMaxMvar: 0, costUsdPerMwh: 10, costUsdPerMw2h: 20 };
    const feeder = smallFeeder({ generators: [...smallFeeder().generators, dg] });
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    opf.dispose();
    expect(r.status).toBe('optimal');
    const p = r.dispatch.find((d) => d.id === 'dg')!.pMw;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.6);
    expect(Math.abs(10 + 2 * 20 * p - r.dlmpP[4])).toBeLessThan(1e-2);
    // The objective carries the quadratic cost exactly (to the cut tolerance).
    const importMw = r.dispatch.find((d) => d.id === 'sub')!.pMw;
    expect(r.objectiveUsdPerH).toBeCloseTo(20 * importMw + 10 * p + 20 * p * p, 4);
  });
});

describe('OpfSession relaxation exactness', () => {
  it('reports a negative import price (losses become profitable) as inexact, with the gap', async () => {
    const feeder: Feeder = { ...case33, generators: case33.generators.map((g) => ({ ...g, costUsdPerMwh: -50 })) };
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    opf.dispose();
    expect(r.status).toBe('inexact');
    expect(r.maxConeGapPu).toBeGreaterThan(1e-6);
    expect(r.message).toMatch(/not tight/);
  });
});

describe('OpfSession cut-loop limit', () => {
  it('reports cut-limit (not inexact), naming the limit, with the objective of the solved LP, when maxCutRounds stops the loop', async () => {
    const opf = await OpfSession.create(case33, { maxCutRounds: 1 });
    const r = opf.solve({ loadScale: 1.03 });
    opf.dispose();
    const exact = await OpfSession.create(case33);
    const ref = exact.solve({ loadScale: 1.03 });
    exact.dispose();
    expect(ref.status).toBe('optimal');
    expect(ref.lpSolves).toBeGreaterThan(1);
    expect(r.status).toBe('cut-limit');
    expect(r.lpSolves).toBe(1);
    expect(r.message).toMatch(/cut loop stopped after 1 LP/);
    expect(r.maxConeGapPu).toBeGreaterThan(1e-9);
    expect(r.maxConeGapBranch).not.toBeNull();
    // An outer approximation's LP is a relaxation: its objective is a lower bound, never 0 here.
    expect(r.objectiveUsdPerH).toBeGreaterThan(0.9 * ref.objectiveUsdPerH);
    expect(r.objectiveUsdPerH).toBeLessThanOrEqual(ref.objectiveUsdPerH * (1 + 1e-9));
    // DLMPs are computed for a cut-limit point too (the status says they are not exact).
    expect(Object.keys(r.dlmpP).length).toBe(case33.buses.length);
  });
});

describe('OpfSession with LinDistFlow', () => {
  it('is lossless: import equals the total load, losses 0, voltages above the SOCP ones', async () => {
    const lin = await OpfSession.create(case33, { formulation: 'lindistflow' });
    const socp = await OpfSession.create(case33);
    const r = lin.solve();
    const s = socp.solve();
    lin.dispose();
    socp.dispose();
    const totalLoadMw = case33.buses.reduce((sum, b) => sum + b.pLoadMw, 0);
    expect(r.status).toBe('optimal');
    expect(r.lossesKw).toBe(0);
    expect(r.importMw).toBeCloseTo(totalLoadMw, 9);
    expect(r.maxConeGapPu).toBe(0);
    expect(r.minVoltagePu).toBeGreaterThan(s.minVoltagePu);
    // With only the substation there is nothing to choose: the OPF is the LinDistFlow power
    // flow, which an independent sweep gives as 0.91593 pu at bus 18 (losses ignored).
    const reference = linDistFlowSweep(case33);
    for (const bus of case33.buses) expect(r.voltagePu[bus.id]).toBeCloseTo(reference.get(bus.id)!, 8);
    const [refBus, refMin] = [...reference].reduce((lo, e) => (e[1] < lo[1] ? e : lo));
    expect(refBus).toBe(18);
    expect(Math.abs(refMin - 0.91593)).toBeLessThan(5e-6);
    expect(r.minVoltageBus).toBe(18);
    expect(r.minVoltagePu).toBeCloseTo(refMin, 8);
  });
});

describe('OpfSession islands (outagedBranches)', () => {
  const branch6to26 = case33.branches.find((b) => b.fromBus === 6 && b.toBus === 26)!.id;
  const islandBuses = [26, 27, 28, 29, 30, 31, 32, 33];

  it('sheds everything in an island without resources, and its DLMP is the shedding penalty', async () => {
    const opf = await OpfSession.create(case33);
    const r = opf.solve({ outagedBranches: [branch6to26] });
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.islands).toBe(2);
    const islandLoadKw = case33.buses.filter((b) => islandBuses.includes(b.id)).reduce((s, b) => s + b.pLoadMw * 1000, 0);
    expect(r.shedKw).toBeCloseTo(islandLoadKw, 4);
    for (const id of islandBuses) expect(r.dlmpP[id]).toBeCloseTo(case33.sheddingPenaltyUsdPerMwh, 9);
    for (const id of islandBuses) expect(r.voltagePu[id]).toBe(0); // de-energised, as in the power flow
    expect(islandBuses).not.toContain(r.minVoltageBus);
    expect(r.dlmpP[18]).toBeLessThan(100);
  });

  it('serves an island from its own DG, priced at the DG cost', async () => {
    const dg = { id: 'dg30', kind: 'dg' as const, bus: 30, pMinMw: 0, pMaxMw: 2, qMinMvar: -1, qMaxMvar: 1, costUsdPerMwh: 50, costUsdPerMw2h: 0 };
    const opf = await OpfSession.create({ ...case33, generators: [...case33.generators, dg] });
    const r = opf.solve({ outagedBranches: [branch6to26] });
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.shedKw).toBeCloseTo(0, 6);
    expect(r.dlmpP[30]).toBeCloseTo(50, 6);
    const dgOut = r.dispatch.find((d) => d.id === 'dg30')!;
    const islandLoadMw = case33.buses.filter((b) => islandBuses.includes(b.id)).reduce((s, b) => s + b.pLoadMw, 0);
    expect(dgOut.pMw).toBeGreaterThan(islandLoadMw); // load + island losses
  });

  it('rejects an unknown outaged branch id with InputError', async () => {
    const opf = await OpfSession.create(smallFeeder());
    expect(() => opf.solve({ outagedBranches: [42] })).toThrow(InputError);
    opf.dispose();
  });
});

describe('solveHorizon', () => {
  it('solves 12 intervals of changing station load in order; cost rises with the station load', async () => {
    const opf = await OpfSession.create(case33);
    const stationMw = Array.from({ length: 12 }, (_, k) => 0.1 * k);
    const results = solveHorizon(opf, stationMw.map((pMw) => ({ injections: [{ bus: 16, pMw }, { bus: 30, pMw: pMw / 2 }] })));
    opf.dispose();
    expect(results).toHaveLength(12);
    for (const r of results) expect(r.status).toBe('optimal');
    for (let k = 1; k < 12; k++) expect(results[k].objectiveUsdPerH).toBeGreaterThan(results[k - 1].objectiveUsdPerH);
  });
});

describe('OpfSession topology cache', () => {
  it('keeps solving correctly after more outage topologies than it caches (oldest evicted)', async () => {
    const opf = await OpfSession.create(case33);
    const base = opf.solve();
    // 20 single-branch outages on the 26–33 lateral and the 19–22 lateral, each its own model.
    const ids = case33.branches.filter((b) => b.inService && b.fromBus >= 19).map((b) => b.id).slice(0, 20);
    for (const id of ids) expect(opf.solve({ outagedBranches: [id] }).status).toBe('optimal');
    const again = opf.solve();
    const first = opf.solve({ outagedBranches: [ids[0]] });
    opf.dispose();
    expect(again.objectiveUsdPerH).toBeCloseTo(base.objectiveUsdPerH, 6);
    expect(first.islands).toBe(2);
  });
});
