/**
 * Boundary search for one direction over ascending budgets (docs/model.md §5 "Sweep";
 * seed 003 §2.1 Step 1). The method and its honesty argument are
 * written down in docs/flexibility.md.
 */
import type { CouponWindow } from './couponWindow.js';
import { expandCoupons } from './couponWindow.js';
import type { DesignProbe } from './designPoints.js';
import { admissible, gridServed, projection, type EvaluatedPoint, type FlexEvaluator } from './flexEvaluation.js';
import { greedyCandidate, responseSegments } from './surrogateCandidate.js';

/** Controls of {@link searchDirection}. */
export interface SearchControls {
  /** Regula-falsi steps that scale a candidate back into the budget; default 3. */
  readonly fitSteps?: number;
  /** Pattern-search evaluations per budget after the candidate; default 2. */
  readonly refineSteps?: number;
}

/** Result of {@link searchDirection}: every evaluated point (the caller picks per budget from all of them). */
export interface DirectionSearch {
  /** Points evaluated by this search, in evaluation order. */
  readonly evaluated: EvaluatedPoint[];
  /** Index (in `evaluated`, or −1 − i for design point i) of the best admissible point per budget. */
  readonly bestByBudget: number[];
}

/**
 * Minimize aᵀP over coupons within each budget, drivers responding by the evaluator
 * (DUE + OPF), for budgets in ascending order.
 *
 * 1. Model: piecewise-linear single-coupon responses from the design probes
 *    (`responseSegments`), ranked by MW gained per ¥ along a.
 * 2. Per budget F (ascending): start from the best admissible point so far
 *    (design points, earlier budgets: the smaller budget's optimum is feasible for
 *    F, so a larger budget is never worse — nested tiers).
 * 3. Candidate: the greedy model combination for F; evaluate it. If the real
 *    subsidy exceeds F, move back along the segment start → candidate by regula
 *    falsi on the subsidy (at most `fitSteps` runs), so the budget holds exactly
 *    on the real, re-simulated subsidy; if the grid does not serve it (shed, not
 *    exact), bisect the same segment towards the served start.
 * 4. Pattern search: from the best point, add a step of the next ranked coupon
 *    (step = its probe range, halved after a failed try), keep improvements.
 * 5. Every run is kept; the best admissible point per budget is reported.
 *
 * @param evaluator - coupon book → evaluation (deterministic)
 * @param window - the reduced coupon space
 * @param direction - unit vector a (n entries)
 * @param budgetsYuan - ascending budgets F_max, ¥
 * @param design - probes and their evaluations (base first)
 * @param controls - {@link SearchControls}
 * @example
 * const res = await searchDirection(evaluate, window, [0, 0, 1], [1000, 2000], { probes, evaluated });
 */
export async function searchDirection(
  evaluator: FlexEvaluator,
  window: CouponWindow,
  direction: readonly number[],
  budgetsYuan: readonly number[],
  design: { readonly probes: readonly DesignProbe[]; readonly evaluated: readonly EvaluatedPoint[] },
  controls: SearchControls = {},
): Promise<DirectionSearch> {
  const fitSteps = controls.fitSteps ?? 3;
  const refineSteps = controls.refineSteps ?? 2;
  const segments = responseSegments(direction, design.probes, design.evaluated);
  const candidates = modelCandidates(window, design, direction, budgetsYuan, segments);
  const evaluated: EvaluatedPoint[] = [];
  const seen = new Map<string, EvaluatedPoint>();
  const run = async (x: readonly number[]): Promise<EvaluatedPoint> => {
    const key = componentKey(x);
    const known = seen.get(key);
    if (known) return known;
    const e = await evaluator(expandCoupons(window, x));
    const point: EvaluatedPoint = { ...e, x: [...x] };
    seen.set(key, point);
    evaluated.push(point);
    return point;
  };
  const best = (budget: number): { point: EvaluatedPoint; index: number } => {
    let out = { point: design.evaluated[0], index: -1 };
    let value = Infinity;
    design.evaluated.forEach((p, i) => {
      const v = projection(direction, p.netMw);
      if (admissible(p, budget) && v < value - 1e-12) {
        value = v;
        out = { point: p, index: -1 - i };
      }
    });
    evaluated.forEach((p, i) => {
      const v = projection(direction, p.netMw);
      if (admissible(p, budget) && v < value - 1e-12) {
        value = v;
        out = { point: p, index: i };
      }
    });
    return out;
  };

  const bestByBudget: number[] = [];
  for (const [b, budget] of budgetsYuan.entries()) {
    const start = best(budget).point;
    await lineSearch(run, start.x, candidates[b], budget, fitSteps);
    await patternSearch(run, best, segments.map((s) => s.component), window, budget, refineSteps);
    bestByBudget.push(best(budget).index);
  }
  return { evaluated, bestByBudget };
}

