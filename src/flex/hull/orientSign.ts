import { determinantInPlace } from './determinant.js';

const EPS = 2 ** -52;
const view = new DataView(new ArrayBuffer(8));

/**
 * Exact sign of det[p₁ − p₀, …, p_d − p₀] for d + 1 points of R^d: which side of the
 * hyperplane through p₀…p_{d−1} the point p_d lies on (0 when exactly on it). Internal to
 * `flex/hull`, for {@link quickhullNd}: plane tests with a tolerance break Quickhull's
 * topology on nearly coplanar inputs, exact ones cannot.
 *
 * 1. Float filter: LU determinant of the difference matrix, accepted when its magnitude
 *    exceeds a bound on the rounding error (differences and elimination, Hadamard-scaled).
 * 2. Otherwise exact: every double is m·2^e with an integer m; scaled to one common
 *    exponent they are BigInts, and Bareiss' fraction-free elimination gives the exact
 *    determinant of their differences.
 *
 * @param pts - d + 1 points with d coordinates
 * @param d - dimension (≥ 1)
 * @param scratch - buffer of at least d² entries
 * @returns −1, 0 or 1
 */
export function orientSign(pts: readonly (readonly number[])[], d: number, scratch: Float64Array): number {
  const p0 = pts[0];
  const n0 = norm(p0);
  let hadamard = 1;
  let rowError = 0;
  for (let r = 0; r < d; r++) {
    const p = pts[r + 1];
    let row2 = 0;
    for (let j = 0; j < d; j++) {
      const v = p[j] - p0[j];
      scratch[r * d + j] = v;
      row2 += v * v;
    }
    const row = Math.sqrt(row2);
    if (row === 0) return 0; // repeated point: exactly degenerate
    hadamard *= row;
    rowError += (4 * EPS * (norm(p) + n0)) / row;
  }
  const det = determinantInPlace(scratch, d);
  const bound = hadamard * (rowError + 8 * d * d * 2 ** (d - 1) * EPS);
  if (Number.isFinite(bound) && Math.abs(det) > bound) return Math.sign(det);
  return exactOrientSign(pts, d);
}

function norm(p: readonly number[]): number {
  let s = 0;
  for (const v of p) s += v * v;
  return Math.sqrt(s);
}

/** x = mantissa · 2^exponent exactly (mantissa an integer BigInt). */
function decompose(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent = -1074; // subnormal
  if (bits !== 0) {
    mantissa |= 1n << 52n;
    exponent = bits - 1075;
  }
  return [hi >>> 31 ? -mantissa : mantissa, exponent];
}

function exactOrientSign(pts: readonly (readonly number[])[], d: number): number {
  const parts = pts.map((p) => p.map(decompose));
  let common = Infinity;
  for (const row of parts) for (const [m, e] of row) if (m !== 0n) common = Math.min(common, e);
  if (common === Infinity) return 0;
  const ints = parts.map((row) => row.map(([m, e]) => (m === 0n ? 0n : m << BigInt(e - common))));
  const a: bigint[][] = [];
  for (let r = 1; r <= d; r++) a.push(ints[r].map((v, j) => v - ints[0][j]));
  // Bareiss: every division below is exact.
  let sign = 1;
  let prev = 1n;
  for (let k = 0; k < d - 1; k++) {
    if (a[k][k] === 0n) {
      let swap = -1;
      for (let r = k + 1; r < d; r++) if (a[r][k] !== 0n) { swap = r; break; }
      if (swap < 0) return 0;
      [a[k], a[swap]] = [a[swap], a[k]];
      sign = -sign;
    }
    for (let i = k + 1; i < d; i++) {
      for (let j = k + 1; j < d; j++) a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
    }
    prev = a[k][k];
  }
  const det = a[d - 1][d - 1];
  return det === 0n ? 0 : det > 0n ? sign : -sign;
}
