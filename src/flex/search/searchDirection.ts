/**
 * Boundary search for one direction over ascending budgets (docs/model.md §5 "Sweep";
 * seed 003 §2.1 Step 1). The method and its honesty argument are
 * written down in docs/flexibility.md.
 */
import type { CouponWindow } from './couponWindow.js';
import { expandCoupons } from './couponWindow.js';
import type { DesignProbe } from './designPoints.js';
import { admissible, gridServed, projection, type EvaluatedPoint, type FlexEvaluator } from './flexEvaluation.js';
import { loadRaisingComponents } from './loadRaising.js';
import { greedyCandidate, responseSegments, type ResponseSegment } from './surrogateCandidate.js';

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
 *    exact), back off the load-raising components first (`loadRaisingComponents`:
 *    one run at start + the candidate's other components), then bisect towards the
 *    served point.
 * 3b. If the grid stopped the candidate, spend the budget left on the components
 *    that do not load the feeder (greedy on their pieces, on top of the best point,
 *    fitted back into the budget the same way).
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

  const raising = loadRaisingComponents(design.probes, design.evaluated, window.components);
  const bestByBudget: number[] = [];
  for (const [b, budget] of budgetsYuan.entries()) {
    const start = best(budget).point;
    const first = await lineSearch(run, start.x, candidates[b], budget, fitSteps, raising);
    if (!gridServed(first)) await spendOnRelief(run, best(budget).point, segments, raising, window.components, budget, fitSteps);
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
 *
 * When the grid does not serve the candidate, the back-off first keeps the components that do
 * not load the feeder (`raising` false: V2G bonuses, coupons moving charging away from t*) at
 * their candidate values and backs off only the load-raising increments: one run at the pivot
 * (start, plus the candidate's non-raising part); if the pivot is admissible, the segment
 * becomes pivot → candidate. Scaling the whole candidate would also throw away the discharge
 * that does not cause the shedding (measured on the reduced reference case, §3). If the pivot
 * sheds too, but less than the candidate, the segment is start → pivot: the pivot is then the
 * nearer of the two to the feeder's edge (a component counted as not load-raising at t* can still
 * load a later interval).
 */
async function lineSearch(
  run: (x: readonly number[]) => Promise<EvaluatedPoint>,
  start: readonly number[],
  candidate: readonly number[],
  budget: number,
  fitSteps: number,
  raising?: readonly boolean[],
): Promise<EvaluatedPoint> {
  const first = await run(candidate);
  if (admissible(first, budget)) return first;
  let from = start;
  let fromYuan = 0; // the start point's subsidy is ≤ budget by choice; its exact value only shapes the guess
  if (!gridServed(first) && raising !== undefined) {
    const pivot = start.map((v, j) => (raising[j] && candidate[j] > v ? v : candidate[j]));
    const moved = pivot.some((v, j) => v !== start[j]) && pivot.some((v, j) => v !== candidate[j]);
    const p = moved ? await run(pivot) : undefined;
    if (p !== undefined && admissible(p, budget)) {
      from = pivot;
      fromYuan = p.subsidyYuan;
    } else if (p !== undefined && shortOfPower(p) && shortOfPower(first) && shortfallMw(p) < shortfallMw(first)) {
      // refused too, but nearer the feeder's edge (less shed): back off the pivot itself
      await backOff(run, from, pivot, fromYuan, p, budget, fitSteps);
      return first;
    }
  }
  await backOff(run, from, candidate, fromYuan, first, budget, fitSteps);
  return first;
}

/**
 * When the grid, not the budget, stopped the line search: spend the budget left on the
 * components that do not load the feeder. The greedy model combination of the non-raising
 * pieces for the budget left (real subsidy of the best point subtracted) is added on top of the
 * best point (each component at the larger of the two values) and fitted back into the budget
 * along best → that candidate as in step 3. Skipped when under 5 % of the budget is left or no
 * non-raising piece improves the direction.
 */
async function spendOnRelief(
  run: (x: readonly number[]) => Promise<EvaluatedPoint>,
  from: EvaluatedPoint,
  segments: readonly ResponseSegment[],
  raising: readonly boolean[],
  components: number,
  budget: number,
  fitSteps: number,
): Promise<void> {
  const leftYuan = budget - from.subsidyYuan;
  if (leftYuan < 0.05 * budget) return;
  const relief = segments.filter((p) => !raising[p.component]);
  if (relief.length === 0) return;
  const extra = greedyCandidate(relief, components, leftYuan).x;
  const candidate = from.x.map((v, j) => Math.max(v, extra[j]));
  if (candidate.every((v, j) => v === from.x[j])) return;
  const first = await run(candidate);
  if (admissible(first, budget)) return;
  await backOff(run, from.x, candidate, from.subsidyYuan, first, budget, fitSteps);
}

/** Whether the grid refused a run for shed household load or curtailed EV charging (not for the DUE or an inexact OPF). */
function shortOfPower(p: EvaluatedPoint): boolean {
  return p.rejection === 'shed' || p.rejection === 'curtailed';
}

/** Household load shed plus EV charging curtailed, MW (the larger of each over the run's intervals). */
function shortfallMw(p: EvaluatedPoint): number {
  return (p.shedMw ?? 0) + (p.curtailedMw ?? 0);
}

/**
 * Regula falsi / bisection on the segment from → to (s ∈ [0, 1]), `fromYuan` the subsidy at
 * `from` (admissible), `toPoint` the run at `to`; at most `fitSteps` runs, stopping once within
 * 3 % under the budget.
 */
async function backOff(
  run: (x: readonly number[]) => Promise<EvaluatedPoint>,
  from: readonly number[],
  to: readonly number[],
  fromYuan: number,
  toPoint: EvaluatedPoint,
  budget: number,
  fitSteps: number,
): Promise<void> {
  const at = (s: number): number[] => from.map((v, j) => v + s * (to[j] - v));
  let sLo = 0;
  let fLo = fromYuan;
  let sHi = 1;
  let fHi = toPoint.subsidyYuan;
  let hiServed = gridServed(toPoint);
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
