/**
 * The prepared, per-run context of the tick function and its mutable state
 * (docs/model.md §4). Built once by `prepareCosim`; the tick only reads the context.
 */
import type { PriceBook, Tariffs } from '../coupling/priceBook.js';
import type { StationBusMap } from '../coupling/stationBusMap.js';
import type { StationRates } from '../coupling/stationPower.js';
import type { FeedbackMode } from '../scenario/schema/solverSchema.js';
import type { ReplanMode } from '../scenario/schema/demandSchema.js';
import type { ClearancePort, CosimTiming, DueOutcome, GridPort, IntervalResult, TrafficPort } from './cosimTypes.js';

/** Price fixed-point controls (scenario `solver`). */
export interface FixedPointControls {
  /** Stop when max |F(ω) − ω| ≤ this, ¥/kWh. */
  readonly tolerance: number;
  /** ω ← damping·ω + (1 − damping)·F(ω). */
  readonly damping: number;
  readonly maxRounds: number;
}

/** Coupons per station per interval (index `s * intervals + t`). */
export interface CouponBook {
  /** ψ_ch, ¥/kWh. */
  readonly chargeYuanPerKWh: Float64Array;
  /** ψ_v2g, ¥ per visit. */
  readonly v2gYuanPerVisit: Float64Array;
}

/** Read-only inputs of every tick. */
export interface CosimContext<D extends DueOutcome = DueOutcome> {
  /**
   * Intervals the traffic model and the price book cover: the study window followed by
   * the longest tail (`horizon.clearanceMin`). Per-interval arrays below have this length.
   */
  readonly intervals: number;
  /** Intervals of the study window (departures happen only in these). */
  readonly windowIntervals: number;
  /** `committed`: departures before the tick keep their routes; `whole-horizon`: all re-equilibrate. */
  readonly replan: ReplanMode;
  /** Where the DUE trajectory has emptied (tail ticks stop there). */
  readonly clearance: ClearancePort<D>;
  /** Δt / δ. */
  readonly stepsPerInterval: number;
  readonly rates: StationRates;
  readonly map: StationBusMap;
  readonly tariffs: Tariffs;
  readonly feedback: FeedbackMode;
  readonly fixedPoint: FixedPointControls;
  /** Household load multiplier per interval. */
  readonly loadScale: Float64Array;
  /** Substation import price per interval, $/MWh (undefined: the feeder's own flat price). */
  readonly importPriceUsdPerMwh?: Float64Array;
  /** Outaged branch ids per interval. */
  readonly outages: readonly (readonly number[])[];
  readonly coupons: CouponBook;
  readonly traffic: TrafficPort<D>;
  readonly grid: GridPort;
  /** Accumulated wall time (mutated; reporting only). */
  readonly timing: CosimTiming;
}

/** State threaded from tick to tick by the clock's `scan`. */
export interface CosimState<D extends DueOutcome = DueOutcome> {
  /** Prices per station per interval, ¥/kWh (updated by the DLMP feedback). */
  readonly book: PriceBook;
  /** Last DUE solved and the prices it was solved for (warm start and cache). */
  due: D | undefined;
  dueCharge: Float64Array | undefined;
  dueV2g: Float64Array | undefined;
  /** DUE results already reported as not converged. */
  readonly flaggedDue: Set<D>;
  readonly results: IntervalResult[];
  readonly problems: string[];
  /**
   * DLMP at each station's bus of the last OPF with a physical point (`optimal`), $/MWh: the
   * prices follow these when an interval is inexact. Starts at the DLMPs before any EV arrives.
   */
  lastPhysicalDlmp: Float64Array | undefined;
  /** Set when the run ends before the last tick: the network is clear, or an OPF had no solution. */
  stopped: boolean;
  /** The network was clear at the boundary where the run stopped. */
  cleared: boolean;
  /** An OPF had no solution (the run stopped at that interval, which is not recorded). */
  infeasible: boolean;
}

/**
 * A fresh state for a run starting from `book`.
 *
 * @param warmStart - a DUE result to warm-start the first solve (e.g. a previous run's `lastDue`).
 * @param baseDlmp - station-bus DLMPs before any EV arrives (held when an interval's OPF is inexact).
 * @example
 * const state = initialCosimState(book);
 */
export function initialCosimState<D extends DueOutcome>(book: PriceBook, warmStart?: D, baseDlmp?: Float64Array): CosimState<D> {
  return {
    book, due: warmStart, dueCharge: undefined, dueV2g: undefined, flaggedDue: new Set(), results: [], problems: [],
    lastPhysicalDlmp: baseDlmp === undefined ? undefined : Float64Array.from(baseDlmp), stopped: false, cleared: false, infeasible: false,
  };
}
