/**
 * Tier planning (docs/flexibility.md §7): the cheapest admissible coupon book that meets one
 * or several grid needs, found by optimisation over the full coupon space and verified by
 * re-simulation, then the cheapest subsidy tier that holds it.
 */
import { hullContains } from '../hull/hullContains.js';
import { expandCoupons } from '../search/couponWindow.js';
import { admissible, gridServed, type EvaluatedPoint, type FlexEvaluator } from '../search/flexEvaluation.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { buildFlexProblem } from '../sweep/flexProblem.js';
import { allEvaluated } from '../sweep/runSweep.js';
import { solveBoxLp } from './boxLp.js';
import { meetsNeed, needLoadMw, needViolationMw, type GridNeed } from './gridNeed.js';
import { fitLinearResponses } from './responseModel.js';

/** How a tier relates to the plan. */
export interface TierCheck {
  readonly budgetYuan: number;
  /** Some admissible run within this budget (sweep or planner) meets every need. */
  readonly canMeet: boolean;
  /** The plan's point lies in this tier's hull (within the hull's tolerance). */
  readonly containsPoint: boolean;
}

/** Verified load of one need at the plan's point. */
export interface NeedLoad {
  readonly need: GridNeed;
  /** Net load of the need's stations in the re-simulated run, MW. */
  readonly loadMw: number;
  readonly met: boolean;
}

/** Result of {@link planTier}. */
export interface TierPlan {
  readonly model: string;
  /** The first need (compatibility) and all of them. */
  readonly need: GridNeed;
  readonly needs: readonly GridNeed[];
  /** Cheapest tier holding the plan, ¥ (undefined: no admissible book found meets the needs within the largest budget). */
  readonly tierYuan?: number;
  /** Same as `tierYuan` (the name the CSV tables read). */
  readonly budgetYuan?: number;
  /** Subsidy actually paid by the plan's run, ¥. */
  readonly subsidyYuan?: number;
  /** The plan's point: a real, admissible co-simulation run (coupons `x`, loads, subsidy). */
  readonly point?: EvaluatedPoint;
  /** The point lies in the chosen tier's hull. */
  readonly inTierHull: boolean;
  /** Budgets of the smaller tiers whose hulls contain the point (empty: none). */
  readonly inSmallerTierHulls: number[];
  /** Verified loads of the needs at the point (empty without a point). */
  readonly loads: NeedLoad[];
  readonly tiers: TierCheck[];
  /** Co-simulation runs spent by the planner (shrink + model steps + polish), each one verified. */
  readonly runs: number;
  readonly shrinkRuns: number;
  readonly modelRuns: number;
  readonly polishRuns: number;
  readonly summary: string;
}

/** Options of {@link planTier}. */
export interface PlanOptions {
  /** Shrink runs: bisection on a common scale of the cheapest need-meeting runs' coupons, default 16. */
  readonly shrinkRuns?: number;
  /** Runs the shrink starts from (cheapest first, one per set of non-zero components), default 3. */
  readonly shrinkStarts?: number;
  /** Response-model LP steps (each one co-simulation), default 4. */
  readonly modelRuns?: number;
  /** Coordinate polish runs, default 4. */
  readonly polishRuns?: number;
  /** Initial margin the LP asks beyond each need, MW (grows when a run misses), default 0.005. */
  readonly marginMw?: number;
}

