/**
 * The real response function: re-simulate the co-simulation with a coupon book
 * (DUE drivers' response + OPF per interval) and read the station load at t*
 * (docs/model.md §5: "drivers respond by DUE, with the grid feasible").
 */
import { SolverError } from '../../common/errors.js';
import { energyPerVisitKwh, type CouponBook, type CosimResult, type PreparedCosim, type CosimRunOptions } from '../../sim/index.js';
import type { FlexEvaluation, FlexEvaluator } from './flexEvaluation.js';
import { subsidyYuan } from './subsidyYuan.js';

/** A co-simulation evaluator with its base run (no coupons), which warm-starts every later run. */
export interface CosimEvaluator {
  readonly evaluate: FlexEvaluator;
  /** Evaluations done (runs of the co-simulation, the base included). */
  runs(): number;
}

/**
 * Station net load at interval t*, MW, from a co-simulation result.
 *
 * @example
 * netMwAt(result, 6); // [P_CS1, P_CS2, P_CS3] at 18:00
 */
export function netMwAt(result: CosimResult, timeIndex: number): number[] {
  return Array.from(result.intervals[timeIndex].netMw);
}

/**
 * Energy per charging visit, kWh, per station (scenario order): E_ch = p_ch · t_ch en route;
 * at a destination station the charging class's need (`energyPerVisitKwh`).
 *
 * @example
 * chargeKWhPerVisit(scenario); // [20, 20, 20] for 60 kW × 20 min
 */
export function chargeKWhPerVisit(prepared: Pick<PreparedCosim, 'scenario'>): number[] {
  const { stations, classes } = prepared.scenario;
  return stations.map((s) => energyPerVisitKwh(s, 'charging', classes));
}

/**
 * The subsidy paid in a co-simulation result for a coupon book, ¥ (`subsidyYuan` on the run's arrivals).
 *
 * @example
 * subsidyOfRun(result, coupons, [20, 20, 20]);
 */
export function subsidyOfRun(result: CosimResult, coupons: CouponBook, kWhPerVisit: readonly number[]): number {
  const T = result.intervals.length;
  const n = result.stationIds.length;
  const ch = new Float64Array(n * T);
  const v2g = new Float64Array(n * T);
  // the run's own coupon record covers its tail intervals too (the window's last coupon held)
  const inForce = { chargeYuanPerKWh: new Float64Array(n * T), v2gYuanPerVisit: new Float64Array(n * T) };
  const W = coupons.chargeYuanPerKWh.length / Math.max(n, 1);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < n; s++) {
      ch[s * T + t] = result.intervals[t].chargeArrivalsVeh[s];
      v2g[s * T + t] = result.intervals[t].v2gArrivalsVeh[s];
      const held = s * W + Math.min(t, W - 1);
      inForce.chargeYuanPerKWh[s * T + t] = coupons.chargeYuanPerKWh[held];
      inForce.v2gYuanPerVisit[s * T + t] = coupons.v2gYuanPerVisit[held];
    }
  }
  return subsidyYuan({ intervals: T, chargeArrivalsVeh: ch, v2gArrivalsVeh: v2g, chargeKWhPerVisit: kWhPerVisit }, inForce);
}

/**
 * Evaluation of a finished run: load at t*, subsidy, DUE gap, convergence, feasibility.
 *
 * @example
 * const e = evaluationOf(result, coupons, 6, [20, 20, 20]);
 */
export function evaluationOf(result: CosimResult, coupons: CouponBook, timeIndex: number, kWhPerVisit: readonly number[]): FlexEvaluation {
  if (result.status === 'infeasible') {
    // the run stopped at an OPF without solution (it used to throw SolverError): same evaluation as before
    return { netMw: result.stationIds.map(() => Number.NaN), subsidyYuan: Number.POSITIVE_INFINITY, dueGap: Number.NaN, converged: false, feasible: false, note: result.problems.join('; ') };
  }
  let dueGap = 0;
  for (const r of result.intervals) dueGap = Math.max(dueGap, r.dueGap);
  const failed = result.intervals.find((r) => r.opf.status !== 'optimal' && r.opf.status !== 'inexact' && r.opf.status !== 'cut-limit');
  return {
    netMw: netMwAt(result, timeIndex),
    subsidyYuan: subsidyOfRun(result, coupons, kWhPerVisit),
    dueGap,
    converged: !result.statuses.includes('not-converged'),
    feasible: failed === undefined,
    note: result.problems.length > 0 ? result.problems.join('; ') : undefined,
  };
}

/**
 * Wrap a prepared co-simulation as the search's response function.
 *
 * 1. The first call runs the base (no coupons, cold start) once; its DUE is the warm
 *    start of every later run. Always the same warm start → results do not depend on
 *    the order of evaluations or on which worker runs them (determinism of the sweep).
 * 2. Each evaluation runs the whole horizon with the coupon book (DUE + every
 *    interval's OPF); an infeasible OPF (`SolverError`) gives `feasible: false`.
 *
 * @param prepared - from `prepareCosim`
 * @param timeIndex - t*
 * @example
 * const ev = cosimEvaluator(await prepareCosim(scenario), 6);
 * const e = await ev.evaluate(expandCoupons(window, x));
 */
export function cosimEvaluator(prepared: PreparedCosim, timeIndex: number): CosimEvaluator {
  const kWh = chargeKWhPerVisit(prepared);
  let base: Promise<CosimResult> | undefined;
  let runs = 0;
  const runOnce = async (coupons: CouponBook, warmStart?: CosimRunOptions['warmStart']): Promise<FlexEvaluation> => {
    runs++;
    try {
      const result = await prepared.run({ coupons, warmStart });
      return evaluationOf(result, coupons, timeIndex, kWh);
    } catch (error) {
      if (!(error instanceof SolverError)) throw error;
      return { netMw: prepared.stationIds.map(() => Number.NaN), subsidyYuan: Number.POSITIVE_INFINITY, dueGap: Number.NaN, converged: false, feasible: false, note: error.message };
    }
  };
  const evaluate: FlexEvaluator = async (coupons) => {
    if (base === undefined) {
      runs++;
      base = prepared.run({ coupons: { chargeYuanPerKWh: new Float64Array(coupons.chargeYuanPerKWh.length), v2gYuanPerVisit: new Float64Array(coupons.v2gYuanPerVisit.length) } });
    }
    const b = await base;
    return runOnce(coupons, b.lastDue as CosimRunOptions['warmStart']);
  };
  return { evaluate, runs: () => runs };
}
