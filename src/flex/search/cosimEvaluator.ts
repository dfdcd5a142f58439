/**
 * The real response function: re-simulate the co-simulation with a coupon book
 * (DUE drivers' response + OPF per interval) and read the station load at t*
 * (docs/model.md §5: "drivers respond by DUE, with the grid feasible").
 */
import { SolverError } from '../../common/errors.js';
import { energyPerVisitKwh, type CouponBook, type CosimResult, type PreparedCosim, type CosimRunOptions } from '../../sim/index.js';
import type { OpfStatus } from '../../sim/index.js';
import { DEFAULT_SHED_TOLERANCE_MW, OPF_STATUS_ORDER, rejectionOf, type FlexEvaluation, type FlexEvaluator } from './flexEvaluation.js';
import { subsidyYuan } from './subsidyYuan.js';

/** The base run's final DUE, the warm start of every evaluation (structured-cloneable: typed arrays and plain objects). */
export type BaseWarmStart = NonNullable<CosimRunOptions['warmStart']>;

/** A co-simulation evaluator with its base run (no coupons), which warm-starts every later run. */
export interface CosimEvaluator {
  readonly evaluate: FlexEvaluator;
  /** Evaluations done (runs of the co-simulation, the base included; an adopted base is not a run). */
  runs(): number;
  /** The base run's final DUE (runs the base first if this evaluator has none yet; undefined when the run has no DUE). */
  base(): Promise<BaseWarmStart | undefined>;
  /**
   * Use `warmStart` (another thread's {@link CosimEvaluator.base}, e.g. via `shareableBase`) as
   * the base instead of running it here; ignored when this evaluator has a base already.
   */
  adoptBase(warmStart: BaseWarmStart): void;
}

/**
 * The base warm start as handed to other threads: without its loading checkpoint (several MB).
 * The checkpoint only seeds a solve with committed intervals, and the first DUE solve of a run
 * commits none (`cosimTick`: committed = 0 at tick 0), which also drops the warm start's
 * checkpoint after use; so a run from the stripped warm start equals a run from the full one.
 *
 * @example
 * const own = await evaluator.base();
 * if (own) worker.postMessage(shareableBase(own)); // the other thread: evaluator.adoptBase(message)
 */