/**
 * Find the cheapest admissible coupon book meeting every need, and its tier.
 *
 * 1. Pool = every run of the sweep (`allEvaluated`: design, searches, refinement); the
 *    incumbent is the cheapest that the grid serves (`gridServed`) and meets every need.
 * 2. Shrink (when `evaluate` is given): the cheapest need-meeting runs of the pool, one per
 *    set of non-zero components (`shrinkStarts`), each scaled by a common factor f ∈ (0, 1)
 *    found by bisection, the starts one step each in turn (see `shrink`). Responses to coupons
 *    are often thresholds (drivers switch station or route at some coupon level), which linear
 *    models miss and bisection finds.
 * 3. Response-model LP with a trust region (when `evaluate` is given): fit the needs' loads
 *    and the subsidy linearly in the scaled coupons z = x / upper around the centre (the
 *    incumbent, else the base) from the pool, weighted by distance; solve
 *    min subsidy s.t. each need met with a margin, 0 ≤ z ≤ 1, |z − z_c| ≤ Δ; re-simulate the
 *    candidate (a real run, added to the pool). A better admissible run becomes the centre and
 *    widens Δ; a run missing a need raises that need's margin by the miss and shrinks Δ; any
 *    other outcome shrinks Δ. An infeasible LP widens Δ up to the whole box.
 * 4. Polish: coordinate steps on the incumbent that halve or drop one coupon component (largest
 *    first), kept only when the real run is served, meets every need and pays less.
 * 5. Tier: the cheapest tier whose budget covers the subsidy and whose hull contains the point,
 *    else the cheapest whose budget covers it (`inTierHull` false); chosen after the last change
 *    of the subsidy. Only re-simulated points are ever reported.
 *
 * @param result - a model's sweep
 * @param needs - one need or several (all must hold)
 * @param evaluate - the response function (omit to pick from the sweep's runs only)
 * @param options - {@link PlanOptions}
 * @example
 * const plan = await planTier(result, parseGridNeeds(['bus30<=-1.4'], scenario), evaluator.evaluate);
 * plan.subsidyYuan; plan.tierYuan; plan.inTierHull;
 */
