/**
 * Outer approximation (Kelley cutting planes) of a linearly constrained convex
 * program whose nonlinear part is a sum of separable convex terms — the form both
 * static equilibria take once written as one potential (docs/static-equilibria.md §3).
 *
 * minimize  cᵀx + Σ_k f_k(x_{col_k})  s.t. rows, bounds
 * is solved as an LP in (x, z) with z_k ≥ f_k(x̂) + f_k'(x̂)(x − x̂) for cut points x̂.
 * Every LP optimum is a lower bound; cuts are added at the current point (and at a
 * bracket x̂(1 ± δ) shrinking with the residual, which makes the LP's implied
 * marginal costs converge faster) until the caller's equilibrium residual — computed
 * with the TRUE functions and the LP duals — is below tolerance. Convergence: Kelley's
 * method converges for convex programs with bounded feasible sets (every limit point
 * is optimal); the rate is measured and reported per iteration.
 */
import { SolverError } from '../../common/errors.ts';
import { MarketLpSession, type MarketLpRow, type MarketLpSolution } from '../../grid/formulations/marketLpSession.ts';
import type { MarketQpBuilder } from '../../grid/problems/marketQpBuilder.ts';
import type { ConvexTerm } from './convexTerm.ts';

/** Options of `solveByOuterApproximation`. */
export interface OuterApproximationOptions {
  /** Stop when `residual(solution)` ≤ tolerance. */
  readonly tolerance: number;
  readonly maxIterations: number;
  /** Equilibrium residual of an LP solution (true functions, LP duals). */
  readonly residual: (solution: MarketLpSolution) => number;
  /** Module name for errors. */
  readonly module: string;
  /** When true, a run that ends above tolerance throws SolverError (default true). */
  readonly throwOnNonConvergence?: boolean;
}

/** Result of the outer approximation. */
export interface OuterApproximationResult {
  readonly solution: MarketLpSolution;
  readonly iterations: number;
  readonly residual: number;
  /** Residual after each LP solve. */
  readonly history: readonly number[];
  readonly converged: boolean;
  /** Total cut rows added. */
  readonly cuts: number;
}

function cutRow(term: ConvexTerm, zCol: number, x: number): MarketLpRow {
  const s = term.slope(x);
  return { cols: [zCol, term.col], vals: [1, -s], lower: term.value(x) - s * x, upper: Infinity };
}

/**
 * Solve by outer approximation. The builder is not modified.
 *
 * @throws SolverError when the LP fails, or when the residual stays above tolerance
 *   after `maxIterations` (with the residual reached), unless `throwOnNonConvergence` is false.
 * @example
 * const out = await solveByOuterApproximation(builder, terms, { tolerance: 1e-6, maxIterations: 200, residual, module: 'sim/equilibrium' });
 */
export async function solveByOuterApproximation(
  builder: MarketQpBuilder, terms: readonly ConvexTerm[], options: OuterApproximationOptions,
): Promise<OuterApproximationResult> {
  const base = builder.assemble();
  // Epigraph columns are appended after the builder's columns: z_k has cost 1.
  const n0 = base.numCols;
  const zCol = terms.map((_, k) => n0 + k);
  const colCost = new Float64Array(n0 + terms.length);
  colCost.set(base.colCost);
  colCost.fill(1, n0);
  const colLower = new Float64Array(n0 + terms.length).fill(-Infinity);
  colLower.set(base.colLower);
  const colUpper = new Float64Array(n0 + terms.length).fill(Infinity);
  colUpper.set(base.colUpper);
  const aStart = new Int32Array(n0 + terms.length + 1);
  aStart.set(base.aStart);
  aStart.fill(base.aStart[n0], n0 + 1);
  const lp = await MarketLpSession.create(
    { ...base, numCols: n0 + terms.length, colCost, colLower, colUpper, aStart, hStart: new Int32Array(n0 + terms.length + 1) },
    options.module,
  );
  try {
    const seedRows: MarketLpRow[] = [];
    terms.forEach((t, k) => {
      for (const x of t.seeds) if (x >= t.lower && x <= t.upper) seedRows.push(cutRow(t, zCol[k], x));
    });
    lp.addRows(seedRows);
    let cuts = seedRows.length;
    const history: number[] = [];
    let solution = lp.solve();
    for (let it = 1; ; it++) {
      const r = options.residual(solution);
      history.push(r);
      if (r <= options.tolerance || it >= options.maxIterations) {
        const converged = r <= options.tolerance;
        if (!converged && options.throwOnNonConvergence !== false) {
          throw new SolverError(options.module, 'not-converged', `equilibrium residual above ${options.tolerance} after ${it} outer-approximation iterations`, r);
        }
        return { solution, iterations: it, residual: r, history, converged, cuts };
      }
      const delta = Math.min(0.05, Math.sqrt(r));
      const rows: MarketLpRow[] = [];
      terms.forEach((t, k) => {
        const x = Math.min(t.upper, Math.max(t.lower, solution.colValue[t.col]));
        const fx = t.value(x);
        const z = solution.colValue[zCol[k]];
        if (fx - z <= 1e-12 * (1 + Math.abs(fx))) return;
        rows.push(cutRow(t, zCol[k], x));
        const step = delta * Math.max(Math.abs(x), 1e-3);
        if (x - step >= t.lower) rows.push(cutRow(t, zCol[k], x - step));
        if (x + step <= t.upper) rows.push(cutRow(t, zCol[k], x + step));
      });
      if (rows.length === 0) {
        // Every cut is tight: the LP optimum is the convex optimum; residual is the solver's.
        return { solution, iterations: it, residual: r, history, converged: r <= options.tolerance * 10, cuts };
      }
      lp.addRows(rows);
      cuts += rows.length;
      solution = lp.solve();
    }
  } finally {
    lp.dispose();
  }
}
