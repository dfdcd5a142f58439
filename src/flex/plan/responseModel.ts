/**
 * Local linear response model of the tier planner (docs/flexibility.md §7): a weighted ridge
 * least-squares fit y ≈ y₀ + gᵀ(z − z_c) over evaluated coupon vectors, z = x / upper the
 * scaled coupons, weights exp(−(‖z − z_c‖ / 2Δ)²) around the trust-region centre z_c.
 */

/** A fitted linear model: value at the centre and gradient in scaled coupons. */
export interface LinearFit {
  readonly value: number;
  readonly gradient: Float64Array;
}

/**
 * Fit several responses at once (same points, same weights).
 *
 * @param z - scaled coupon vectors of the points
 * @param ys - per response, its value at each point
 * @param center - trust-region centre z_c
 * @param radius - trust-region radius Δ (scaled units)
 * @param ridge - penalty on ‖g‖² relative to the total weight (default 1e-4)
 * @example
 * const [load] = fitLinearResponses([[0], [1]], [[0.5, 0.3]], [0], 1); // load.gradient[0] ≈ −0.2
 */
export function fitLinearResponses(
  z: readonly ArrayLike<number>[], ys: readonly ArrayLike<number>[], center: ArrayLike<number>, radius: number, ridge = 1e-4,
): LinearFit[] {
  const m = center.length;
  const d = m + 1;
  const M = new Float64Array(d * d);
  const rhs = ys.map(() => new Float64Array(d));
  const row = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < z.length; i++) {
    let dist2 = 0;
    row[0] = 1;
    for (let j = 0; j < m; j++) {
      row[j + 1] = z[i][j] - center[j];
      dist2 += row[j + 1] * row[j + 1];
    }
    const w = Math.exp(-dist2 / (4 * radius * radius));
    if (w < 1e-12) continue;
    total += w;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) M[a * d + b] += w * row[a] * row[b];
      for (let k = 0; k < ys.length; k++) rhs[k][a] += w * row[a] * ys[k][i];
    }
  }
  const lambda = ridge * Math.max(total, 1e-12);
  for (let a = 1; a < d; a++) M[a * d + a] += lambda;
  M[0] += 1e-12 * Math.max(total, 1);
  return rhs.map((r) => {
    const sol = solveSymmetric(M, r, d);
    return { value: sol[0], gradient: sol.subarray(1) };
  });
}

/** Gaussian elimination with partial pivoting on a copy (d × d). */
function solveSymmetric(M: Float64Array, r: Float64Array, d: number): Float64Array {
  const A = M.slice();
  const x = r.slice();
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let i = c + 1; i < d; i++) if (Math.abs(A[i * d + c]) > Math.abs(A[p * d + c])) p = i;
    if (Math.abs(A[p * d + c]) < 1e-300) continue;
    if (p !== c) {
      for (let j = 0; j < d; j++) [A[c * d + j], A[p * d + j]] = [A[p * d + j], A[c * d + j]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    for (let i = c + 1; i < d; i++) {
      const f = A[i * d + c] / A[c * d + c];
      if (f === 0) continue;
      for (let j = c; j < d; j++) A[i * d + j] -= f * A[c * d + j];
      x[i] -= f * x[c];
    }
  }
  for (let c = d - 1; c >= 0; c--) {
    let s = x[c];
    for (let j = c + 1; j < d; j++) s -= A[c * d + j] * x[j];
    x[c] = Math.abs(A[c * d + c]) < 1e-300 ? 0 : s / A[c * d + c];
  }
  return x;
}
