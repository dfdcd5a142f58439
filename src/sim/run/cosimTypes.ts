/**
 * Result and port types of the co-simulation run (docs/model.md §4). The ports are the
 * only view the run loop has of the two engines, so unit tests can drive the
 * tick with fakes and the engines never see each other.
 */
import type { FeederInterval } from '../../grid/model/injection.js';
import type { DueResult } from '../../traffic/dynamic/dueTypes.js';
import type { PriceBook } from '../coupling/priceBook.js';

/**
 * Status of one OPF: `inexact` (cone relaxation not tight) and `cut-limit` (outer approximation
 * stopped at its cut limit) give a point that is not physical; `infeasible` / `error` give none.
 */
export type OpfStatus = 'optimal' | 'inexact' | 'cut-limit' | 'infeasible' | 'error';

/** What the run reads from an OPF solve (a subset of the grid engine's `OpfResult`). */
export interface OpfOutcome {
  readonly status: OpfStatus;
  readonly message?: string;
  readonly objectiveUsdPerH: number;
  readonly lossesKw: number;
  readonly importMw: number;
  /** All load shed, kW (household + EV when the engine does not split it). */
  readonly shedKw: number;
  /** Household load shed, kW (absent: `shedKw`). */
  readonly householdShedKw?: number;
  /** EV charging (station load) the OPF curtailed, kW (absent: 0). */
  readonly evCurtailedKw?: number;
  readonly shedKwByBus: Readonly<Record<number, number>>;
  readonly voltagePu: Readonly<Record<number, number>>;
  readonly minVoltagePu: number;
  readonly minVoltageBus: number;
  /** Active / reactive DLMP per bus, $/MWh and $/MVArh. */
  readonly dlmpP: Readonly<Record<number, number>>;
  readonly dlmpQ: Readonly<Record<number, number>>;
  readonly maxConeGapPu: number;
  readonly lpSolves: number;
}

/** What the run reads from a DUE solve (`byClass`: per-class accuracy, absent in fakes). */
export type DueOutcome = Pick<
  DueResult,
  | 'converged' | 'relativeGap' | 'iterations' | 'steps'
  | 'stationChargingInService' | 'stationV2gInService' | 'stationChargeQueue' | 'stationV2gQueue'
  | 'stationChargeArrivals' | 'stationV2gArrivals' | 'linkInflowVehPerH' | 'linkTravelTimeMin'
> & Partial<Pick<DueResult, 'byClass'>>;

/**
 * The traffic engine as the run sees it: a DUE for given prices, optionally warm-started.
 * `committedIntervals` = t: departures before interval t keep the warm start's routes and
 * flows (committed past); 0 = re-equilibrate every departure (whole horizon).
 */
export type TrafficPort<D extends DueOutcome = DueOutcome> = (prices: PriceBook, warmStart: D | undefined, committedIntervals: number) => D;

/**
 * First loading step at which every vehicle of a DUE trajectory has arrived (so no station
 * is serving or queueing either), or `undefined` when it has not emptied within its loading.
 */
export type ClearancePort<D extends DueOutcome = DueOutcome> = (due: D) => number | undefined;

/** `window`: an interval of the study (departures happen); `tail`: after it, until the network is clear. */
export type IntervalPhase = 'window' | 'tail';

/**
 * Run status, in precedence order (docs/model.md §4 "Status"): `infeasible` (an OPF without
 * solution; the run stops there), `inexact` (an OPF point that is not physical), `not-converged`
 * (a DUE, a price fixed point or the clearance missed), `shed` (household load shed or EV
 * charging curtailed somewhere), `ok`.
 */
export type CosimStatus = 'ok' | 'shed' | 'inexact' | 'not-converged' | 'infeasible';

/** The statuses in precedence order (first = most severe). */
export const COSIM_STATUS_PRECEDENCE: readonly CosimStatus[] = ['infeasible', 'inexact', 'not-converged', 'shed', 'ok'];

/** The grid engine as the run sees it: one OPF for one interval. */
export type GridPort = (interval: FeederInterval) => OpfOutcome;

