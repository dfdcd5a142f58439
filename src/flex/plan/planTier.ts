/**
 * Tier planning: the cheapest subsidy tier and coupons that meet a grid need
 * (docs/model.md §5 "Validation dispatch"; seed 003 §2.2, §3.2).
 */
import { hullContains } from '../hull/hullContains.js';
import { expandCoupons } from '../search/couponWindow.js';
import { admissible, type EvaluatedPoint, type FlexEvaluator } from '../search/flexEvaluation.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { buildFlexProblem } from '../sweep/flexProblem.js';
import { meetsNeed, type GridNeed } from './gridNeed.js';

/** How a tier relates to the chosen point. */
export interface TierCheck {
  readonly budgetYuan: number;
  /** Some sweep point within this budget meets the need. */
  readonly canMeet: boolean;
  /** The chosen point lies in this tier's hull (within the hull's tolerance). */
  readonly containsPoint: boolean;
}

/** Result of {@link planTier}. */
export interface TierPlan {
  readonly model: string;
  readonly need: GridNeed;
  /** Cheapest tier that meets the need (undefined: none does). */
  readonly budgetYuan?: number;
  /** The chosen point (its coupons, the subsidy actually paid, its DUE gap). */
  readonly point?: EvaluatedPoint;
  readonly tiers: TierCheck[];
  /** Extra co-simulation runs spent lowering the subsidy. */
  readonly runs: number;
  readonly summary: string;
}

/**
 * Choose the cheapest tier and coupons for a need.
 *
 * 1. Tiers in ascending budget: the first tier with a sweep point (a real
 *    co-simulation) that is admissible for its budget, meets the need and lies in
 *    the tier's hull is chosen; its cheapest such point is the start.
 * 2. Lower its subsidy (when an evaluator is given): bisection on s ∈ [0, 1] along
 *    base → start coupons for the smallest scale that still meets the need inside
 *    the tier's hull (`steps` runs, each a real run); the cheapest one wins.
 * 3. Report per tier whether its hull points meet the need and whether its hull
 *    contains the chosen point. A smaller tier that cannot meet a cap P_s ≤ L has
 *    every hull point above L, so the chosen point lies outside it (when the
 *    direction set holds −e_s, as the 45° grid does).
 *
 * @param result - a model's sweep
 * @param need - the grid need
 * @param evaluate - the response function for step 2 (omit to pick from the sweep only)
 * @param steps - bisection runs, default 4
 * @example
 * const plan = await planTier(result, parseGridNeed('bus30<=0.2', scenario), evaluator.evaluate);
 */
export async function planTier(result: FlexModelResult, need: GridNeed, evaluate?: FlexEvaluator, steps = 4): Promise<TierPlan> {
  const pool: EvaluatedPoint[] = [...result.run.design];
  for (const s of result.run.searches) pool.push(...s.evaluated);
  const coords = (p: EvaluatedPoint): number[] => result.axes.map((s) => p.netMw[s]);
  const hullPoints = result.tiers.map((t) => t.hullPoints.map(coords));
  const inTier = (k: number, p: EvaluatedPoint): boolean =>
    result.tiers[k].hullPoints.length > 0 && hullContains(result.tiers[k].hull, hullPoints[k], coords(p));
  const fits = (k: number, p: EvaluatedPoint): boolean => admissible(p, result.tiers[k].budgetYuan) && meetsNeed(need, p.netMw) && inTier(k, p);
  let chosen = -1;
  let best: EvaluatedPoint | undefined;
  for (let k = 0; k < result.tiers.length && chosen < 0; k++) {
    for (const p of pool) if (fits(k, p) && (!best || p.subsidyYuan < best.subsidyYuan)) best = p;
    if (best) chosen = k;
  }
  let runs = 0;
  if (best && evaluate && best.subsidyYuan > 0) {
    let lo = 0;
    let hi = 1;
    const target = best;
    for (let i = 0; i < steps; i++) {
      const s = (lo + hi) / 2;
      const x = target.x.map((v) => v * s);
      runs++;
      const p: EvaluatedPoint = { ...(await evaluate(expandCoupons(result.window, x))), x };
      if (fits(chosen, p)) {
        hi = s;
        if (p.subsidyYuan < best.subsidyYuan) best = p;
      } else {
        lo = s;
      }
    }
  }
  const tiers: TierCheck[] = result.tiers.map((t, k) => ({
    budgetYuan: t.budgetYuan,
    canMeet: t.hullPoints.some((p) => meetsNeed(need, p.netMw)),
    containsPoint: best !== undefined && inTier(k, best),
  }));
  const where = `${need.stationId} (bus ${need.bus}) ${need.op} ${need.limitMw} MW at ${result.time}`;
  const top = result.tiers[result.tiers.length - 1]?.budgetYuan ?? 0;
  const summary = best && chosen >= 0
    ? `${result.model.toUpperCase()} plan for ${where}: tier ${result.tiers[chosen].budgetYuan} ¥, subsidy actually paid ${best.subsidyYuan.toFixed(1)} ¥, ` +
      `load ${best.netMw[need.station].toFixed(3)} MW; point in tier hulls: ${tiers.map((t) => `${t.budgetYuan} ¥ ${t.containsPoint ? 'inside' : 'outside'}`).join(', ')}`
    : `${result.model.toUpperCase()} plan for ${where}: no tier up to ${top} ¥ meets it`;
  return { model: result.model, need, budgetYuan: chosen >= 0 ? result.tiers[chosen].budgetYuan : undefined, point: best, tiers, runs, summary };
}

/**
 * {@link planTier} with the model's own co-simulation as the evaluator (built in this thread).
 *
 * @example
 * const plan = await planTierForResult(result, need);
 */
export async function planTierForResult(result: FlexModelResult, need: GridNeed): Promise<TierPlan> {
  const problem = await buildFlexProblem(result.run.spec);
  try {
    return await planTier(result, need, problem.evaluator.evaluate);
  } finally {
    problem.prepared.dispose();
  }
}
