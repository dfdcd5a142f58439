/**
 * What the boundary search needs from one "drivers respond, feeder checked" run:
 * the response function coupons → station net load at t* (docs/model.md §5).
 */
import type { CouponBook } from '../../sim/index.js';

/** Result of evaluating one coupon book. */
export interface FlexEvaluation {
  /** Station net load at t* (charge − V2G, + = consumption), MW, one per station. */
  readonly netMw: readonly number[];
  /** Subsidy actually paid F_bs, ¥ (see `subsidyYuan`). */
  readonly subsidyYuan: number;
  /** Final DUE relative gap of the run. */
  readonly dueGap: number;
  /** DUE (and price fixed point) converged to tolerance. */
  readonly converged: boolean;
  /** Every interval's OPF solved (optimal or a reported-inexact relaxation): the feeder can serve this load. */
  readonly feasible: boolean;
  /** Why not feasible / converged, when not. */
  readonly note?: string;
}

/** The response function: a coupon book (index `s * intervals + t`) → evaluation. Deterministic. */
export type FlexEvaluator = (coupons: CouponBook) => Promise<FlexEvaluation>;

/** One evaluated coupon vector of the reduced space (see `CouponWindow`) with its evaluation. */
export interface EvaluatedPoint extends FlexEvaluation {
  /** Component vector x (¥/kWh for charge components, ¥/visit for V2G components). */
  readonly x: readonly number[];
}

/**
 * Whether a point may be reported for a budget: feasible, converged, subsidy within the budget (¥).
 *
 * @example
 * admissible(point, 2000); // false when the run's DUE missed its tolerance
 */
export function admissible(point: EvaluatedPoint, budgetYuan: number): boolean {
  return point.feasible && point.converged && point.subsidyYuan <= budgetYuan;
}

/**
 * aᵀP of a load vector for direction a (MW).
 *
 * @example
 * projection([0, 0, 1], [0.5, 0.6, 0.7]); // 0.7
 */
export function projection(direction: readonly number[], netMw: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < direction.length; i++) d += direction[i] * netMw[i];
  return d;
}
