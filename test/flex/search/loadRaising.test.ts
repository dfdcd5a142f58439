import { describe, expect, it } from 'vitest';
import { couponWindow, expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { designProbes } from '../../../src/flex/search/designPoints.ts';
import type { EvaluatedPoint } from '../../../src/flex/search/flexEvaluation.ts';
import { loadRaisingComponents } from '../../../src/flex/search/loadRaising.ts';
import { fakeEvaluator } from '../fakeResponse.ts';

describe('loadRaisingComponents', () => {
  // The fake response (test/flex/fakeResponse.ts), 3 stations, t* = 6, window [3, 6] in 2 blocks + before/after:
  // total load change of a single coupon = Σ_s ΔP_s. Charge coupon in the late block [5, 6] at station s: own +0.8·tanh c·w,
  // the other two −0.3·tanh c·w/2 each (w = 2 intervals) → +0.5·w·tanh c > 0: raising. Early block [3, 4] (weight −0.5):
  // −0.25·w·tanh c < 0: not raising. V2G: −0.5·tanh(v/30)·w < 0: not raising. Blocks outside [3, 6]: no response (0 MW
  // change, not above 1e-6): not raising. (Hand computation from the fixture's formulas.)
  it('should flag late charge coupons as raising and V2G, early charge and unanswered-free coupons as not (hand computation)', async () => {
    const fake = fakeEvaluator(3, 12, 6);
    const window = couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2 });
    const probes = designProbes(window, [0.25, 1]);
    const evaluated: EvaluatedPoint[] = [];
    for (const p of probes) evaluated.push({ ...(await fake.evaluate(expandCoupons(window, p.x))), x: p.x });
    const raising = loadRaisingComponents(probes, evaluated, window.components);
    for (let j = 0; j < window.components; j++) {
      const role = window.blockRoles[window.componentBlock[j]];
      const intervals = window.blockIntervals[window.componentBlock[j]];
      const late = role === 'window' && intervals.every((t) => t >= 5);
      const want = window.componentKind[j] === 0 && late;
      expect(raising[j], `component ${j} (kind ${window.componentKind[j]}, block ${intervals.join('–')})`).toBe(want);
    }
  });
  it('should flag a component whose highest answered probe sheds, and one without any answered probe', () => {
    const base: EvaluatedPoint = { netMw: [1, 1], subsidyYuan: 0, dueGap: 0, converged: true, feasible: true, x: [0, 0, 0] };
    const lower = (x: number[], extra: Partial<EvaluatedPoint> = {}): EvaluatedPoint => ({ ...base, netMw: [0.9, 1], x, ...extra });
    const probes = [
      { component: -1, level: 0, x: [0, 0, 0] },
      { component: 0, level: 0.5, x: [1, 0, 0] },
      { component: 0, level: 1, x: [2, 0, 0] },
      { component: 1, level: 1, x: [0, 2, 0] },
      { component: 2, level: 1, x: [0, 0, 2] },
    ];
    const evaluated = [
      base,
      lower([1, 0, 0]),
      lower([2, 0, 0], { rejection: 'shed', shedMw: 0.2 }), // lowers the load at t*, sheds elsewhere
      lower([0, 2, 0]),
      lower([0, 0, 2], { feasible: false, rejection: 'opf-infeasible' }), // no answer at all
    ];
    expect(loadRaisingComponents(probes, evaluated, 3)).toEqual([true, false, true]);
  });
});