export function shareableBase(warmStart: BaseWarmStart): BaseWarmStart {
  return { ...warmStart, checkpoint: undefined };
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

/** The grid record of a run: worst OPF status and largest shed / curtailment over every interval (window and tail). */
export interface RunGridRecord {
  readonly opfStatus: OpfStatus;
  /** Largest household load shed in one interval, MW. */
  readonly shedMw: number;
  /** Largest EV charging curtailment in one interval, MW. */
  readonly curtailedMw: number;
}

/**
 * Worst OPF status (order `OPF_STATUS_ORDER`) and largest household shed / EV curtailment
 * over every interval of a run, window and tail. A run stopped at an infeasible OPF is
 * `infeasible` even when its last reported interval is not.
 *
 * @example
 * gridRecordOf(result); // { opfStatus: 'optimal', shedMw: 0, curtailedMw: 0 }
 */
export function gridRecordOf(result: CosimResult): RunGridRecord {
  let worst = result.status === 'infeasible' ? OPF_STATUS_ORDER.indexOf('infeasible') : 0;
  let shedKw = 0;
  let curtailedKw = 0;
  for (const r of result.intervals) {
    worst = Math.max(worst, OPF_STATUS_ORDER.indexOf(r.opf.status));
    shedKw = Math.max(shedKw, r.opf.householdShedKw ?? r.opf.shedKw);
    curtailedKw = Math.max(curtailedKw, r.opf.evCurtailedKw ?? 0);
  }
  return { opfStatus: OPF_STATUS_ORDER[worst], shedMw: shedKw / 1000, curtailedMw: curtailedKw / 1000 };
}

/**
 * Evaluation of a finished run: load at t*, subsidy, DUE gap, convergence, the grid record
 * and the rejection reason (`rejectionOf` with `shedToleranceMw`).
 *
 * @param shedToleranceMw - shed / curtailment above this count as shed, MW (default 1e-6)
 * @example
 * const e = evaluationOf(result, coupons, 6, [20, 20, 20]);
 * e.rejection; // undefined when the grid serves the run
 */
export function evaluationOf(result: CosimResult, coupons: CouponBook, timeIndex: number, kWhPerVisit: readonly number[], shedToleranceMw = DEFAULT_SHED_TOLERANCE_MW): FlexEvaluation {
  const grid = gridRecordOf(result);
  const converged = !result.statuses.includes('not-converged');
  const note = result.problems.length > 0 ? result.problems.join('; ') : undefined;
  if (result.status === 'infeasible') {
    // the run stopped at an OPF without solution: no load at t* to report
    return { netMw: result.stationIds.map(() => Number.NaN), subsidyYuan: Number.POSITIVE_INFINITY, dueGap: Number.NaN, converged, feasible: false, ...grid, rejection: rejectionOf({ converged, ...grid }, shedToleranceMw) ?? 'opf-infeasible', note };
  }
  let dueGap = 0;
  for (const r of result.intervals) dueGap = Math.max(dueGap, r.dueGap);
  const feasible = OPF_STATUS_ORDER.indexOf(grid.opfStatus) <= OPF_STATUS_ORDER.indexOf('cut-limit');
  const rejection = rejectionOf({ converged, ...grid }, shedToleranceMw);
  return {
    netMw: netMwAt(result, timeIndex),
    subsidyYuan: subsidyOfRun(result, coupons, kWhPerVisit),
    dueGap,
    converged,
    feasible,
    ...grid,
    ...(rejection === undefined ? {} : { rejection }),
    note,
  };
}

/** Options of {@link cosimEvaluator} (a `SweepSpec` fits: `shedToleranceMw` is read from it). */
export interface CosimEvaluatorOptions {
  /** Shed household load / curtailed EV charging above this rejects a run, MW [1e-6]. */
  readonly shedToleranceMw?: number;
}

/**
 * Wrap a prepared co-simulation as the search's response function.
 *
 * 1. The first call runs the base (no coupons, cold start) once — unless another thread's
 *    base was adopted (`adoptBase`); its DUE is the warm start of every later run. Always
 *    the same warm start → results do not depend on the order of evaluations or on which
 *    worker runs them (determinism of the sweep).
 * 2. Each evaluation runs the whole horizon with the coupon book (DUE + every
 *    interval's OPF, window and tail) and records the worst OPF status, the largest
 *    shed and curtailment and the rejection reason; an OPF without solution (an
 *    infeasible run, or a `SolverError`) gives `feasible: false`, `opf-infeasible`.
 *
 * @param prepared - from `prepareCosim`
 * @param timeIndex - t*
 * @param options - {@link CosimEvaluatorOptions} (`spec.shedToleranceMw ?? 1e-6`)
 * @example
 * const ev = cosimEvaluator(await prepareCosim(scenario), 6);
 * const e = await ev.evaluate(expandCoupons(window, x));
 */
export function cosimEvaluator(prepared: PreparedCosim, timeIndex: number, options: CosimEvaluatorOptions = {}): CosimEvaluator {
  const kWh = chargeKWhPerVisit(prepared);
  const tolerance = options.shedToleranceMw ?? DEFAULT_SHED_TOLERANCE_MW;
  let base: Promise<BaseWarmStart | undefined> | undefined;
  let runs = 0;
  const runOnce = async (coupons: CouponBook, warmStart?: CosimRunOptions['warmStart']): Promise<FlexEvaluation> => {
    runs++;
    try {
      const result = await prepared.run({ coupons, warmStart });
      return evaluationOf(result, coupons, timeIndex, kWh, tolerance);
    } catch (error) {
      if (!(error instanceof SolverError)) throw error;
      return {
        netMw: prepared.stationIds.map(() => Number.NaN), subsidyYuan: Number.POSITIVE_INFINITY, dueGap: Number.NaN, converged: false, feasible: false,
        // the OPF threw: the run has no result, so its DUE state is unknown; the reason is the OPF
        opfStatus: 'error', shedMw: 0, curtailedMw: 0, rejection: 'opf-infeasible', note: error.message,
      };
    }
  };
  const length = prepared.scenario.stations.length * prepared.windowIntervals;
  const baseDue = (): Promise<BaseWarmStart | undefined> => {
    if (base === undefined) {
      runs++;
      base = prepared.run({ coupons: { chargeYuanPerKWh: new Float64Array(length), v2gYuanPerVisit: new Float64Array(length) } })
        .then((b) => b.lastDue as BaseWarmStart | undefined);
    }
    return base;
  };
  const evaluate: FlexEvaluator = async (coupons) => runOnce(coupons, await baseDue());
  const adoptBase = (warmStart: BaseWarmStart): void => {
    if (base === undefined) base = Promise.resolve(warmStart);
  };
  return { evaluate, runs: () => runs, base: baseDue, adoptBase };
}
