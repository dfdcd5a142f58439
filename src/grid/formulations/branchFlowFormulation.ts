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
  /** Largest accepted cone gap |P²+Q² − vℓ| and rating violation, pu (default 1e-6). */
  readonly coneTolerancePu?: number;
  /** Most LP solves per interval in the cut loop (default 60). */
  readonly maxCutRounds?: number;
}

/**
 * Raw result of one solve, per unit, by bus position (branch quantities are
 * stored at their receiving bus). Duals follow HiGHS: `rowDual = ∂objective/∂rhs`
 * in $/h per pu; `vBoundDual` is the reduced cost of the squared-voltage column.
 */
export interface BranchFlowSolution {
  readonly status: 'optimal' | 'inexact' | 'infeasible' | 'error';
  readonly message?: string;
  readonly objectiveUsdPerH: number;
  readonly lpSolves: number;
  /** Largest |P²+Q² − vℓ| over branches, pu². */
  readonly maxConeGapPu: number;
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