export async function planTier(
  result: FlexModelResult, needs: GridNeed | readonly GridNeed[], evaluate?: FlexEvaluator, options: PlanOptions = {},
): Promise<TierPlan> {
  const list = Array.isArray(needs) ? (needs as readonly GridNeed[]) : [needs as GridNeed];
  const window = result.window;
  const m = window.components;
  const upper = window.upper;
  const pool: EvaluatedPoint[] = [...allEvaluated(result.run)];
  const good = (p: EvaluatedPoint): boolean => gridServed(p) && list.every((n) => meetsNeed(n, p.netMw));
  let best: EvaluatedPoint | undefined;
  const consider = (p: EvaluatedPoint): void => {
    if (good(p) && (best === undefined || p.subsidyYuan < best.subsidyYuan)) best = p;
  };
  for (const p of pool) consider(p);
  const top = result.tiers.length > 0 ? result.tiers[result.tiers.length - 1].budgetYuan : Infinity;
  let shrinkRuns = 0;
  let modelRuns = 0;
  let polishRuns = 0;
  const seen = new Map(pool.map((p) => [key(p.x), p]));
  const verify = async (x: readonly number[]): Promise<EvaluatedPoint> => {
    const p: EvaluatedPoint = { ...(await evaluate!(expandCoupons(window, x))), x: [...x] };
    pool.push(p);
    seen.set(key(p.x), p);
    consider(p);
    return p;
  };

  if (evaluate && m > 0) {
    shrinkRuns = await shrink(pool.filter(good), list, seen, verify, options.shrinkRuns ?? 16, options.shrinkStarts ?? 3);
    const maxModel = options.modelRuns ?? 4;
    const margins = list.map(() => options.marginMw ?? 0.005);
    let center = best ? scaled(best.x, upper) : new Float64Array(m);
    let radius = best ? 0.25 : 0.5;
    for (let guard = 0; modelRuns < maxModel && guard < 4 * maxModel; guard++) {
      const usable = pool.filter((p) => p.feasible && p.x.length === m);
      const z = usable.map((p) => scaled(p.x, upper));
      const fits = fitLinearResponses(z, [...list.map((n) => usable.map((p) => needLoadMw(n, p.netMw))), usable.map((p) => p.subsidyYuan)], center, radius);
      const subsidy = fits[list.length];
      // a coupon does not lower the subsidy it pays: clamp fitted noise below zero
      const c = Array.from(subsidy.gradient, (g) => Math.max(0, g) + 1e-6);
      const A: number[][] = [];
      const b: number[] = [];
      list.forEach((n, k) => {
        const f = fits[k];
        let shift = 0;
        for (let j = 0; j < m; j++) shift += f.gradient[j] * center[j];
        // f.value + gᵀ(z − z_c) ≤ L − margin  (cap);  ≥ L + margin (floor)
        if (n.op === '<=') {
          A.push(Array.from(f.gradient));
          b.push(n.limitMw - margins[k] - f.value + shift);
        } else {
          A.push(Array.from(f.gradient, (g) => -g));
          b.push(-(n.limitMw + margins[k]) + f.value - shift);
        }
      });
      const lo = Array.from(center, (v) => Math.max(0, v - radius));
      const hi = Array.from(center, (v) => Math.min(1, v + radius));
      const lp = solveBoxLp(c, A, b, lo, hi);
      if (lp.status === 'infeasible') {
        if (radius >= 1) break;
        radius = Math.min(1, radius * 2);
        continue;
      }
      const x = Array.from(lp.x, (v, j) => round(v * upper[j]));
      if (seen.has(key(x))) {
        radius *= 0.5;
        if (radius < 1e-3) break;
        continue;
      }
      modelRuns++;
      const before: EvaluatedPoint | undefined = best;
      const p = await verify(x);
      if (best !== before) {
        center = scaled(best!.x, upper);
        radius = Math.min(1, radius * 1.5);
      } else {
        list.forEach((n, k) => { margins[k] += needViolationMw(n, p.netMw); });
        radius *= 0.5;
      }
    }
    // coordinate polish: halve or drop one component at a time, largest first
    const maxPolish = options.polishRuns ?? 4;
    for (let pass = 0; pass < 2 && best && polishRuns < maxPolish; pass++) {
      const order = [...best.x.keys()].filter((j) => best!.x[j] > 0).sort((i, j) => best!.x[j] / upper[j] - best!.x[i] / upper[i]);
      let improved = false;
      for (const j of order) {
        for (const f of [0, 0.5]) {
          if (polishRuns >= maxPolish || !best) break;
          const x = [...best.x];
          x[j] = round(x[j] * f);
          if (seen.has(key(x))) continue;
          polishRuns++;
          const before: EvaluatedPoint | undefined = best;
          await verify(x);
          if (best !== before) { improved = true; break; }
        }
      }
      if (!improved) break;
    }
  }

  // tier choice, after the last change of the subsidy
  const coords = (p: EvaluatedPoint): number[] => result.axes.map((s) => p.netMw[s]);
  const hullCoords = result.tiers.map((t) => t.hullPoints.map(coords));
  const inHull = (k: number, p: EvaluatedPoint): boolean =>
    result.tiers[k].hullPoints.length > 0 && hullContains(result.tiers[k].hull, hullCoords[k], coords(p));
  const point = best !== undefined && best.subsidyYuan <= top ? best : undefined;
  let chosen = -1;
  if (point) {
    const covering = result.tiers.map((t, k) => k).filter((k) => admissible(point, result.tiers[k].budgetYuan));
    chosen = covering.find((k) => inHull(k, point)) ?? covering[0] ?? -1;
  }
  const tiers: TierCheck[] = result.tiers.map((t, k) => ({
    budgetYuan: t.budgetYuan,
    canMeet: pool.some((p) => admissible(p, t.budgetYuan) && good(p)),
    containsPoint: point !== undefined && inHull(k, point),
  }));
  const inTierHull = chosen >= 0 && tiers[chosen].containsPoint;
  const inSmallerTierHulls = chosen >= 0 ? tiers.slice(0, chosen).filter((t) => t.containsPoint).map((t) => t.budgetYuan) : [];
  const loads: NeedLoad[] = point ? list.map((n) => ({ need: n, loadMw: needLoadMw(n, point.netMw), met: meetsNeed(n, point.netMw) })) : [];
  const runs = shrinkRuns + modelRuns + polishRuns;
  const where = `${list.map((n) => `${n.text}`).join(' and ')} at ${result.time}`;
  const summary = point && chosen >= 0
    ? `${result.model.toUpperCase()} plan for ${where}: tier ${result.tiers[chosen].budgetYuan} ¥, subsidy actually paid ${point.subsidyYuan.toFixed(1)} ¥, `
      + `verified load ${loads.map((l) => `${l.loadMw.toFixed(3)} MW`).join(', ')} (${runs} planner runs); `
      + `${inTierHull ? 'inside' : 'outside'} the tier's hull${inSmallerTierHulls.length > 0 ? `, also inside the ${inSmallerTierHulls.join(', ')} ¥ hulls` : ''}`
    : `${result.model.toUpperCase()} plan for ${where}: no admissible coupon book found meets it within ${top} ¥ (${runs} planner runs)`;
  const tierYuan = chosen >= 0 ? result.tiers[chosen].budgetYuan : undefined;
  return {
    model: result.model, need: list[0], needs: list, tierYuan, budgetYuan: tierYuan, subsidyYuan: point?.subsidyYuan,
    point: chosen >= 0 ? point : undefined, inTierHull, inSmallerTierHulls, loads, tiers, runs, shrinkRuns, modelRuns, polishRuns, summary,
  };
}

