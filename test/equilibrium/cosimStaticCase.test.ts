import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { solveByOuterApproximation } from '../../src/equilibrium/outerApproximation.ts';
import { buildMarketProblem } from '../../src/grid/problems/marketProblem.ts';
import { parseScenario } from '../../src/sim/scenario/parseScenario.ts';
import { prepareCosim } from '../../src/sim/run/prepareCosim.ts';
import { quadraticTerm } from '../../src/equilibrium/convexTerm.ts';

/**
 * Static special case of the co-simulator: one interval, instantaneous
 * propagation (STA), LinDistFlow, DLMP-linked tariffs iterated to the fixed point
 * inside the tick. Its coupled result must be a static coupled equilibrium: the
 * LinDistFlow market program of this module, given the co-simulator's station
 * loads, reproduces its DLMPs and import, and the drivers' prices are the tariff of
 * those DLMPs.
 */
describe('co-simulator static special case = static coupled equilibrium (Nguyen-Dupuis + case33bw, one interval)', () => {
  it('matches DLMPs (1e-6 rel.) and prices (fixed-point tolerance)', async () => {
    const dir = new URL('../../scenarios/', import.meta.url).pathname;
    const raw = JSON.parse(readFileSync(`${dir}nguyen-dupuis-ieee33-evening-peak.json`, 'utf8'));
    raw.horizon = { ...raw.horizon, intervals: 1 };
    raw.demand = { ...raw.demand, profile: [1], scale: 0.3 };
    raw.traffic = { ...raw.traffic, propagation: 'instantaneous' };
    raw.feeder = { ...raw.feeder, formulation: 'lindistflow', loadScale: 1 };
    raw.prices = { ...raw.prices, charge: { mode: 'dlmp', markupYuanPerKWh: 1.5, passThrough: 1 }, v2g: { mode: 'dlmp', markupYuanPerKWh: 0.5, passThrough: 1 } };
    raw.feedback = 'fixed-point';
    // Demand scale 0.3: at scale 1 the co-simulator's own LinDistFlow OPF reports the single interval infeasible.
    const scenario = parseScenario(raw, 'static-case');
    const sim = await prepareCosim(scenario, { baseDir: dir, source: 'static-case' });
    let result;
    try {
      result = await sim.run();
    } finally {
      sim.dispose();
    }
    const interval = result.intervals[0];
    expect(interval.dueConverged).toBe(true);
    expect(interval.fixedPointConverged).toBe(true);
    expect(interval.opf.status).toBe('optimal');

    // Static market program: no LSE retail (fixedShare 1), DGs as one LSE's units, substation import.
    const feeder = sim.feeder;
    const sub = feeder.generators.find((g) => g.kind === 'substation')!;
    const dgs = feeder.generators.filter((g) => g.kind !== 'substation');
    const stationNet = new Map<number, number>();
    result.stationBuses.forEach((bus, s) => stationNet.set(bus, (stationNet.get(bus) ?? 0) + interval.netMw[s]));
    const model = buildMarketProblem(feeder, {
      loadScale: interval.loadScale, outagedBranches: [], fixedShare: 1, elasticRefPriceUsdPerMwh: 1, elasticity: 1,
      lses: [{ id: 'DG', generators: dgs.map((g) => ({ bus: g.bus, pMinMw: g.pMinMw, pMaxMw: g.pMaxMw, qMaxMvar: Math.max(Math.abs(g.qMinMvar), g.qMaxMvar), costUsdPerMwh: g.costUsdPerMwh, costUsdPerMw2h: g.costUsdPerMw2h })) }],
      importPriceUsdPerMwh: sub.costUsdPerMwh, importMaxMw: sub.pMaxMw, importQMaxMvar: Math.max(Math.abs(sub.qMinMvar), sub.qMaxMvar),
      sheddingPenaltyUsdPerMwh: feeder.sheddingPenaltyUsdPerMwh, vMinPu: feeder.buses[1].vMinPu, vMaxPu: feeder.buses[1].vMaxPu,
      defaultRatingMva: Infinity, ratings: [],
      stations: [...stationNet.keys()].map((bus) => ({ bus, pMinMw: stationNet.get(bus)!, pMaxMw: stationNet.get(bus)! })),
    });
    const terms = model.terms.map((t) => quadraticTerm(t.col, t.quadUsdPerMw2h, t.linUsdPerMwh, t.lower, t.upper));
    const out = await solveByOuterApproximation(model.builder, terms, { tolerance: 1e-9, maxIterations: 30, residual: () => 0, module: 'test' });
    const x = out.solution.colValue;
    expect(x[model.importCol]).toBeCloseTo(interval.opf.importMw, 5);
    model.busIds.forEach((bus, p) => {
      const mine = out.solution.rowDual[model.balanceRow[p]];
      const theirs = interval.opf.dlmpP[bus];
      expect(Math.abs(mine - theirs) / Math.max(1, Math.abs(theirs)), `bus ${bus}`).toBeLessThan(1e-6);
    });
    // Prices seen by drivers are the tariff of the interval's own DLMPs (fixed point).
    const yuanPerUsd = scenario.prices.yuanPerUsd;
    interval.chargePriceYuanPerKWh.forEach((price, s) => {
      expect(Math.abs(price - (1.5 + (interval.dlmpAtStationUsdPerMwh[s] * yuanPerUsd) / 1000))).toBeLessThan(scenario.solver.fixedPointTolerance * 10);
    });
  }, 60_000);
});
