/**
 * Solve the seed-000 coupled V2G market equilibrium and report what the paper
 * reports (seed 000 §III–IV; docs/static-equilibria.md §1).
 *
 * 1. Build the coupled convex program (`buildV2gModel`): its KKT conditions are the
 *    equilibrium conditions of EVs/FVs (Wardrop on pre-generated path patterns),
 *    the CNO, the LinDistFlow DSO, the Cournot LSEs and market clearing.
 * 2. Solve it by outer approximation on the separable convex terms (HiGHS LP, warm
 *    started), stopping when the largest relative residual of all players'
 *    optimality conditions and of market clearing is ≤ `tolerance`.
 * 3. Report: load shedding, DLMPs, EV station/V2G shares, energies, waiting and
 *    service, active V2G OD pairs, dominant paths by cost component, social cost.
 */
import { buildV2gModel, type V2gEquilibriumInput } from './v2gModel.js';
import { evaluateV2g, type V2gResiduals } from './v2gEvaluate.js';
import { maxReducedCostViolation, maxRowViolation } from './lpRowResiduals.js';
import { solveByOuterApproximation } from './outerApproximation.js';
import { buildV2gReport, type V2gReport } from './v2gReport.js';

/** Solver options. */
export interface V2gSolveOptions {
  /** Relative residual to reach (default 1e-6). */
  readonly tolerance?: number;
  /** Outer-approximation iterations (default 400). */
  readonly maxIterations?: number;
  /** Throw SolverError when not converged (default true). */
  readonly throwOnNonConvergence?: boolean;
}

/** The solved equilibrium: report plus residual history. */
export interface V2gEquilibriumResult extends V2gReport {
  readonly status: 'converged' | 'not-converged';
  readonly residual: number;
  readonly residuals: V2gResiduals;
  readonly iterations: number;
  readonly residualHistory: readonly number[];
  readonly cuts: number;
}

/**
 * Solve the coupled V2G equilibrium.
 *
 * @throws SolverError (exit 2) when the LP fails or the residual stays above tolerance.
 * @example
 * const result = await solveV2gEquilibrium(await prepareV2gInput(scenario, { v2g: true }));
 * result.loadShedMw; result.residual;
 */
export async function solveV2gEquilibrium(input: V2gEquilibriumInput, options: V2gSolveOptions = {}): Promise<V2gEquilibriumResult> {
  const model = buildV2gModel(input);
  const assembled = model.market.builder.assemble();
  const termCols = new Set(model.terms.map((t) => t.col));
  const stationCols = new Set(model.market.stationCol);
  const dsoCols = Int32Array.from({ length: model.marketColCount }, (_, j) => j).filter((j) => !termCols.has(j) && !stationCols.has(j));
  const totalLoad = Math.max(1e-6, model.market.fixedLoadMw.reduce((s, v) => s + v, 0));
  const demand = input.evDemandVehPerH.reduce((s, v) => s + v, 0) + input.fvDemandVehPerH.reduce((s, v) => s + v, 0);
  const marketRows = Int32Array.from({ length: model.marketRowCount }, (_, i) => i);
  const trafficRows = Int32Array.from({ length: assembled.numRows - model.marketRowCount }, (_, i) => model.marketRowCount + i);
  const pRef = Math.max(input.market.importPriceUsdPerMwh, 1);
  const residualsOf = (sol: Parameters<typeof evaluateV2g>[2]): V2gResiduals => {
    const base = evaluateV2g(input, model, sol).residuals;
    const dso = maxReducedCostViolation(assembled, sol, dsoCols) / pRef;
    const marketClearing = Math.max(
      maxRowViolation(assembled, sol.colValue, marketRows) / totalLoad,
      maxRowViolation(assembled, sol.colValue, trafficRows) / Math.max(demand, 1),
    );
    return { ...base, dso, marketClearing, max: Math.max(base.max, dso, marketClearing) };
  };
  const out = await solveByOuterApproximation(model.market.builder, model.terms, {
    tolerance: options.tolerance ?? 1e-6,
    maxIterations: options.maxIterations ?? 400,
    residual: (sol) => residualsOf(sol).max,
    module: 'equilibrium/v2g',
    throwOnNonConvergence: options.throwOnNonConvergence,
  });
  const evaluation = evaluateV2g(input, model, out.solution);
  const residuals = residualsOf(out.solution);
  return {
    status: out.converged ? 'converged' : 'not-converged',
    residual: residuals.max,
    residuals,
    iterations: out.iterations,
    residualHistory: out.history,
    cuts: out.cuts,
    ...buildV2gReport(input, model, out.solution, evaluation),
  };
}
