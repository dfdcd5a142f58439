/**
 * Public input and output types of the dynamic user equilibrium (DUE, docs/model.md §2)
 * and of its static special case (STA, docs/model.md §5 "static vs dynamic").
 *
 * Index conventions used by every typed array below:
 * - per station per interval: `s * intervals + t`;
 * - per station per loading step: `s * steps + k` (value at time `k · stepSec`);
 * - per link per interval: `link * intervals + t`.
 */
import type { Network } from '../network/network.js';
import type { DnlLoadingModel, DnlResult } from './loadNetworkDynamic.js';

/** User classes of docs/model.md §2: regular (no station), charging (one charge link), V2G (one v2g link). */
export type UserClass = 'regular' | 'charging' | 'v2g';

/** Class codes used in typed arrays (`classCode` fields). */
export const UserClassCode = { regular: 0, charging: 1, v2g: 2 } as const;

/** The class names by code. */
export const USER_CLASSES: readonly UserClass[] = ['regular', 'charging', 'v2g'];

/** Time-dependent demand of one OD pair: one rate per departure interval. */
export interface DynamicDemand {
  /** External node ids. */
  readonly origin: number;
  readonly destination: number;
  /** Departure rate in each departure interval, veh/h (length = `intervals`). */
  readonly vehPerHByInterval: readonly number[];
  /**
   * All of the demand is of this class (a CSV table's classed rows, docs/demand.md); absent:
   * split by the shares. At most one entry per OD pair and class.
   */
  readonly userClass?: UserClass;
}

/** Everything `solveDue` needs (docs/model.md §2). */
export interface DueScenario {
  /** Network with stations already inserted (`insertStations`). */
  readonly network: Network;
  readonly demand: readonly DynamicDemand[];
  /** λ (charging) and φ (V2G) shares; regular = 1 − λ − φ. */
  readonly shares: { readonly charging: number; readonly v2g: number };
  /** Δt, minutes: departure, price and reporting interval. */
  readonly intervalMin: number;
  /** Number of departure intervals. */
  readonly intervals: number;
  /** δ, seconds: loading time step; `intervalMin · 60 / stepSec` must be an integer. */
  readonly stepSec: number;
  /** Loading horizon in steps; default: grown until the network has emptied. */
  readonly horizonSteps?: number;
  /** θ, value of time, ¥/h. */
  readonly valueOfTimeYuanPerH: number;
  /** ω per station per interval (index `s * intervals + t`), ¥/kWh. */
  readonly prices: { readonly chargeYuanPerKWh: Float64Array; readonly v2gYuanPerKWh: Float64Array };
  /** ψ per station per interval: charging discount ¥/kWh, V2G participation bonus ¥ per visit. */
  readonly coupons: { readonly chargeYuanPerKWh: Float64Array; readonly v2gYuanPerVisit: Float64Array };
  /** `'dynamic'` (default): point-queue loading; `'instantaneous'`: STA, BPR on interval flows. */
  readonly propagation?: 'dynamic' | 'instantaneous';
  /** Dynamic propagation: link model of the loading, `'point-queue'` (default) or `'ltm'` (physical queues with spillback, docs/model.md §2.5). */
  readonly loading?: DnlLoadingModel;
}

/** Solver controls of `solveDue`. */
export interface DueOptions {
  /** Target relative gap, default 1e-4. */
  readonly gapTolerance?: number;
  /** Iteration limit, default 500. */
  readonly maxIterations?: number;
  /** A previous result on the same network: its paths and flow split are the start point. */
  readonly warmStart?: DueResult;
  /**
   * Committed past, default 0 (whole-horizon equilibrium). Departure intervals < this are
   * committed: their paths and per-interval flows are taken from `warmStart` unchanged;
   * only departures at this interval or later re-equilibrate (column generation, swaps and
   * the gap cover intervals ≥ committedIntervals only); the loading restarts from the
   * network state at step committedIntervals·stepsPerInterval (a checkpoint carried by the
   * warm start) instead of step 0. Integer in [0, intervals]; `warmStart` required when > 0,
   * with the same intervals and flows meeting the committed demand (`InputError` otherwise).
   * Committed cohorts keep the costs priced when they were last free; `relativeGap` and
   * `byClass` cover the free intervals only. `intervals` commits everything: one loading.
   */
  readonly committedIntervals?: number;
  /**
   * Called after every iteration's gap evaluation, with the worst class gap (the convergence
   * measure) and the average excess cost Σ f·(g − c_min) / Σ Q over all classes, ¥ per vehicle.
   */
  readonly onIteration?: (iteration: number, relativeGap: number, progress: DueIterationProgress) => void;
}

/** Accuracy of one DUE iteration (`DueOptions.onIteration`). */
export interface DueIterationProgress {
  readonly worstClassGap: number;
  readonly excessCostYuanPerVeh: number;
}

