/**
 * Types of the DUE solver's working state (`dueState.ts`), in their own module so that the
 * steps of an iteration (`duePricing.ts` and the others) import them without an import cycle.
 */
import type { Network } from '../network/network.js';
import type { ClassTree } from './classShortestPaths.js';
import type { DueProblem } from './dueProblem.js';
import type { DueScenario } from './dueTypes.js';
import type { DnlResult } from './dnlTypes.js';
import type { ExperiencedLinkTimes } from './experiencedLinkTimes.js';
import type { LinkCostModel } from './linkCostModel.js';
import type { LinkEconomics } from './linkEconomics.js';

/**
 * One path of a group with per-interval flow (veh), cost (¥), time (min) and money (¥),
 * and, per interval and link (`t * links.length + i`), the interval in which the
 * interval's middle departure enters the link and the link's cost sensitivity there (¥/veh).
 */
export interface DuePathState {
  readonly group: number;
  readonly links: Int32Array;
  readonly key: string;
  readonly flow: Float64Array;
  readonly cost: Float64Array;
  readonly time: Float64Array;
  readonly money: Float64Array;
  readonly walkSens: Float64Array;
  readonly walkSlot: Int32Array;
  /** Departures per loading step (dynamic mode): flow spread uniformly over the interval's steps. */
  readonly dep: Float64Array;
  /** Iterations in a row this path ended without flow in any interval (`dropIdlePaths`). */
  idleIterations: number;
  /** Dropped from its group (`dropIdlePaths`): no longer priced, loaded or reported; its index stays reserved. */
  dropped: boolean;
}

/** Everything an iteration needs. */
export interface DueContext {
  readonly scenario: DueScenario;
  readonly network: Network;
  readonly problem: DueProblem;
  readonly econ: LinkEconomics;
  readonly dynamic: boolean;
  readonly intervals: number;
  readonly spi: number;
  readonly paths: DuePathState[];
  readonly pathKeys: Set<string>[];
  readonly tree: ClassTree;
  /** Current loading horizon in steps (grows until the network empties, unless fixed). */
  horizon: number;
  /** Departure intervals < this are committed (`DueOptions.committedIntervals`): never priced, swapped or judged. */
  readonly committed: number;
  /** Last loading usable as a checkpoint at step `committed · spi` (dynamic, committed > 0), else undefined. */
  checkpoint?: LoadingCheckpoint;
  /** Loading steps simulated so far (all loadings of the solve). */
  loadingSteps: number;
}

/** A loading and, per loaded path, its index in `DueContext.paths` (or in `DueResult.paths`). */
export interface LoadingCheckpoint {
  readonly dnl: DnlResult;
  readonly loadedPaths: Int32Array;
}

/** The loading of the current flows and its cost model. */
export interface DueLoading {
  readonly model: LinkCostModel;
  readonly dnl?: DnlResult;
  readonly times?: ExperiencedLinkTimes;
  /** Dynamic: index in `DueContext.paths` of each loaded path (paths with flow), in loading order. */
  readonly loadedPaths?: Int32Array;
  /** STA: vehicles entering each link per interval. */
  readonly linkFlowVeh?: Float64Array;
  /** Dynamic: the loading kept the states of every later interval boundary (`loadCurrentFlows`'s `captureStates`). */
  readonly capturedStates?: boolean;
}
