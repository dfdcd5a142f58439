import { describe, expect, it } from 'vitest';
import { couponWindow, expandCoupons, type CouponWindow } from '../../../src/flex/search/couponWindow.ts';
import { designProbes, type DesignProbe } from '../../../src/flex/search/designPoints.ts';
import { admissible, projection, type EvaluatedPoint, type FlexEvaluator } from '../../../src/flex/search/flexEvaluation.ts';
import { searchDirection } from '../../../src/flex/search/searchDirection.ts';
import { fakeEvaluator } from '../fakeResponse.ts';

async function design(n: number) {
  const fake = fakeEvaluator(n, 12, 6);
  const window = couponWindow({ stations: n, intervals: 12, timeIndex: 6, blocks: 2 });
  const probes = designProbes(window, [0.25, 1]);
  const evaluated: EvaluatedPoint[] = [];
  for (const p of probes) evaluated.push({ ...(await fake.evaluate(expandCoupons(window, p.x))), x: p.x });
  return { fake, window, probes, evaluated };
}

/** The fake with a feeder that "sheds" when CS3 draws more than `limitMw`, and the design evaluated on it. */
async function sheddingAbove(evaluate: FlexEvaluator, window: CouponWindow, probes: readonly DesignProbe[], limitMw: number) {
  const shedding: FlexEvaluator = async (book) => {
    const e = await evaluate(book);
    return e.netMw[2] > limitMw ? { ...e, rejection: 'shed', shedMw: e.netMw[2] - limitMw } : e;
  };
  const design2: EvaluatedPoint[] = [];
  for (const p of probes) design2.push({ ...(await shedding(expandCoupons(window, p.x))), x: p.x });
  return { shedding, design2 };
}

