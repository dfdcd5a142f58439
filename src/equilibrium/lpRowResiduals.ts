/**
 * Residuals of a linear block of a convex program, recomputed from column values
 * and row duals (independent of how the solver reports them): primal row
 * violations (market clearing) and reduced-cost sign conditions (KKT of the linear
 * players, e.g. the LinDistFlow DSO).
 */
import type { MarketLpSolution } from '../grid/formulations/marketLpSession.js';
import type { AssembledQp } from '../grid/problems/marketQpBuilder.js';

/**
 * Largest violation of `lower ≤ a_i·x ≤ upper` over the rows listed (all when omitted).
 *
 * @example
 * const worstMw = maxRowViolation(assembled, sol.colValue, balanceRows);
 */
export function maxRowViolation(qp: AssembledQp, x: Float64Array, rows?: ArrayLike<number>): number {
  const activity = new Float64Array(qp.numRows);
  for (let j = 0; j < qp.numCols; j++) {
    for (let k = qp.aStart[j]; k < qp.aStart[j + 1]; k++) activity[qp.aIndex[k]] += qp.aValue[k] * x[j];
  }
  let worst = 0;
  const check = (i: number): void => {
    worst = Math.max(worst, qp.rowLower[i] - activity[i], activity[i] - qp.rowUpper[i]);
  };
  if (rows === undefined) for (let i = 0; i < qp.numRows; i++) check(i);
  else for (let i = 0; i < rows.length; i++) check(rows[i]);
  return worst;
}

/**
 * Largest violation of the reduced-cost conditions of the listed columns, whose
 * costs are linear and which appear only in `qp`'s rows: rc_j = c_j − Σ_i y_i a_ij
 * must be ≥ 0 at a lower bound, ≤ 0 at an upper bound, 0 in between (y = d obj/d rhs).
 * @example
 * const dso = maxReducedCostViolation(assembled, sol, dsoColumns) / 40; // relative to 40 $/MWh
 */
export function maxReducedCostViolation(qp: AssembledQp, sol: MarketLpSolution, cols: ArrayLike<number>, tol = 1e-7): number {
  let worst = 0;
  for (let i = 0; i < cols.length; i++) {
    const j = cols[i];
    let rc = qp.colCost[j];
    for (let k = qp.aStart[j]; k < qp.aStart[j + 1]; k++) rc -= sol.rowDual[qp.aIndex[k]] * qp.aValue[k];
    const v = sol.colValue[j];
    const atLower = v <= qp.colLower[j] + tol;
    const atUpper = v >= qp.colUpper[j] - tol;
    const viol = atLower && atUpper ? 0 : atLower ? Math.max(0, -rc) : atUpper ? Math.max(0, rc) : Math.abs(rc);
    worst = Math.max(worst, viol);
  }
  return worst;
}