/** Everything reported for one interval. Station arrays are indexed by station s (scenario order). */
export interface IntervalResult {
  readonly index: number;
  /** `window` for t < horizon.intervals, `tail` after. */
  readonly phase: IntervalPhase;
  /** Interval start, minutes since midnight, and as `HH:MM`. */
  readonly startMin: number;
  readonly start: string;
  /** Station power averaged over the interval, MW (net = charge − V2G, + = consumption). */
  readonly chargeMw: Float64Array;
  readonly v2gMw: Float64Array;
  readonly netMw: Float64Array;
  /** Mean vehicles in service and waiting over the interval. */
  readonly chargingInServiceVeh: Float64Array;
  readonly v2gInServiceVeh: Float64Array;
  readonly chargeQueueVeh: Float64Array;
  readonly v2gQueueVeh: Float64Array;
  /** Vehicles arriving at the station during the interval. */
  readonly chargeArrivalsVeh: Float64Array;
  readonly v2gArrivalsVeh: Float64Array;
  /** Tariffs and coupons in force in this interval. */
  readonly chargePriceYuanPerKWh: Float64Array;
  readonly v2gPriceYuanPerKWh: Float64Array;
  readonly chargeCouponYuanPerKWh: Float64Array;
  readonly v2gCouponYuanPerVisit: Float64Array;
  /** DLMP at each station's bus from this interval's OPF, $/MWh. */
  readonly dlmpAtStationUsdPerMwh: Float64Array;
  /** Feeder state of this interval. */
  readonly loadScale: number;
  readonly outagedBranches: readonly number[];
  readonly opf: OpfOutcome;
  /** The DUE that produced the station load (shared with other intervals when unchanged), and its gap / iterations. */
  readonly due: DueOutcome;
  readonly dueGap: number;
  readonly dueIterations: number;
  readonly dueConverged: boolean;
  /** Mean inflow (veh/h) and experienced travel time (min) per link in this interval. */
  readonly linkInflowVehPerH: Float64Array;
  readonly linkTravelTimeMin: Float64Array;
  /**
   * Price residual max |F(ω) − ω| over stations and tariffs, ¥/kWh: after the last
   * round (`fixed-point`), or the lag between the price used and the price this
   * interval's DLMPs imply (`next-tick`). 0 when no tariff follows the DLMP.
   */
  readonly fixedPointResidual: number;
  /** DUE → OPF rounds done in this interval (1 for `next-tick`). */
  readonly rounds: number;
  /** False when the fixed point hit `maxRounds` above tolerance. */
  readonly fixedPointConverged: boolean;
}

/** Wall time spent per part of the run, milliseconds (not part of the deterministic result). */
export interface CosimTiming {
  trafficMs: number;
  gridMs: number;
  couplingMs: number;
  totalMs: number;
  dueSolves: number;
  opfSolves: number;
}

/** The links of the road network with stations inserted (index = link index of the DUE arrays). */
export interface LinkTable {
  /** External node ids of each link's ends (virtual station nodes have ids above the real ones). */
  readonly fromNode: Int32Array;
  readonly toNode: Int32Array;
  /** `road`, `charge`, `v2g` or `bypass`. */
  readonly kind: readonly string[];
}

/** Result of a whole co-simulation run. */
export interface CosimResult {
  /** The most severe of `statuses` (precedence in `COSIM_STATUS_PRECEDENCE`). */
  readonly status: CosimStatus;
  /** Every status that holds, most severe first (`['ok']` when none). */
  readonly statuses: readonly CosimStatus[];
  /** Human-readable problems (non-convergence, inexact relaxations, shedding, clearance), empty when none. */
  readonly problems: readonly string[];
  /** Intervals of the study window (`horizon.intervals`); `intervals` may hold tail intervals after them. */
  readonly windowIntervals: number;
  /** True when the network was clear (every vehicle arrived) at the end of the last reported interval. */
  readonly cleared: boolean;
  readonly stationIds: readonly string[];
  /** Feeder bus of each station. */
  readonly stationBuses: Int32Array;
  /** Feeder bus ids (order of the per-bus CSV) and their lower voltage limits, pu. */
  readonly busIds: readonly number[];
  readonly busVMinPu: Float64Array;
  readonly intervals: readonly IntervalResult[];
  /** Power rates used for the energy accounting, kW per vehicle (index s). */
  readonly chargeKw: Float64Array;
  readonly v2gKw: Float64Array;
  readonly intervalMin: number;
  readonly stepSec: number;
  readonly links: LinkTable;
  /** The last DUE solved (warm start for a following run). */
  readonly lastDue: DueOutcome | undefined;
  readonly timing: CosimTiming;
}
