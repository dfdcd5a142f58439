/**
 * Types of the dynamic network loading (`loadNetworkDynamic`), in their own module so that the
 * loader's parts (`dnlSetup.ts`, `dnlCheckpoint.ts`) import them without an import cycle.
 */
import type { DnlWorkspace } from './dnlWorkspace.js';
import type { RingSnapshot } from './segmentRings.js';

/** Link model of the loading: point queues with BPR running time, or the link transmission model with spillback. */
export type DnlLoadingModel = 'point-queue' | 'ltm';

/** One path to load: its links and its departures per loading step. */
export interface DnlPath {
  /** Link indices in travel order (consecutive: `to[links[i]] === from[links[i+1]]`). */
  readonly links: Int32Array;
  /** Vehicles departing during step k (time [kδ, (k+1)δ)); shorter than the horizon = 0 after. */
  readonly departureVehByStep: Float64Array;
  /** User class code (e.g. `UserClassCode`), default 0: the per-class curves sum over it. */
  readonly classCode?: number;
}

/** Loading controls. */
export interface DnlOptions {
  /** δ, seconds. */
  readonly stepSec: number;
  /** Number of steps S to simulate; curves have S + 1 points (times 0, δ, …, Sδ). */
  readonly horizonSteps: number;
  /** Link model, default `'point-queue'` (docs/model.md §2.5; `'ltm'`: §2.5 "Physical queues"). */
  readonly loading?: DnlLoadingModel;
  /** Keep the network state (`DnlState`) at every multiple of this step count, so the result can be resumed there. */
  readonly checkpointEvery?: number;
  /** Keep the network state at these steps (in addition to `checkpointEvery`). */
  readonly checkpointSteps?: readonly number[];
  /** Resume from a kept state instead of step 0 (see `DnlResume`). */
  readonly resume?: DnlResume;
  /**
   * Buffers reused across loadings (`createDnlWorkspace`). The result's curves then live in
   * the workspace: they stay valid until the next loading with it, except `resume.from`,
   * whose curves up to the resume step are kept.
   */
  readonly workspace?: DnlWorkspace;
  /** Also record per-segment and per-path curves (`DnlResult.pathCurves`; segments × steps memory: tests and small cases only). */
  readonly recordPathCurves?: boolean;
}

/**
 * Resume a loading at step `step` from an earlier loading `from` of the same network, δ and
 * link model (`from.states` must hold `step`). The caller guarantees that every path departs
 * exactly as in `from` before `step` (checked on each path's cumulative departures at
 * `step`); loading is causal (departures at steps ≥ `step` cannot change any curve value at
 * indices ≤ `step`), so the resumed loading equals a full one (bit for bit when the paths
 * with departures before `step` keep their relative order).
 */
export interface DnlResume {
  readonly from: DnlResult;
  /** Step k0 at which the loading restarts: values at indices 0…k0 are copied from `from`. */
  readonly step: number;
  /** Per path of this loading: index of the same path (same links) in `from`, or −1 (no departures before `step`). */
  readonly pathMap: Int32Array;
}

/**
 * The network state at the start of step `step` (the one checkpoint mechanism): with the
 * curves at indices 0…step it is everything a loading needs to go on from there.
 */
export interface DnlState {
  readonly step: number;
  /** Per link: last entry step whose vehicles reached the bottleneck (running part, −1 = none), and the FIFO exit pointer. */
  readonly run: Int32Array;
  readonly entry: Int32Array;
  /** Path composition of the vehicles on each link (segment ring windows, exit positions, path phases). */
  readonly rings: RingSnapshot;
  /** Per path: vehicles departed before `step` (summed in the loader's order) and link count. */
  readonly pathDeparted: Float64Array;
  /** LTM: per path, departed vehicles still waiting at the origin for room on the first link (empty for point queues). */
  readonly originBacklog: Float64Array;
  readonly pathLength: Int32Array;
}

/** @deprecated former name of the checkpoint state; see `DnlState`. */
export type DnlPointers = DnlState;

/** Per-segment and per-path curves (`DnlOptions.recordPathCurves`), path-major `i * (steps + 1) + k`. */
export interface DnlPathCurves {
  /** Segment j of path p is `pathSegStart[p] + j`; `pathSegStart[pathCount]` = segment count. */
  readonly pathSegStart: Int32Array;
  /** Cumulative inflow of each segment (segment s at kδ: `s * (steps + 1) + k`). */
  readonly segCumIn: Float64Array;
  /** Cumulative arrivals of each path at its destination (`p * (steps + 1) + k`). */
  readonly pathCumArrivals: Float64Array;
}

/**
 * Cumulative curves of one loading. Link curves have `steps + 1` points, value at time kδ,
 * stored link-major (`a * (steps + 1) + k`).
 */
export interface DnlResult {
  readonly stepSec: number;
  readonly steps: number;
  readonly loading: DnlLoadingModel;
  /** A_a: vehicles that entered link a. */
  readonly linkCumIn: Float64Array;
  /** V_a: vehicles that reached the link's bottleneck (road exit queue or station server queue; LTM: the downstream end at free speed). */
  readonly linkCumAtBottleneck: Float64Array;
  /** Station links: vehicles that started service; other links: equal to `linkCumOut`. */
  readonly linkCumServiceStart: Float64Array;
  /** D_a: vehicles that left link a. */
  readonly linkCumOut: Float64Array;
  /** T_a(k): time (in steps) at which a vehicle entering at kδ reaches the bottleneck (FIFO-monotone). */
  readonly linkRunExitStep: Float64Array;
  /** Per link: service duration (steps) for station links, 0 otherwise. */
  readonly linkServiceSteps: Float64Array;
  /** Per link: bottleneck discharge per step (roads: capacity·δ; +∞ when none), or servers for station links. */
  readonly linkBottleneck: Float64Array;
  readonly pathCount: number;
  /** Per path: number of links (what a resume or a consumer checks the path list against). */
  readonly pathLength: Int32Array;
  /** Number of classes (1 + largest `classCode`), and cumulative departures / arrivals per class, `k * classCount + c`. */
  readonly classCount: number;
  readonly classCumDepartures: Float64Array;
  readonly classCumArrivals: Float64Array;
  /** Per link: row of a station link (charge / v2g) in `stationClassCumIn`, −1 for other links. */
  readonly stationLinkRow: Int32Array;
  /** Cumulative inflow per station link and class, `(row * classCount + c) * (steps + 1) + k`. */
  readonly stationClassCumIn: Float64Array;
  /**
   * LTM only: vehicles waiting at their origin to enter link a at kδ (`a * (steps + 1) + k`), on
   * links leaving a node that no link enters (elsewhere 0: see docs/model.md §2.5); the DUE
   * prices this wait on the first link (`experiencedLinkTimes`).
   */
  readonly linkOriginQueue?: Float64Array;
  /** Kept network states, by increasing step (`checkpointEvery`, `checkpointSteps`). */
  readonly states: readonly DnlState[];
  /** Per-segment and per-path curves when `recordPathCurves`. */
  readonly pathCurves?: DnlPathCurves;
  /** Steps actually simulated (S, or S − k0 when resumed from a checkpoint at k0). */
  readonly stepsSimulated: number;
  /** Largest memory of the path composition (segment rings) during the loading, bytes. */
  readonly compositionPeakBytes: number;
}
