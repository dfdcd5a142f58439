/**
 * What the boundary search needs from one "drivers respond, feeder checked" run:
 * the response function coupons → station net load at t* (docs/model.md §5), and
 * whether the grid serves that run (docs/flexibility.md §1 "What a point is").
 */
import type { CouponBook, OpfStatus } from '../../sim/index.js';

/**
 * Why a run cannot be a point of the region, whatever the budget (the first that applies, in this order):
 * - `due-not-converged`: a DUE, a price fixed point or the clearance of the run missed its tolerance;
 * - `opf-not-exact`: some interval's OPF point is not physical (`inexact` relaxation or `cut-limit`);
 * - `opf-infeasible`: some interval's OPF has no solution (`infeasible` or `error`; the run stopped there);
 * - `shed`: household load shed in some interval, more than the shed tolerance;
 * - `curtailed`: EV charging curtailed by the OPF in some interval, more than the shed tolerance.
 */
export type RejectionReason = 'due-not-converged' | 'opf-not-exact' | 'opf-infeasible' | 'shed' | 'curtailed';

/** Every rejection reason in precedence order (first = checked first). */
export const REJECTION_REASONS: readonly RejectionReason[] = ['due-not-converged', 'opf-not-exact', 'opf-infeasible', 'shed', 'curtailed'];

/** OPF statuses from best to worst: the worst over a run's intervals is the run's `opfStatus`. */
export const OPF_STATUS_ORDER: readonly OpfStatus[] = ['optimal', 'inexact', 'cut-limit', 'infeasible', 'error'];

/** Default tolerance on shed household load and curtailed EV charging, MW (1 W: numerical zero of the OPF). */
export const DEFAULT_SHED_TOLERANCE_MW = 1e-6;

/** Result of evaluating one coupon book. */
export interface FlexEvaluation {
  /** Station net load at t* (charge − V2G, + = consumption), MW, one per station. */
  readonly netMw: readonly number[];
  /** Subsidy actually paid F_bs, ¥ (see `subsidyYuan`). */
  readonly subsidyYuan: number;
  /** Final DUE relative gap of the run. */
  readonly dueGap: number;
  /** DUE (and price fixed point, and clearance) converged to tolerance. */
  readonly converged: boolean;
  /**
   * Every interval's OPF returned a solution (optimal, inexact or cut-limit): the loads at t* are
   * a meaningful response value. NOT the admissibility test: that is {@link gridServed}.
   */
  readonly feasible: boolean;
  /**
   * Worst OPF status over every interval of the run, window and tail (order {@link OPF_STATUS_ORDER}).
   * Absent only in evaluations that do not come from a co-simulation (test fakes): read as `optimal`.
   */
  readonly opfStatus?: OpfStatus;
  /** Largest household load shed over the run's intervals, MW (absent: 0, see `opfStatus`). */
  readonly shedMw?: number;
  /** Largest EV charging curtailment over the run's intervals, MW (absent: 0). */
  readonly curtailedMw?: number;
  /** Why the grid does not serve this run (budget-independent); absent when it does. */
  readonly rejection?: RejectionReason;
  /** Why not feasible / converged, when not. */
  readonly note?: string;
}

/** The response function: a coupon book (index `s * intervals + t`) → evaluation. Deterministic. */
export type FlexEvaluator = (coupons: CouponBook) => Promise<FlexEvaluation>;

/** One evaluated coupon vector of the reduced space (see `CouponWindow`) with its evaluation. */
export interface EvaluatedPoint extends FlexEvaluation {
  /** Component vector x (¥/kWh for charge components, ¥/visit for V2G components); empty for a full `book`. */
  readonly x: readonly number[];
  /**
   * A full coupon book outside the reduced space (a checked book, src/flex/books): one value per
   * station × interval (index `s * intervals + t`). Absent for points of the basis (`x`).
   */
  readonly book?: FullBook;
}

/** A coupon book as plain arrays (JSON-serializable; index `s * intervals + t`). */
export interface FullBook {
  readonly chargeYuanPerKWh: readonly number[];
  readonly v2gYuanPerVisit: readonly number[];
}

/** What {@link rejectionOf} reads. */
export type GridRecord = Pick<FlexEvaluation, 'converged' | 'opfStatus' | 'shedMw' | 'curtailedMw'>;

/**
 * The rejection reason of a run's grid record, or undefined when the grid serves it.
 *
 * @param record - convergence, worst OPF status, largest shed and curtailment
 * @param shedToleranceMw - shed / curtailment above this count, MW (default {@link DEFAULT_SHED_TOLERANCE_MW})
 * @example
 * rejectionOf({ converged: true, opfStatus: 'optimal', shedMw: 0.4, curtailedMw: 0 }); // 'shed'
 */
export function rejectionOf(record: GridRecord, shedToleranceMw = DEFAULT_SHED_TOLERANCE_MW): RejectionReason | undefined {
  if (!record.converged) return 'due-not-converged';
  const status = record.opfStatus ?? 'optimal';
  if (status === 'inexact' || status === 'cut-limit') return 'opf-not-exact';
  if (status === 'infeasible' || status === 'error') return 'opf-infeasible';
  if ((record.shedMw ?? 0) > shedToleranceMw) return 'shed';
  if ((record.curtailedMw ?? 0) > shedToleranceMw) return 'curtailed';
  return undefined;
}

/**
 * Whether the grid serves a run: DUE converged, every OPF interval exact (`optimal`), no load
 * shed and no EV charging curtailed (the evaluator's tolerance). Budget-independent.
 *
 * @example
 * gridServed(point); // false when some interval shed household load
 */
export function gridServed(point: FlexEvaluation): boolean {
  return point.rejection === undefined && point.feasible && point.converged;
}

/**
 * THE predicate: a point may be reported for a budget when the grid serves it
 * ({@link gridServed}) and its real subsidy is within the budget (¥).
 *
 * @example
 * admissible(point, 2000); // false when the run's DUE missed its tolerance, it shed load, or paid > 2000 ¥
 */
export function admissible(point: EvaluatedPoint, budgetYuan: number): boolean {
  return gridServed(point) && point.subsidyYuan <= budgetYuan;
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
