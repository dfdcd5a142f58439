/**
 * Types of the static user-equilibrium solvers (docs/model.md §2 "static special cases").
 */
import type { OdDemand } from '../network/network.js';

/** One user class of a multi-class static UE: its demand and generalized-cost weights. */
export interface UeClass {
  readonly name: string;
  /** OD demand, external node ids, veh/h. */
  readonly demand: readonly OdDemand[];
  /** Minutes per toll unit; default `network.tollFactor` (or 1/valueOfTimePerMin when that is given). */
  readonly tollFactor?: number;
  /** Value of time, toll units per minute (θ_k): tolls weigh 1/θ_k minutes each. Ignored when `tollFactor` is given. */
  readonly valueOfTimePerMin?: number;
  /** Minutes per km of length; default `network.distanceFactor`. */
  readonly distanceFactor?: number;
  /**
   * Extra fixed cost per link index, minutes (≥ 0; `Infinity` forbids the link for this
   * class). Default: `Infinity` on `charge` and `v2g` links (static traffic uses a
   * station's bypass), 0 elsewhere.
   */
  readonly extraCostMin?: ArrayLike<number>;
}

/** Convergence figures after one outer iteration. */
export interface UeIterationRecord {
  readonly iteration: number;
  /** (Σ x·c − Σ d·c_min) / Σ x·c, generalized costs (TNTP convention). */
  readonly relativeGap: number;
  /** (Σ x·c − Σ d·c_min) / Σ d, minutes per vehicle. */
  readonly averageExcessCostMin: number;
  /** Beckmann objective Σ ∫ t + Σ fixed·x, minutes·veh/h (TNTP units). */
  readonly objective: number;
  /** Wall time since the solver started, seconds. */
  readonly seconds: number;
}

/** Options shared by `solveStaticUe` and `solveMultiClassUe`; all optional. */
export interface StaticUeOptions {
  /** Stop when the relative gap is ≤ this; default 1e-8. */
  readonly gapTarget?: number;
  /** Outer-iteration limit; default 1000. Reaching it returns `converged: false`. */
  readonly maxIterations?: number;
  /** Called after each outer iteration (progress); return `false` to stop early. */
  readonly onIteration?: (record: UeIterationRecord) => boolean | void;
  /** Name of the demand's source for error messages; default `'demand'`. */
  readonly demandSource?: string;
  /** Flow-shift passes over all bushes per outer iteration after the bush update; default 20. */
  readonly innerIterations?: number;
}

/** A route with its flow, for one OD pair and class. */
export interface UePath {
  readonly classIndex: number;
  readonly origin: number;
  readonly destination: number;
  /** Link indices in order. */
  readonly links: Int32Array;
  readonly vehPerH: number;
}

/** The equilibrium found. */
export interface StaticUeResult {
  /** Total flow per link index, veh/h. */
  readonly linkFlows: Float64Array;
  /** Flow per class and link index, veh/h. */
  readonly classLinkFlows: readonly Float64Array[];
  /** BPR travel time per link at `linkFlows`, minutes (+∞ on closed links). */
  readonly linkTimesMin: Float64Array;
  /** Generalized cost per class and link: time + fixed costs, minutes. */
  readonly classLinkCostsMin: readonly Float64Array[];
  readonly relativeGap: number;
  readonly averageExcessCostMin: number;
  /** Beckmann objective, minutes·veh/h (TNTP units). */
  readonly objective: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly history: readonly UeIterationRecord[];
  /**
   * Decompose the equilibrium into paths with flows (per class, origin, destination).
   * Bush flows do not fix a unique path decomposition; this one repeatedly traces back
   * from the destination along the in-link with the most remaining flow and peels the
   * bottleneck (deterministic; every path returned carries equilibrium flow).
   */
  readonly paths: () => UePath[];
}
