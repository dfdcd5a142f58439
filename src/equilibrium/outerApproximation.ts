/**
 * Outer approximation (Kelley cutting planes) of a linearly constrained convex
 * program whose nonlinear part is a sum of separable convex terms — the form both
 * static equilibria take once written as one potential (docs/static-equilibria.md §3).
 *
 * minimize  cᵀx + Σ_k f_k(x_{col_k})  s.t. rows, bounds
 * is solved as an LP in (x, z) with z_k ≥ f_k(x̂) + f_k'(x̂)(x − x̂) for cut points x̂.
 * Every LP optimum is a lower bound. Each iteration adds, per term, the tangent at
 * the LP point x̂ (Kelley), at the best response x* to the current duals (where
 * f'(x*) equals the marginal value the LP assigns to the column) and at their
 * midpoint, until the caller's equilibrium residual — computed with the TRUE
 * functions and the LP duals — is below tolerance. Convergence: Kelley's
 * method converges for convex programs with bounded feasible sets (every limit point
 * is optimal); the rate is measured and reported per iteration.
 */
import { SolverError } from '../common/errors.js';
import { MarketLpSession, type MarketLpRow, type MarketLpSolution } from '../grid/formulations/marketLpSession.js';
import type { MarketQpBuilder } from '../grid/problems/marketQpBuilder.js';
import type { ConvexTerm } from './convexTerm.js';

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

/**
 * Tangent cut z ≥ f(x̂) + f'(x̂)(x − x̂), multiplied by CUT_SCALE: the LP's absolute
 * feasibility tolerance τ on a cut bounds the marginal-cost accuracy of a term with
 * curvature f'' by about √(2τf''), so cuts are scaled up to shrink the effective τ.
 */
const CUT_SCALE = 1e3;
function cutRow(term: ConvexTerm, zCol: number, x: number): MarketLpRow {
  const s = term.slope(x);
  return { cols: [zCol, term.col], vals: [CUT_SCALE, -s * CUT_SCALE], lower: (term.value(x) - s * x) * CUT_SCALE, upper: Infinity };
}

/** The point in [lower, upper] where the slope equals `m` (bisection), or null if outside. */
function inverseSlope(t: ConvexTerm, m: number): number | null {
  if (!Number.isFinite(m) || t.slope(t.lower) >= m) return null;
  let lo = t.lower;
  let hi = Number.isFinite(t.upper) ? t.upper : Math.max(1, 2 * Math.abs(t.lower));
  if (Number.isFinite(t.upper)) {
    if (t.slope(hi) <= m) return null;
  } else {
    for (let i = 0; i < 200 && t.slope(hi) < m; i++) hi *= 2;
  }
  for (let i = 0; i < 100 && hi - lo > 1e-14 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (t.slope(mid) < m) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Solve by outer approximation. The builder is not modified.
 *
 * @throws SolverError when the LP fails, or when the residual stays above tolerance
 *   after `maxIterations` (with the residual reached), unless `throwOnNonConvergence` is false.
 * @example
 * const out = await solveByOuterApproximation(builder, terms, { tolerance: 1e-6, maxIterations: 200, residual, module: 'equilibrium' });
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
    const lastCut = new Float64Array(terms.length).fill(NaN);
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
      const rows: MarketLpRow[] = [];
      terms.forEach((t, k) => {
        const x = Math.min(t.upper, Math.max(t.lower, solution.colValue[t.col]));
        const fx = t.value(x);
        const z = solution.colValue[zCol[k]];
        // Objective-based skipping would stall high-curvature terms (their slope error
        // ε leaves a violation of only ε²/(2f'')), so skip only exact repeats.
        if (fx - z <= 0 && lastCut[k] === x) return;
        lastCut[k] = x;
        rows.push(cutRow(t, zCol[k], x));
      });
      if (rows.length === 0) {
        // Every cut is tight at the LP point: nothing left to refine.
        if (options.throwOnNonConvergence !== false) {
          throw new SolverError(options.module, 'stalled', 'outer approximation stalled (all cuts tight) above tolerance', r);
        }
        return { solution, iterations: it, residual: r, history, converged: false, cuts };
      }
      // Price-aware cut: where the term's true slope equals the marginal value the
      // current duals assign to its column (Σ_i y_i a_i,col − c_col over base rows),
      // i.e. the player's best response to the current prices (a Newton-like step).
      terms.forEach((t, k) => {
        let m = -base.colCost[t.col];
        for (let e = base.aStart[t.col]; e < base.aStart[t.col + 1]; e++) {
          if (base.aIndex[e] < base.numRows) m += solution.rowDual[base.aIndex[e]] * base.aValue[e];
        }
        const xStar = inverseSlope(t, m);
        if (xStar === null) return;
        rows.push(cutRow(t, zCol[k], xStar));
        // The equilibrium value lies between the LP point x and the best response x*
        // when the term itself sets the price (e.g. elastic demand at the margin):
        // a cut at the midpoint bisects that interval.
        const x = Math.min(t.upper, Math.max(t.lower, solution.colValue[t.col]));
        const gap = Math.abs(xStar - x);
        if (gap > 1e-12 * Math.max(1, Math.abs(xStar))) {
          rows.push(cutRow(t, zCol[k], (x + xStar) / 2));
        }
      });
      lp.addRows(rows);
      cuts += rows.length;
      solution = lp.solve();
    }
  } finally {
    lp.dispose();
  }
}
