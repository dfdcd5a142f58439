/**
 * A small, smooth, saturating stand-in for the co-simulation's response
 * coupons → station net load at t* (test fixture, not a model of traffic).
 *
 * Each station's charging load is attracted by its own charging coupon and
 * repelled by the others' (drivers move between stations); V2G coupons draw
 * discharging vehicles. Arrivals grow with the coupons, so the subsidy is
 * convex in the coupon level — the property that makes budget fitting necessary.
 */
import type { CouponBook } from '../../src/sim/run/cosimContext.ts';
import type { FlexEvaluation, FlexEvaluator } from '../../src/flex/search/flexEvaluation.ts';

/** Fake evaluator for n stations and T intervals with t* = `timeIndex`; counts calls. */
export function fakeEvaluator(n: number, T: number, timeIndex: number): { evaluate: FlexEvaluator; calls: () => number } {
  let calls = 0;
  const evaluate: FlexEvaluator = async (book: CouponBook): Promise<FlexEvaluation> => {
    calls++;
    const pull = new Float64Array(n); // charge attraction per station, saturating
    const v2g = new Float64Array(n);
    let subsidy = 0;
    for (let s = 0; s < n; s++) {
      for (let t = Math.max(0, timeIndex - 3); t <= timeIndex; t++) {
        const c = book.chargeYuanPerKWh[s * T + t];
        const v = book.v2gYuanPerVisit[s * T + t];
        const weight = t >= timeIndex - 1 ? 1 : -0.5; // early coupons move charging out of t*
        pull[s] += weight * Math.tanh(c);
        v2g[s] += Math.tanh(v / 30);
        const arrivalsCh = 10 * (1 + Math.tanh(c));
        const arrivalsV = 5 * (1 + Math.tanh(v / 30));
        subsidy += arrivalsCh * c * 20 + arrivalsV * v;
      }
    }
    let totalPull = 0;
    for (let s = 0; s < n; s++) totalPull += pull[s];
    const netMw = Array.from({ length: n }, (_, s) => 1 + 0.8 * pull[s] - (0.3 * (totalPull - pull[s])) / Math.max(1, n - 1) - 0.5 * v2g[s]);
    return { netMw, subsidyYuan: subsidy, dueGap: 1e-4, converged: true, feasible: true };
  };
  return { evaluate, calls: () => calls };
}
