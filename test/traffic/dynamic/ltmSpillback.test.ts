/**
 * LTM loading (`loading: 'ltm'`, docs/model.md §2.5 "Physical queues"): a bottleneck corridor
 * against the analytic kinematic-wave (Newell / LWR, triangular diagram) solution, and the DUE
 * on the LTM. The references are computed here by hand from the fundamental diagram, not by
 * the loader.
 */
import { describe, expect, it } from 'vitest';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { ndDueScenario } from './ndDueScenario.ts';

// Corridor 1 → 2 → 3 → 4: two 2-km links of 3,600 veh/h (2 lanes, free speed 60 km/h:
// τ = 2 min) feed a 1,800 veh/h link. Demand 3,000 veh/h enters link 1 from t = 0 for 30 min.
const corridor = buildNetwork({
  name: 'corridor', source: 'ltmSpillback.test', links: [
    { from: 1, to: 2, capacity: 3600, freeFlowMin: 2, lengthKm: 2, bprB: 0 },
    { from: 2, to: 3, capacity: 3600, freeFlowMin: 2, lengthKm: 2, bprB: 0 },
    { from: 3, to: 4, capacity: 1800, freeFlowMin: 2, lengthKm: 2, bprB: 0 },
  ],
});

// Analytic solution (triangular diagram: v_f = 60 km/h, k_jam = 150 veh/km/lane × 2 = 300 veh/km,
// w = c / (k_jam − c / v_f) = 3600 / 240 = 15 km/h):
// upstream state q_A = 3000 veh/h, k_A = q_A / v_f = 50 veh/km;
// queue state q_B = 1800 veh/h (bottleneck), k_B = k_jam − q_B / w = 180 veh/km;
// shock speed u = (q_A − q_B) / (k_A − k_B) = −9.2308 km/h, starting at the end of link 2 at
// t0 = 4 min (first vehicles: 2 × τ); it reaches the upstream end of link 2 at
// t_sb = t0 + 2 km / |u| = 240 s + 780 s = 1020 s, where link 1's outflow drops to 1800 veh/h.
// At 1500 s the queue reaches |u|·480 s = 1.2308 km into link 1: link 1 holds
// 180 × 1.2308 + 50 × 0.7692 = 260.0 veh, link 2 (all queue) 180 × 2 = 360 veh.
const T_SPILL_SEC = 1020;
const LINK1_VEH_1500 = 180 * ((1200 / 130) * (480 / 3600)) + 50 * (2 - (1200 / 130) * (480 / 3600));

function load(stepSec: number) {
  const S = Math.round(3600 / stepSec);
  const dep = new Float64Array(Math.round(1800 / stepSec)).fill((3000 * stepSec) / 3600);
  return loadNetworkDynamic(corridor, [{ links: Int32Array.of(0, 1, 2), departureVehByStep: dep }], { stepSec, horizonSteps: S, loading: 'ltm' });
}

describe('LTM spillback on a bottleneck corridor (analytic kinematic wave)', () => {
  for (const stepSec of [6, 30]) {
    it(`δ = ${stepSec} s: queue reaches link 1 at 1020 s (± one step) and holds 260.0 / 360 veh at 1500 s (± 0.5 veh)`, () => {
      const r = load(stepSec);
      const W = r.steps + 1;
      const rate = (a: number, k: number) => ((r.linkCumOut[a * W + k] - r.linkCumOut[a * W + k - 1]) * 3600) / stepSec;
      let spillSec = -1;
      for (let k = 1; k <= r.steps && spillSec < 0; k++) if (k * stepSec > 300 && rate(0, k) < 3000 - 1) spillSec = (k - 1) * stepSec;
      expect(Math.abs(spillSec - T_SPILL_SEC)).toBeLessThanOrEqual(stepSec);
      const k = 1500 / stepSec;
      expect(Math.abs(r.linkCumIn[k] - r.linkCumOut[k] - LINK1_VEH_1500)).toBeLessThan(0.5);
      expect(Math.abs(r.linkCumIn[W + k] - r.linkCumOut[W + k] - 360)).toBeLessThan(0.5);
      // the bottleneck discharges at capacity while the queue lasts, and everything arrives
      expect(rate(2, k)).toBeCloseTo(1800, 6);
      expect(r.classCumArrivals[r.steps]).toBeCloseTo(1500, 6);
    });
  }

  it('point-queue loading on the same corridor: no spillback, link 1 keeps flowing at 3000 veh/h (the contrast)', () => {
    const stepSec = 6;
    const dep = new Float64Array(300).fill(5);
    const r = loadNetworkDynamic(corridor, [{ links: Int32Array.of(0, 1, 2), departureVehByStep: dep }], { stepSec, horizonSteps: 600 });
    const W = r.steps + 1;
    expect(((r.linkCumOut[250] - r.linkCumOut[249]) * 3600) / stepSec).toBeCloseTo(3000, 6);
    // the queue stands vertically on the bottleneck link: more than its 1 lane × 2 km × 150 veh/km = 300 veh of room
    expect(r.linkCumIn[2 * W + 250] - r.linkCumOut[2 * W + 250]).toBeGreaterThan(300);
    expect(r.linkCumIn[W + 250] - r.linkCumOut[W + 250]).toBeLessThan(101); // link 2 only runs: 3000 veh/h × 2 min
  });
});

describe('DUE on the LTM loading', () => {
  it('Nguyen-Dupuis with 3 stations, 12 × 10 min, 3 classes: converges to relative gap 1e-4 with loading ltm', () => {
    const due = solveDue({ ...ndDueScenario({ stepSec: 30, demandScale: 0.3 }), loading: 'ltm' }, { maxIterations: 300 });
    expect(due.converged).toBe(true);
    expect(due.relativeGap).toBeLessThanOrEqual(1e-4);
    expect(due.checkpoint?.dnl.loading).toBe('ltm');
    expect(Math.abs(due.vehiclesOnNetworkAtEnd)).toBeLessThan(1e-6);
  });
});
