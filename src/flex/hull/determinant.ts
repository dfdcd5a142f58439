/**
 * Determinant of a small dense k×k matrix stored row-major in `a` (overwritten),
 * by Gaussian elimination with partial pivoting. Used per facet for simplex
 * volumes, so it works in place on a caller-owned scratch buffer.
 *
 * @param a - row-major k×k entries; destroyed
 * @param k - order (0 gives 1, the empty product)
 * @returns det(a)
 */
export function determinantInPlace(a: Float64Array, k: number): number {
  let det = 1;
  for (let c = 0; c < k; c++) {
    let pivot = c;
    let best = Math.abs(a[c * k + c]);
    for (let r = c + 1; r < k; r++) {
      const v = Math.abs(a[r * k + c]);
      if (v > best) { best = v; pivot = r; }
    }
    if (best === 0) return 0;
    if (pivot !== c) {
      for (let j = c; j < k; j++) {
        const t = a[c * k + j];
        a[c * k + j] = a[pivot * k + j];
        a[pivot * k + j] = t;
      }
      det = -det;
    }
    const d = a[c * k + c];
    det *= d;
    for (let r = c + 1; r < k; r++) {
      const f = a[r * k + c] / d;
      if (f === 0) continue;
      for (let j = c + 1; j < k; j++) a[r * k + j] -= f * a[c * k + j];
    }
  }
  return det;
}

/** k! as a float (k ≤ 170). */
export function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}
