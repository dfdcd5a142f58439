/**
 * Per-class accuracy of a DUE solution (issue 10 item 5) on a case whose costs are computed by
 * hand: STA (no propagation), constant link times (BPR b = 0, no crowding term), one interval.
 *
 * Network: 1 →A (10 min) 2, 1 →B (20 min) 2, station S at node 2 (charge 20 min at 60 kW,
 * V2G 30 min at 40 kW), 2' →C (5 min) 3. θ = 30 ¥/h = 0.5 ¥/min, charging 2 ¥/kWh, V2G 1.2 ¥/kWh.
 * Demand 1→3: 60 veh in the hour; regular 30, charging 15, V2G 15 vehicles.
 *
 * Costs (¥): regular A 15·0.5 = 7.5, B 25·0.5 = 12.5; charging A 35·0.5 + 20 kWh·2 = 57.5,
 * B 62.5; V2G A 45·0.5 − 20 kWh·1.2 = −1.5 (money −24), B 3.5.
 * Split held fixed (warm start, no iteration): regular 20/10, charging 10/5, V2G 12/3 on A/B.
 *
 * Hand results, gap = Σ f·(g − c_min) / Σ Q·(θ·T_b + |M_b|):
 * - regular: excess 10·5 = 50 ¥; scale 30·7.5 = 225 → 0.22222; 50/30 = 1.66667 ¥/veh = 3.33333 min/veh
 * - charging: excess 5·5 = 25; scale 15·(17.5 + 40) = 862.5 → 0.028986; 1.66667 ¥/veh = 3.33333 min
 * - V2G: excess 3·5 = 15; scale 15·(22.5 + 24) = 697.5 → 0.021505 (the old Σ Q·|c_min| = 22.5
 *   would give 0.667); 1 ¥/veh = 2 min
 * - overall: 90 / 1785 = 0.050420.
 */
import { describe, expect, it } from 'vitest';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { LinkKind, type Network } from '../../../src/traffic/network/network.ts';
import type { DueResult, DueScenario, UserClass } from '../../../src/traffic/dynamic/dueTypes.ts';

function tinyNetwork(): Network {
  const road = buildNetwork({
    name: 'two-routes', source: 'test',
    links: [
      { from: 1, to: 2, capacity: 10000, freeFlowMin: 10, bprB: 0 },
      { from: 1, to: 2, capacity: 10000, freeFlowMin: 20, bprB: 0 },
      { from: 2, to: 3, capacity: 10000, freeFlowMin: 5, bprB: 0 },
    ],
  });
  return insertStations(road, [{
    id: 'S', node: 2, chargers: 100, v2gPorts: 100, chargeKw: 60, chargeServiceMin: 20, v2gKw: 40, v2gServiceMin: 30,
    chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0,
  }]);
}

function scenario(valueOfTimeYuanPerH: number): DueScenario {
  return {
    network: tinyNetwork(),
    demand: [{ origin: 1, destination: 3, vehPerHByInterval: [60] }],
    shares: { charging: 0.25, v2g: 0.25 },
    intervalMin: 60, intervals: 1, stepSec: 60, valueOfTimeYuanPerH, propagation: 'instantaneous',
    prices: { chargeYuanPerKWh: Float64Array.of(2), v2gYuanPerKWh: Float64Array.of(1.2) },
    coupons: { chargeYuanPerKWh: Float64Array.of(0), v2gYuanPerVisit: Float64Array.of(0) },
  };
}

/** A hand-made warm start holding the split fixed: per class, flows on route A and route B. */
function split(net: Network, flows: Record<UserClass, [number, number]>): DueResult {
  const linkOf = (kind: number) => net.kind.findIndex((k) => k === kind);
  const station: Record<UserClass, number> = { regular: linkOf(LinkKind.bypass), charging: linkOf(LinkKind.charge), v2g: linkOf(LinkKind.v2g) };
  const paths = (['regular', 'charging', 'v2g'] as const).flatMap((userClass) => [0, 1].map((route) => ({
    origin: 1, destination: 3, userClass, links: Int32Array.of(route, station[userClass], 2),
    flowVehByInterval: Float64Array.of(flows[userClass][route]),
    costYuanByInterval: new Float64Array(1), travelTimeMinByInterval: new Float64Array(1), moneyYuanByInterval: new Float64Array(1),
  })));
  return { paths, intervals: 1 } as unknown as DueResult;
}

const FLOWS: Record<UserClass, [number, number]> = { regular: [20, 10], charging: [10, 5], v2g: [12, 3] };

describe('DUE accuracy per class (hand-computed two-route case with a station)', () => {
  it('relative gap, excess ¥ and minutes per vehicle per class match the hand values to 1e-9', () => {
    const s = scenario(30);
    const r = solveDue(s, { warmStart: split(s.network, FLOWS), maxIterations: 0 });
    const c = r.byClass;
    expect(c.regular.vehicles).toBeCloseTo(30, 9);
    expect(c.charging.vehicles).toBeCloseTo(15, 9);
    expect(c.v2g.vehicles).toBeCloseTo(15, 9);
    expect(c.regular.relativeGap).toBeCloseTo(50 / 225, 9);
    expect(c.charging.relativeGap).toBeCloseTo(25 / 862.5, 9);
    expect(c.v2g.relativeGap).toBeCloseTo(15 / 697.5, 9);
    expect(c.regular.excessCostYuanPerVeh).toBeCloseTo(50 / 30, 9);
    expect(c.charging.excessCostYuanPerVeh).toBeCloseTo(25 / 15, 9);
    expect(c.v2g.excessCostYuanPerVeh).toBeCloseTo(1, 9);
    expect(c.regular.excessTimeMinPerVeh).toBeCloseTo(10 / 3, 9);
    expect(c.charging.excessTimeMinPerVeh).toBeCloseTo(10 / 3, 9);
    expect(c.v2g.excessTimeMinPerVeh).toBeCloseTo(2, 9);
    expect(r.relativeGap).toBeCloseTo(90 / 1785, 9);
    expect(r.converged).toBe(false);
  });

  it('convergence is judged per class: a V2G-only excess above the tolerance is not drowned by the other classes', () => {
    const s = scenario(30);
    // regular and charging at equilibrium (all on A); V2G 14.9 / 0.1: class gap 0.1·5 / 697.5 = 7.2e-4, overall 0.5 / 1785 = 2.8e-4
    const r = solveDue(s, { warmStart: split(s.network, { regular: [30, 0], charging: [15, 0], v2g: [14.9, 0.1] }), maxIterations: 0, gapTolerance: 5e-4 });
    expect(r.byClass.v2g.relativeGap).toBeCloseTo(0.5 / 697.5, 9);
    expect(r.relativeGap).toBeCloseTo(0.5 / 1785, 9);
    expect(r.relativeGap).toBeLessThan(5e-4);
    expect(r.converged).toBe(false);
  });

  it('θ = 0: excess minutes are null, the ¥ measures stay (money-only costs: charging A = B = 40 ¥, V2G −24 ¥)', () => {
    const s = scenario(0);
    const r = solveDue(s, { warmStart: split(s.network, FLOWS), maxIterations: 0 });
    for (const c of ['regular', 'charging', 'v2g'] as const) {
      expect(r.byClass[c].excessTimeMinPerVeh).toBeNull();
      expect(r.byClass[c].excessCostYuanPerVeh).toBeCloseTo(0, 12);
      expect(Number.isFinite(r.byClass[c].relativeGap)).toBe(true);
    }
    expect(r.converged).toBe(true);
  });
});
