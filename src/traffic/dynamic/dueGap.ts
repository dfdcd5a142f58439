/**
 * Accuracy of a DUE solution (docs/model.md §2 "relative gap"): excess cost of the used paths
 * over the cheapest one, per class, relative to a scale that does not vanish for the V2G
 * class (whose time cost and revenue nearly cancel).
 */
import { USER_CLASSES, type DueClassAccuracy, type UserClass } from './dueTypes.js';
import type { DueContext } from './dueState.js';

/** Floor of the gap's denominator, ¥ per vehicle: keeps the gap finite when every cost is 0. */
const MIN_SCALE_YUAN_PER_VEH = 1e-6;

/** Per-class sums over the free intervals (index = class code). */
export interface DueGapSums {
  /** Σ Q: vehicles departing. */
  readonly vehicles: Float64Array;
  /** Σ f·(g − c_min), ¥. */
  readonly excessYuan: Float64Array;
  /** Σ Q·(θ·T_b + |M_b|), ¥, floored at 1e-6 ¥ per vehicle. */
  readonly scaleYuan: Float64Array;
}

/**
 * Sum excess and scale per class over groups and departure intervals t ≥ `ctx.committed`
 * with demand; b is the group's cheapest path in t (c_min = g_b), θ·T_b = g_b − M_b its
 * time cost (experienced time and crowding) and M_b its money (< 0: earned).
 *
 * @param byInterval optional, filled with the gap of each departure interval over all classes (0 when committed or empty)
 * @example
 * const sums = dueGapSums(ctx);
 * sums.excessYuan[2] / sums.scaleYuan[2]; // relative gap of the V2G class
 */
export function dueGapSums(ctx: DueContext, byInterval?: Float64Array): DueGapSums {
  const vehicles = new Float64Array(USER_CLASSES.length);
  const excessYuan = new Float64Array(USER_CLASSES.length);
  const scaleYuan = new Float64Array(USER_CLASSES.length);
  const I = ctx.intervals;
  const intervalExcess = new Float64Array(I);
  const intervalScale = new Float64Array(I);
  for (const group of ctx.problem.groups) {
    const c = group.classCode;
    for (let t = ctx.committed; t < I; t++) {
      const q = group.demandVeh[t];
      if (q === 0) continue;
      let b = -1;
      for (const p of group.paths) if (b < 0 || ctx.paths[p].cost[t] < ctx.paths[b].cost[t]) b = p;
      if (b < 0) continue;
      const cmin = ctx.paths[b].cost[t];
      const money = ctx.paths[b].money[t];
      let excess = 0;
      for (const p of group.paths) excess += ctx.paths[p].flow[t] * (ctx.paths[p].cost[t] - cmin);
      const scale = q * Math.max(cmin - money + Math.abs(money), MIN_SCALE_YUAN_PER_VEH);
      vehicles[c] += q;
      excessYuan[c] += excess;
      scaleYuan[c] += scale;
      intervalExcess[t] += excess;
      intervalScale[t] += scale;
    }
  }
  if (byInterval !== undefined) for (let t = 0; t < I; t++) byInterval[t] = intervalScale[t] > 0 ? intervalExcess[t] / intervalScale[t] : 0;
  return { vehicles, excessYuan, scaleYuan };
}

/**
 * Overall relative gap Σ excess / Σ scale over all classes (0 with no free demand).
 *
 * @example
 * overallGap(dueGapSums(ctx)); // the `relativeGap` of the result
 */
export function overallGap(sums: DueGapSums): number {
  let excess = 0;
  let scale = 0;
  for (let c = 0; c < sums.vehicles.length; c++) {
    excess += sums.excessYuan[c];
    scale += sums.scaleYuan[c];
  }
  return scale > 0 ? excess / scale : 0;
}

/**
 * Largest class gap among the classes with vehicles (the convergence measure; 0 with none).
 *
 * @example
 * const converged = worstClassGap(dueGapSums(ctx)) <= tolerance;
 */
export function worstClassGap(sums: DueGapSums): number {
  let worst = 0;
  for (let c = 0; c < sums.vehicles.length; c++) {
    if (sums.vehicles[c] > 0) worst = Math.max(worst, sums.excessYuan[c] / sums.scaleYuan[c]);
  }
  return worst;
}

/**
 * Average excess cost Σ f·(g − c_min) / Σ Q over all classes, ¥ per vehicle (0 with no free demand).
 *
 * @example
 * excessPerVehicle(dueGapSums(ctx)); // e.g. 0.004 ¥ per vehicle
 */
export function excessPerVehicle(sums: DueGapSums): number {
  let excess = 0;
  let vehicles = 0;
  for (let c = 0; c < sums.vehicles.length; c++) {
    excess += sums.excessYuan[c];
    vehicles += sums.vehicles[c];
  }
  return vehicles > 0 ? excess / vehicles : 0;
}

/**
 * `DueResult.byClass`: vehicles, relative gap and average excess cost per vehicle (¥ and,
 * with θ > 0, minutes = ¥ / θ · 60) of each class over the free intervals.
 *
 * @example
 * dueClassAccuracy(ctx).v2g.excessTimeMinPerVeh; // e.g. 0.004 min per V2G vehicle
 */
export function dueClassAccuracy(ctx: DueContext): Record<UserClass, DueClassAccuracy> {
  const sums = dueGapSums(ctx);
  const thetaPerH = ctx.scenario.valueOfTimeYuanPerH;
  const entry = (c: number): DueClassAccuracy => {
    const vehicles = sums.vehicles[c];
    const perVeh = vehicles > 0 ? sums.excessYuan[c] / vehicles : 0;
    return {
      vehicles,
      relativeGap: vehicles > 0 ? sums.excessYuan[c] / sums.scaleYuan[c] : 0,
      excessCostYuanPerVeh: perVeh,
      excessTimeMinPerVeh: thetaPerH > 0 ? (perVeh / thetaPerH) * 60 : null,
    };
  };
  return { regular: entry(0), charging: entry(1), v2g: entry(2) };
}