/** One used or generated path of an OD pair and class. */
export interface DuePath {
  readonly origin: number;
  readonly destination: number;
  readonly userClass: UserClass;
  /** Link indices in travel order. */
  readonly links: Int32Array;
  /** Vehicles departing in each interval. */
  readonly flowVehByInterval: Float64Array;
  /** Mean experienced generalized cost of the interval's departures, ¥. */
  readonly costYuanByInterval: Float64Array;
  /** Its parts: mean experienced travel time, minutes, and money paid (< 0: earned), ¥. */
  readonly travelTimeMinByInterval: Float64Array;
  readonly moneyYuanByInterval: Float64Array;
}

/** Result of `solveDue`. */
export interface DueResult {
  /** Every class with demand (in the intervals judged) has `byClass[c].relativeGap` ≤ `gapTolerance`. */
  readonly converged: boolean;
  /**
   * Final relative gap over all classes, Σ f·(g − c_min) / Σ Q·(θ·T_b + |M_b|) with b the cheapest
   * path (its time cost plus the absolute money; docs/model.md §2), over the free intervals
   * (≥ `committedIntervals`). Equal to Σ f·(g − c_min) / Σ Q·c_min when money is ≥ 0.
   */
  readonly relativeGap: number;
  /** The same measures per class (convergence is judged per class, so the small V2G class is not drowned). */
  readonly byClass: Record<UserClass, DueClassAccuracy>;
  readonly iterations: number;
  readonly gapHistory: number[];
  readonly propagation: 'dynamic' | 'instantaneous';
  readonly intervals: number;
  readonly intervalMin: number;
  readonly stepSec: number;
  /** Loading steps reported (per-step arrays have `steps` entries per station). */
  readonly steps: number;
  /**
   * Vehicles in charge / V2G service at time k·δ, index `s * steps + k` (the grid coupling reads these).
   * At a destination station: vehicles DRAWING power (the first need / chargeKw of each dwell,
   * docs/model.md §2 "Destination charging"); the occupied chargers are `stationPluggedIn`.
   */
  readonly stationChargingInService: Float64Array;
  readonly stationV2gInService: Float64Array;
  /**
   * Vehicles occupying a charger at time k·δ, index `s * steps + k`: at a destination station
   * drawing or done but not yet left (≥ `stationChargingInService`, ≤ chargers); en route
   * equal to `stationChargingInService`.
   */
  readonly stationPluggedIn: Float64Array;
  /**
   * V2G-class vehicles among `stationChargeArrivals`, index `s * intervals + t`: they recharge at a
   * destination station (0 at en-route stations). The charging class makes up the rest.
   */
  readonly stationChargeArrivalsV2gClass: Float64Array;
  /** Vehicles waiting for a charger / port, index `s * steps + k`. */
  readonly stationChargeQueue: Float64Array;
  readonly stationV2gQueue: Float64Array;
  /** Time-averaged vehicles in service per interval, index `s * intervals + t`. */
  readonly stationChargingInServiceByInterval: Float64Array;
  readonly stationV2gInServiceByInterval: Float64Array;
  /** Vehicles reaching the station (and paying that interval's price), index `s * intervals + t`. */
  readonly stationChargeArrivals: Float64Array;
  readonly stationV2gArrivals: Float64Array;
  /** Mean inflow rate per link per interval, veh/h, index `link * intervals + t`. */
  readonly linkInflowVehPerH: Float64Array;
  /** Mean experienced travel time of the interval's entrants, minutes, index `link * intervals + t`. */
  readonly linkTravelTimeMin: Float64Array;
  /** Vehicles still on the network at the end of the loading horizon. */
  readonly vehiclesOnNetworkAtEnd: number;
  readonly paths: DuePath[];
  /** Loading steps simulated over the whole solve (all iterations; resumed loadings count only their own steps). */
  readonly loadingStepsSimulated: number;
  /**
   * Opaque (dynamic propagation only): the final loading, for the next solve's committed
   * warm start (`DueOptions.committedIntervals`). It holds the loading's cumulative curves,
   * 8 · (steps + 1) · 5 · links bytes (6 curves with LTM; reference scenario: 1,207 steps, 30
   * links → 1.45 MB), and its kept states, each 8 · links · 3 bytes plus the segment ring windows
   * of the paths then on the network, trimmed of their constant ends (8 bytes per segment and step
   * a vehicle stays on its link while the segment's vehicles are still entering it).
   * A caller that keeps many results should keep the checkpoint of the latest only.
   */
  readonly checkpoint?: DueCheckpoint;
}

/** Accuracy of one class's equilibrium over the free (non-committed) intervals. */
export interface DueClassAccuracy {
  /** Vehicles of the class departing in the intervals judged. */
  readonly vehicles: number;
  /** Σ f·(g − c_min) / Σ Q·(θ·T_b + |M_b|) over the class's groups (0 when it has no vehicles). */
  readonly relativeGap: number;
  /** Average excess cost Σ f·(g − c_min) / Σ f, ¥ per vehicle (0 when no vehicles). */
  readonly excessCostYuanPerVeh: number;
  /** The same in minutes, excess ¥ / θ · 60; null when θ = 0. */
  readonly excessTimeMinPerVeh: number | null;
}

/** The final loading of a solve and, per loaded path, its index in `DueResult.paths`. */
export interface DueCheckpoint {
  readonly dnl: DnlResult;
  readonly loadedPaths: Int32Array;
}