describe('searchDirection', () => {
  it('should keep every budget on the real (re-evaluated) subsidy and never get worse as the budget grows', async () => {
    const { fake, window, probes, evaluated } = await design(3);
    const budgets = [200, 500, 1000, 3000];
    for (const a of [[0, 0, 1], [0, 0, -1], [1, -1, 0].map((v) => v / Math.SQRT2)]) {
      const res = await searchDirection(fake.evaluate, window, a, budgets, { probes, evaluated });
      const chosen = res.bestByBudget.map((i) => (i >= 0 ? res.evaluated[i] : evaluated[-1 - i]));
      chosen.forEach((p, k) => expect(p.subsidyYuan).toBeLessThanOrEqual(budgets[k]));
      for (let k = 1; k < chosen.length; k++) {
        expect(projection(a, chosen[k].netMw)).toBeLessThanOrEqual(projection(a, chosen[k - 1].netMw) + 1e-12);
      }
      // Every reported point reproduces when its coupons are evaluated again.
      for (const p of chosen) {
        const again = await fake.evaluate(expandCoupons(window, p.x));
        again.netMw.forEach((v, i) => expect(v).toBeCloseTo(p.netMw[i], 12));
      }
      // The search moves the point: the largest budget beats the base along a.
      expect(projection(a, chosen[3].netMw)).toBeLessThan(projection(a, evaluated[0].netMw) - 0.1);
    }
  });
  it('should reach the budget within the fitting slack when the greedy candidate overshoots', async () => {
    const { fake, window, probes, evaluated } = await design(3);
    const res = await searchDirection(fake.evaluate, window, [0, 0, 1], [300], { probes, evaluated }, { fitSteps: 6, refineSteps: 0 });
    const i = res.bestByBudget[0];
    const best = i >= 0 ? res.evaluated[i] : evaluated[-1 - i];
    expect(best.subsidyYuan).toBeLessThanOrEqual(300);
    expect(best.subsidyYuan).toBeGreaterThan(0.5 * 300);
  });
  it('should return the base point when no coupon improves the direction (budget 0)', async () => {
    const { fake, window, probes, evaluated } = await design(2);
    const res = await searchDirection(fake.evaluate, window, [1, 0], [0], { probes, evaluated }, { refineSteps: 0 });
    expect(res.bestByBudget[0]).toBe(-1);
  });
  it('should back off along start → candidate to a point the grid serves when the candidate sheds (budget and grid checked on real runs)', async () => {
    const { fake, window, probes } = await design(3);
    // The feeder "sheds" when CS3 draws more than 1.6 MW (the fake's base: 1 MW at every station); the
    // separable model never sees this, so the greedy candidate for "CS3 up" crosses the limit.
    const limitMw = 1.6;
    const { shedding, design2 } = await sheddingAbove(fake.evaluate, window, probes, limitMw);
    const a = [0, 0, -1];
    const search = (fitSteps: number) => searchDirection(shedding, window, a, [3000], { probes, evaluated: design2 }, { fitSteps, refineSteps: 0 });
    const none = await search(0);
    expect(none.evaluated[0].rejection).toBe('shed'); // the candidate sheds: the case this test is about
    const res = await search(3);
    const i = res.bestByBudget[0];
    const best = i >= 0 ? res.evaluated[i] : design2[-1 - i];
    expect(admissible(best, 3000)).toBe(true);
    expect(best.netMw[2]).toBeLessThanOrEqual(limitMw);
    // better than every admissible point the search had without the back-off (design included), by ≥ 0.01 MW
    const before = [...design2, ...none.evaluated].filter((p) => admissible(p, 3000)).reduce((m, p) => Math.max(m, p.netMw[2]), -Infinity);
    expect(best.netMw[2]).toBeGreaterThan(before + 0.01);
  });
  it('should keep the non-raising part of a shedding candidate and back off only the load-raising part (beats plain bisection and the design by ≥ 0.05 MW)', async () => {
    const { fake, window, probes } = await design(3);
    // Direction: CS1 down, CS3 up. The feeder "sheds" when CS3 draws more than 1.4 MW: the CS3 charge coupons of the
    // greedy candidate cross it, while CS1's V2G bonus (lowers the load) is not what sheds.
    const { shedding, design2 } = await sheddingAbove(fake.evaluate, window, probes, 1.4);
    const a = [1, 0, -1].map((v) => v / Math.SQRT2);
    const budget = 3000;
    const res = await searchDirection(shedding, window, a, [budget], { probes, evaluated: design2 }, { fitSteps: 3, refineSteps: 0 });
    const i = res.bestByBudget[0];
    const best = i >= 0 ? res.evaluated[i] : design2[-1 - i];
    expect(admissible(best, budget)).toBe(true);
    // Independent baseline: the plain back-off (bisection of the whole start → candidate segment, 3 runs), run here.
    const candidate = res.evaluated[0];
    expect(candidate.rejection).toBe('shed'); // the case this test is about
    let lo = 0;
    let hi = 1;
    let plain = design2[0];
    for (let k = 0; k < 3; k++) {
      const s = 0.5 * (lo + hi);
      const x = candidate.x.map((v) => s * v);
      const e = await shedding(expandCoupons(window, x));
      if (admissible({ ...e, x }, budget)) { lo = s; plain = { ...e, x }; } else hi = s;
    }
    // … or the best admissible design point, whichever is better along a
    const baseline = Math.min(projection(a, plain.netMw), ...design2.filter((p) => admissible(p, budget)).map((p) => projection(a, p.netMw)));
    expect(projection(a, best.netMw)).toBeLessThan(baseline - 0.05);
  });
  it('should back off start → pivot when the pivot sheds too but less than the candidate, and start → candidate when it fails otherwise', async () => {
    // A scripted linear feeder on 2 stations (base P = [1, 0.3] MW; shed = max(0, P2 − 0.5)). Coupon fractions
    // u = x / upper of three components: A (V2G at station 0): P1 −0.5·u, P2 +0.15·u; B (V2G at station 0, another
    // block): P1 −0.3·u, P2 +0.15·u; C (charge at station 1): P2 +0.4·u. Subsidy 100 ¥ per unit of u each.
    // Alone, A and B lower the stations' total load and shed nothing (not load-raising); C raises it.
    const window = couponWindow({ stations: 2, intervals: 12, timeIndex: 6, blocks: 2 });
    const pick = (kind: number, station: number, skip = 0) =>
      [...Array(window.components).keys()].filter((j) => window.componentKind[j] === kind && window.componentStation[j] === station && window.blockRoles[window.componentBlock[j]] === 'window')[skip];
    const [A, B, C] = [pick(1, 0, 0), pick(1, 0, 1), pick(0, 1, 0)];
    const frac = (book: ReturnType<typeof expandCoupons>, j: number): number => {
      const t = window.blockIntervals[window.componentBlock[j]][0];
      const v = (window.componentKind[j] === 0 ? book.chargeYuanPerKWh : book.v2gYuanPerVisit)[window.componentStation[j] * 12 + t];
      return v / window.upper[j];
    };
    const scripted = (refuseDueAtPivot: boolean): FlexEvaluator => async (book) => {
      const [a, b, c] = [frac(book, A), frac(book, B), frac(book, C)];
      const netMw = [1 - 0.5 * a - 0.3 * b, 0.3 + 0.15 * a + 0.15 * b + 0.4 * c];
      const shed = Math.max(0, netMw[1] - 0.5);
      const base = { netMw, subsidyYuan: 100 * (a + b + c), dueGap: 0, converged: true, feasible: true };
      if (refuseDueAtPivot && a === 1 && b === 1 && c === 0) return { ...base, converged: false, rejection: 'due-not-converged' };
      return shed > 0 ? { ...base, rejection: 'shed', shedMw: shed } : base;
    };
    const probes = designProbes(window, [0.5, 1]);
    const a = [1, -1].map((v) => v / Math.SQRT2);
    for (const refuseDueAtPivot of [false, true]) {
      const evaluate = scripted(refuseDueAtPivot);
      const evaluated: EvaluatedPoint[] = [];
      for (const p of probes) evaluated.push({ ...(await evaluate(expandCoupons(window, p.x))), x: p.x });
      const res = await searchDirection(evaluate, window, a, [300], { probes, evaluated }, { fitSteps: 3, refineSteps: 0 });
      // start: the best admissible design point, A alone at full (P = [0.5, 0.45]); candidate A + B + C (300 ¥,
      // P2 = 1.0: sheds 0.5); pivot = start + the non-raising part = A + B (P2 = 0.6: sheds 0.1)
      const [candidate, pivot, next] = res.evaluated;
      expect([frac(expandCoupons(window, candidate.x), A), frac(expandCoupons(window, candidate.x), B), frac(expandCoupons(window, candidate.x), C)]).toEqual([1, 1, 1]);
      expect([pivot.x[A], pivot.x[B], pivot.x[C]]).toEqual([window.upper[A], window.upper[B], 0]);
      const u = [A, B, C].map((j) => next.x[j] / window.upper[j]);
      if (!refuseDueAtPivot) {
        expect(pivot.shedMw).toBeCloseTo(0.1, 12);
        expect(u).toEqual([1, 0.5, 0]); // midpoint of start → pivot
        // the back-off ends at B = 0.25 (bisection: 0.5 sheds, 0.25 is served, 0.375 sheds); the relief step then
        // takes the greedy non-raising combination for the 175 ¥ left (A's pieces, then B to 0.75), on top: B = 0.75
        // sheds, 0.5 and 0.375 are known to shed, B = 0.3125 is served: P = [0.40625, 0.496875]
        const i = res.bestByBudget[0];
        const best = i >= 0 ? res.evaluated[i] : evaluated[-1 - i];
        expect(projection(a, best.netMw)).toBeCloseTo((0.40625 - 0.496875) / Math.SQRT2, 12);
      } else {
        expect(pivot.rejection).toBe('due-not-converged');
        expect(u).toEqual([1, 0.5, 0.5]); // midpoint of start → candidate: a DUE failure says nothing about the feeder's edge
      }
    }
  });
});
