import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import type { DueResult, DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';
import { networkArb } from './randomCases.ts';

const scenarioArb = fc.record({
  network: networkArb,
  rates: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 3, maxLength: 3 }),
  charging: fc.constantFrom(0, 0.2),
  v2g: fc.constantFrom(0, 0.1),
}).map(({ network, rates, charging, v2g }): DueScenario => {
  const last = Math.max(...network.nodeIds) - network.stations.length;
  const cells = network.stations.length * 3;
  const hasStation = network.stations.length > 0;
  return {
    network, demand: [{ origin: 1, destination: last, vehPerHByInterval: rates }],
    shares: { charging: hasStation ? charging : 0, v2g: hasStation ? v2g : 0 }, intervalMin: 10, intervals: 3, stepSec: 60,
    valueOfTimeYuanPerH: 30,
    prices: { chargeYuanPerKWh: new Float64Array(cells).fill(1.5), v2gYuanPerKWh: new Float64Array(cells).fill(2) },
    coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells).fill(1) },
  };
});

describe('solveDue properties (random small networks and demand)', () => {
  it('at a converged DUE no used path is costlier than the cheapest of its OD, class and interval beyond the tolerance', () => {
    const tolerance = 1e-5;
    fc.assert(fc.property(scenarioArb, (scenario) => {
      // only networks with a route choice: more links than the chain and the station links
      const net = scenario.network;
      fc.pre(net.from.length > net.nodeIds.length - 1 + net.stations.length);
      const result = solveDue(scenario, { gapTolerance: tolerance, maxIterations: 300 });
      fc.pre(result.converged);
      expect(result.relativeGap).toBeLessThanOrEqual(tolerance);
      // recompute from the reported paths: Σ f·(g − c_min) over all groups ≤ tolerance · Σ f·|c_min|,
      // so each used path's excess is bounded by the tolerance scaled by its share of the total
      let base = 0;
      const groups = new Map<string, DueResult['paths']>();
      for (const p of result.paths) groups.set(`${p.userClass}`, [...(groups.get(`${p.userClass}`) ?? []), p]);
      for (const paths of groups.values()) {
        for (let t = 0; t < result.intervals; t++) {
          const cmin = Math.min(...paths.map((p) => p.costYuanByInterval[t]));
          base += paths.reduce((s, p) => s + p.flowVehByInterval[t], 0) * Math.abs(cmin);
        }
      }
      for (const paths of groups.values()) {
        for (let t = 0; t < result.intervals; t++) {
          const cmin = Math.min(...paths.map((p) => p.costYuanByInterval[t]));
          for (const p of paths) {
            const f = p.flowVehByInterval[t];
            if (f > 1e-9) expect(f * (p.costYuanByInterval[t] - cmin)).toBeLessThanOrEqual(tolerance * base * (1 + 1e-9) + 1e-12);
            expect(f).toBeGreaterThanOrEqual(0);
          }
        }
      }
      // and the demand of every class and interval is assigned exactly
      const total = result.paths.reduce((s, p) => s + p.flowVehByInterval.reduce((x, y) => x + y, 0), 0);
      const demand = scenario.demand[0].vehPerHByInterval.reduce((x, y) => x + y, 0) / 6;
      expect(total).toBeCloseTo(demand, 6);
    }), { numRuns: 20, maxSkipsPerRun: 200 });
  });
});