/**
 * The shrink step of {@link planTier}: per start, a bracket [lo, hi] on a common scale factor
 * of its coupons (hi = 1 meets every need, lo = 0 is the base) and a bisection in it, the
 * starts taking one step each in turn. A run that the grid serves and that meets every need
 * lowers hi; a run that misses a need raises lo; a run that meets the needs but is not served
 * (shed, say: not monotone in the scale), or has no loads (an OPF without solution), moves
 * neither, and the next try is below it. Books
 * already run are looked up, not re-run.
 *
 * @returns the co-simulation runs spent
 */
async function shrink(
  good: readonly EvaluatedPoint[], needs: readonly GridNeed[], seen: ReadonlyMap<string, EvaluatedPoint>,
  verify: (x: readonly number[]) => Promise<EvaluatedPoint>, maxRuns: number, maxStarts: number,
): Promise<number> {
  const patterns = new Set<string>();
  const starts: { x: readonly number[]; lo: number; hi: number; top: number; open: boolean }[] = [];
  for (const p of [...good].sort((a, b) => a.subsidyYuan - b.subsidyYuan)) {
    if (starts.length >= maxStarts) break;
    const pattern = p.x.map((v) => (v > 0 ? 1 : 0)).join('');
    if (!p.x.some((v) => v > 0) || patterns.has(pattern)) continue;
    patterns.add(pattern);
    starts.push({ x: p.x, lo: 0, hi: 1, top: 1, open: true });
  }
  let runs = 0;
  // one bisection step of a start (a new run, or false when its bracket is closed)
  const step = async (s: (typeof starts)[number]): Promise<boolean> => {
    for (let guard = 0; guard < 60; guard++) {
      if (s.top - s.lo < 1e-4) return false;
      const f = (s.lo + s.top) / 2;
      const x = s.x.map((v) => round(v * f));
      const known = seen.get(key(x));
      const p = known ?? (runs++, await verify(x));
      if (p.feasible && !needs.every((n) => meetsNeed(n, p.netMw))) {
        s.lo = f;
        s.top = s.hi;
      } else if (gridServed(p)) {
        s.hi = f;
        s.top = f;
      } else {
        s.top = f;
      }
      if (known === undefined) return true;
    }
    return false;
  };
  while (runs < maxRuns && starts.some((s) => s.open)) {
    for (const s of starts) {
      if (runs >= maxRuns) break;
      if (s.open) s.open = await step(s);
    }
  }
  return runs;
}

function scaled(x: readonly number[], upper: Float64Array): Float64Array {
  return Float64Array.from(x, (v, j) => (upper[j] > 0 ? v / upper[j] : 0));
}

/** Coupons rounded to 1e-6 (¥/kWh or ¥/visit): no run repeated for numerically equal books. */
function round(v: number): number {
  const r = Math.round(v * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

function key(x: readonly number[]): string {
  return x.map((v) => round(v)).join(',');
}

/**
 * {@link planTier} with the model's own co-simulation as the evaluator (built in this thread).
 *
 * @example
 * const plan = await planTierForResult(result, needs);
 */
export async function planTierForResult(result: FlexModelResult, needs: GridNeed | readonly GridNeed[], options: PlanOptions = {}): Promise<TierPlan> {
  const problem = await buildFlexProblem(result.run.spec);
  try {
    return await planTier(result, needs, problem.evaluator.evaluate, options);
  } finally {
    problem.prepared.dispose();
  }
}