/**
 * Key of a component vector: vectors equal to 12 significant digits are one run of the search.
 *
 * @example
 * componentKey([0.5, 0]); // '0.500000000000,0.00000000000'
 */
export function componentKey(x: readonly number[]): string {
  return x.map((v) => v.toPrecision(12)).join(',');
}

/**
 * The search's first run per budget (step 3): the greedy combination of the design's
 * single-coupon responses along `direction`, which depends on the design alone.
 *
 * @param segments - `responseSegments(direction, …)` when the caller has them already
 * @example
 * modelCandidates(window, { probes, evaluated }, [0, 0, 1], [1000, 2000]); // two component vectors
 */
export function modelCandidates(
  window: CouponWindow,
  design: { readonly probes: readonly DesignProbe[]; readonly evaluated: readonly EvaluatedPoint[] },
  direction: readonly number[],
  budgetsYuan: readonly number[],
  segments = responseSegments(direction, design.probes, design.evaluated),
): number[][] {
  return budgetsYuan.map((budget) => greedyCandidate(segments, window.components, budget).x);
}

/**
 * Evaluate the candidate; if it is over budget or the grid does not serve it, move back along
 * start → candidate (s ∈ [0, 1]): regula falsi on the subsidy while the failure is the budget,
 * bisection while it is the grid (shed, curtailment, inexact OPF: the design's separable model
 * knows nothing of the feeder, and the region's edge is often where shedding starts).
 */
async function lineSearch(
  run: (x: readonly number[]) => Promise<EvaluatedPoint>,
  start: readonly number[],
  candidate: readonly number[],
  budget: number,
  fitSteps: number,
): Promise<void> {
  const at = (s: number): number[] => start.map((v, j) => v + s * (candidate[j] - v));
  const first = await run(candidate);
  if (admissible(first, budget)) return;
  let sLo = 0;
  let fLo = 0; // the start point's subsidy is ≤ budget by choice; its exact value only shapes the guess
  let sHi = 1;
  let fHi = first.subsidyYuan;
  let hiServed = gridServed(first);
  for (let k = 0; k < fitSteps; k++) {
    let s: number;
    if (hiServed && fHi > budget) {
      // Aim slightly inside the budget: subsidy grows faster than linearly when coupons attract drivers.
      s = sLo + ((0.97 * budget - fLo) / (fHi - fLo)) * (sHi - sLo);
      s = Math.min(sHi - 0.05 * (sHi - sLo), Math.max(sLo + 0.05 * (sHi - sLo), s));
    } else {
      s = 0.5 * (sLo + sHi);
    }
    const p = await run(at(s));
    if (admissible(p, budget)) {
      sLo = s;
      fLo = p.subsidyYuan;
      if (hiServed && budget - p.subsidyYuan <= 0.03 * budget) return;
    } else {
      sHi = s;
      fHi = p.subsidyYuan;
      hiServed = gridServed(p);
    }
  }
}

/** Coordinate steps on the ranked coupons with step halving. */
async function patternSearch(
  run: (x: readonly number[]) => Promise<EvaluatedPoint>,
  best: (budget: number) => { point: EvaluatedPoint },
  ranked: readonly number[],
  window: CouponWindow,
  budget: number,
  steps: number,
): Promise<void> {
  if (ranked.length === 0) return;
  const order = [...new Set(ranked)];
  const step = new Map(order.map((j) => [j, 0.25 * window.upper[j]]));
  let k = 0;
  for (let tries = 0; tries < steps; tries++) {
    const j = order[k % order.length];
    k++;
    const current = best(budget).point;
    const x = [...current.x];
    const delta = step.get(j)!;
    x[j] = Math.min(window.upper[j], x[j] + delta);
    if (x[j] === current.x[j]) continue;
    const before = current;
    const p = await run(x);
    const improved = best(budget).point !== before;
    if (!improved || p.subsidyYuan > budget) step.set(j, delta / 2);
  }
}
