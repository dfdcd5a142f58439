/**
 * A small dense LP for the tier planner's response model (docs/flexibility.md §7):
 * min cᵀx subject to rows Ax ≤ b and box bounds lo ≤ x ≤ hi. Two-phase tableau simplex with
 * Bland's rule (no cycling); sized for tens of variables and a handful of rows.
 */

/** Result of {@link solveBoxLp}. */
export type BoxLpResult =
  | { readonly status: 'optimal'; readonly x: Float64Array; readonly objective: number }
  | { readonly status: 'infeasible' };

/**
 * Solve min cᵀx s.t. A x ≤ b, lo ≤ x ≤ hi (finite bounds; a box is never unbounded).
 *
 * @param c - objective, length n
 * @param A - constraint rows, each of length n
 * @param b - right-hand sides, one per row
 * @param lo - lower bounds, length n
 * @param hi - upper bounds, length n (≥ lo)
 * @example
 * solveBoxLp([1, 1], [[-1, -2]], [-2], [0, 0], [2, 2]); // optimal x = [0, 1], objective 1
 */
export function solveBoxLp(
  c: ArrayLike<number>, A: readonly ArrayLike<number>[], b: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>,
): BoxLpResult {
  const n = c.length;
  // y = x − lo ∈ [0, hi − lo]: rows A y ≤ b − A lo, then y_j ≤ hi_j − lo_j
  const rows: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < A.length; i++) {
    let shift = 0;
    for (let j = 0; j < n; j++) shift += A[i][j] * lo[j];
    rows.push(Array.from({ length: n }, (_, j) => A[i][j]));
    rhs.push(b[i] - shift);
  }
  for (let j = 0; j < n; j++) {
    const r = new Array<number>(n).fill(0);
    r[j] = 1;
    rows.push(r);
    rhs.push(hi[j] - lo[j]);
  }
  const m = rows.length;
  const negative = rhs.map((v) => v < 0);
  const artificials = negative.filter(Boolean).length;
  const cols = n + m + artificials; // y, slacks, artificials
  const W = cols + 1;
  const T = new Float64Array((m + 1) * W);
  const basis = new Int32Array(m);
  let art = 0;
  for (let i = 0; i < m; i++) {
    const sign = negative[i] ? -1 : 1;
    for (let j = 0; j < n; j++) T[i * W + j] = sign * rows[i][j];
    T[i * W + n + i] = sign;
    T[i * W + cols] = sign * rhs[i];
    if (negative[i]) {
      T[i * W + n + m + art] = 1;
      basis[i] = n + m + art;
      art++;
    } else {
      basis[i] = n + i;
    }
  }
  const eps = 1e-10;
  const pivot = (r: number, q: number): void => {
    const p = T[r * W + q];
    for (let j = 0; j < W; j++) T[r * W + j] /= p;
    for (let i = 0; i <= m; i++) {
      if (i === r) continue;
      const f = T[i * W + q];
      if (f === 0) continue;
      for (let j = 0; j < W; j++) T[i * W + j] -= f * T[r * W + j];
    }
    basis[r] = q;
  };
  const iterate = (allowed: number): void => {
    for (let guard = 0; guard < 50 * (m + cols); guard++) {
      let q = -1;
      for (let j = 0; j < allowed; j++) if (T[m * W + j] < -eps) { q = j; break; } // Bland: first improving column
      if (q < 0) return;
      let r = -1;
      let best = Infinity;
      for (let i = 0; i < m; i++) {
        const a = T[i * W + q];
        if (a <= eps) continue;
        const ratio = T[i * W + cols] / a;
        if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && r >= 0 && basis[i] < basis[r])) {
          best = ratio;
          r = i;
        }
      }
      if (r < 0) return; // unbounded cannot happen within a box
      pivot(r, q);
    }
  };
  const setObjective = (cost: (j: number) => number): void => {
    for (let j = 0; j < W; j++) T[m * W + j] = j < cols ? cost(j) : 0;
    for (let i = 0; i < m; i++) {
      const cb = cost(basis[i]);
      if (cb === 0) continue;
      for (let j = 0; j < W; j++) T[m * W + j] -= cb * T[i * W + j];
    }
  };
  if (artificials > 0) {
    setObjective((j) => (j >= n + m ? 1 : 0));
    iterate(cols);
    if (-T[m * W + cols] > 1e-9 * (1 + rhs.reduce((s, v) => s + Math.abs(v), 0))) return { status: 'infeasible' };
    // drive remaining (zero-level) artificials out of the basis where possible
    for (let i = 0; i < m; i++) {
      if (basis[i] < n + m) continue;
      for (let j = 0; j < n + m; j++) if (Math.abs(T[i * W + j]) > 1e-9) { pivot(i, j); break; }
    }
  }
  setObjective((j) => (j < n ? c[j] : 0));
  iterate(n + m);
  const x = Float64Array.from({ length: n }, (_, j) => lo[j]);
  for (let i = 0; i < m; i++) if (basis[i] < n) x[basis[i]] += T[i * W + cols];
  for (let j = 0; j < n; j++) x[j] = Math.min(hi[j], Math.max(lo[j], x[j]));
  let objective = 0;
  for (let j = 0; j < n; j++) objective += c[j] * x[j];
  return { status: 'optimal', x, objective };
}
