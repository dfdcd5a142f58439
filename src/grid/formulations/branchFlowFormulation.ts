/**
 * The one interface every branch-flow formulation implements (docs/architecture.md, after
 * PowerModels' `AbstractPowerModel` families): a formulation knows its solver
 * variables but not the files; problems know neither and drive it through this
 * interface, so a new formulation is one file and leaves `problems/` untouched.
 */
import type { HighsRuntime } from '../solver/loadHighs.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';

/** Names of the available formulations. */
export type FormulationName = 'socp' | 'lindistflow';

/** Options shared by every formulation. */
export interface FormulationOptions {
  /**
   * Absolute cone tolerance |P²+Q² − vℓ|, pu². Absent (default): the scale-aware
   * criterion of `coneRelTolerance` (docs/model.md §3.3); set, it replaces it for cones.
   */
  readonly coneTolerancePu?: number;
  /** Relative cone / rating / cost tolerance of the cut loop (default 1e-9; docs/model.md §3.3). */
  readonly coneRelTolerance?: number;
  /** Most LP solves per interval in the cut loop (default 60). */
  readonly maxCutRounds?: number;
}

/**
 * Raw result of one solve, per unit, by bus position (branch quantities are
 * stored at their receiving bus). Duals follow HiGHS: `rowDual = ∂objective/∂rhs`
 * in $/h per pu; `vBoundDual` is the reduced cost of the squared-voltage column.
 */
export interface BranchFlowSolution {
  /**
   * `cut-limit`: the cut loop ran out of rounds (the point is the last solved LP, not
   * exact); `inexact`: the relaxation is not tight at the optimum (v·ℓ > P² + Q²).
   */
  readonly status: 'optimal' | 'inexact' | 'cut-limit' | 'infeasible' | 'error';
  readonly message?: string;
  /** Objective of the last *solved* LP, $/h. */
  readonly objectiveUsdPerH: number;
  readonly lpSolves: number;
  /** Largest |P²+Q² − vℓ| over branches, pu². */
  readonly maxConeGapPu: number;
  /** Index into `feeder.branches` of the branch with the largest gap (null when no branch has a gap). */
  readonly maxConeGapBranchIndex: number | null;
  /** Indices into `feeder.branches` of branches whose ℓ sits at the formulation's current box (empty normally). */
  readonly currentBoxBindingIndex: readonly number[];
  readonly vSqPu: Float64Array;
  readonly pFlowPu: Float64Array;
  readonly qFlowPu: Float64Array;
  readonly lSqPu: Float64Array;
  readonly coneGapPu: Float64Array;
  readonly shedPu: Float64Array;
  readonly qInverterPu: Float64Array;
  readonly pGenPu: Float64Array;
  readonly qGenPu: Float64Array;
  /** Duals of the active / reactive balance rows, $/h per pu. */
  readonly lambdaP: Float64Array;
  readonly lambdaQ: Float64Array;
  /** Dual of the voltage-drop row of each bus's incoming branch. */
  readonly mu: Float64Array;
  /** Σ over cone cuts of the incoming branch: dual × coefficient of P, Q. */
  readonly lossP: Float64Array;
  readonly lossQ: Float64Array;
  /** Σ over cone cuts of the outgoing branches of a bus: dual × coefficient of its v. */
  readonly lossV: Float64Array;
  /** Σ over rating cuts of the incoming branch: dual × coefficient of P, Q. */
  readonly congP: Float64Array;
  readonly congQ: Float64Array;
  /** Reduced cost of each bus's squared-voltage column (voltage-limit duals). */
  readonly vBoundDual: Float64Array;
  /** Reduced cost of each generator's P and Q columns (its limit duals). */
  readonly genPReducedCost: Float64Array;
  readonly genQReducedCost: Float64Array;
}

/** A persistent model of one topology: build once, update per interval, solve warm. */
export interface BranchFlowFormulation {
  readonly name: FormulationName;
  /** Write the interval's demand and bounds into the model (no rebuild). */
  update(interval: IntervalTemplate): void;
  /** Solve (with the formulation's own cut loop) and return the raw solution. */
  solve(): BranchFlowSolution;
  /** Release the native model. */
  dispose(): void;
}

/** Build a formulation for one network template. */
export type BranchFlowFormulationFactory = (
  highs: HighsRuntime, net: NetworkTemplate, options: FormulationOptions,
) => BranchFlowFormulation;
