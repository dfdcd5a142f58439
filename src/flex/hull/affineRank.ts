import { Matrix, SVD } from 'ml-matrix';
import { checkPointSet, checkTolerance } from './checkPointSet.js';

/** Default relative flatness tolerance of {@link affineRank} and {@link convexHullOf}. */
export const DEFAULT_HULL_TOLERANCE = 1e-9;

/**
 * Rounding floor: differences below this fraction of the largest coordinate are
 * floating-point noise (≈ 450 ulp), whatever the relative tolerance says.
 */
const ROUNDING_FLOOR = 1e-13;

/** Result of {@link affineRank}. */
export interface AffineRankResult {
  /** Rank of the affine hull: −1 (no points), 0 (one point) … n (full-dimensional). */
  rank: number;
  /** Centroid of the points (a point of the affine hull); `[]` when there are none. */
  origin: number[];
  /** Orthonormal directions spanning the affine hull, `rank` rows of n numbers, most spread first. */
  basis: number[][];
  /** Largest distance of a point from the centroid (same units as the points). */
  extent: number;
  /** Largest distance of a point from `origin + span(basis)` (≤ `threshold`). */
  residual: number;
  /** Distance below which a point counts as lying in a flat: `tolerance·extent` plus a rounding floor. */
  threshold: number;
}

/**
 * Affine rank of a point set, with a relative tolerance, by a singular value
 * decomposition of the centred points (ml-matrix `SVD`).
 *
 * Like a numerical rank, but measured geometrically: the rank is the smallest k
 * such that *every* point lies within `tolerance × extent` of the best-fitting
 * k-dimensional affine subspace (the centroid plus the top k right singular vectors).
 * A maximum distance rather than singular-value ratios is used because the hull
 * code then projects onto that subspace, and one far-off point must not be lost.
 *
 * 1. Check the points (finite, equal dimensions) and centre them on their centroid.
 * 2. extent = max distance from the centroid; ≤ rounding floor → rank 0.
 * 3. SVD of the m×n centred matrix; for k = 1, 2, … subtract the k-th component
 *    from every point and stop when the largest remaining distance ≤ threshold.
 *
 * Cited: docs/model.md §5 "Hull … detect and report lower-dimensional (flat) sets by their affine rank".
 *
 * @param points - m points of n coordinates (e.g. station net loads in MW)
 * @param tolerance - relative flatness tolerance (default 1e-9): points within
 *   `tolerance × extent` of a k-flat count as lying in it. Pass a looser value
 *   (e.g. 1e-6) for points that come out of iterative solvers.
 * @returns rank, origin (centroid) and orthonormal basis of the affine hull
 * @throws InputError for non-finite coordinates or mismatched dimensions
 *
 * @example
 * affineRank([[1, 2, 4], [2, 1, 4], [3, 3, 1]]).rank; // 2: all on x+y+z = 7
 */
export function affineRank(points: readonly (readonly number[])[], tolerance?: number): AffineRankResult {
  const source = 'flex/hull/affineRank';
  const n = checkPointSet(points, source);
  const tol = checkTolerance(tolerance, DEFAULT_HULL_TOLERANCE, source, 'tolerance');
  const m = points.length;
  if (m === 0) return { rank: -1, origin: [], basis: [], extent: 0, residual: 0, threshold: 0 };

  const origin = new Array<number>(n).fill(0);
  let scale = 0;
  for (const p of points) {
    for (let j = 0; j < n; j++) {
      origin[j] += p[j];
      scale = Math.max(scale, Math.abs(p[j]));
    }
  }
  for (let j = 0; j < n; j++) origin[j] /= m;

  const centred = new Matrix(m, n);
  let extent = 0;
  for (let i = 0; i < m; i++) {
    let d2 = 0;
    for (let j = 0; j < n; j++) {
      const v = points[i][j] - origin[j];
      centred.set(i, j, v);
      d2 += v * v;
    }
    extent = Math.max(extent, Math.sqrt(d2));
  }
  const threshold = tol * extent + ROUNDING_FLOOR * scale;
  if (extent <= ROUNDING_FLOOR * scale || m === 1) {
    return { rank: 0, origin, basis: [], extent, residual: extent, threshold };
  }

  const svd = new SVD(centred, { autoTranspose: true, computeLeftSingularVectors: false });
  const v = svd.rightSingularVectors; // n × min(m, n), columns sorted by singular value
  const r = v.columns;
  // Residual vectors, reduced one principal direction at a time; computed explicitly
  // (not as sqrt(|x|² − Σ p²)) so distances far below sqrt(eps)·extent stay accurate.
  const resid = centred.to2DArray();
  const basis: number[][] = [];
  let residual = extent;
  for (let k = 0; k < r && residual > threshold; k++) {
    const dir = v.getColumn(k);
    basis.push(dir);
    residual = 0;
    for (let i = 0; i < m; i++) {
      const row = resid[i];
      let p = 0;
      for (let j = 0; j < n; j++) p += row[j] * dir[j];
      let d2 = 0;
      for (let j = 0; j < n; j++) {
        row[j] -= p * dir[j];
        d2 += row[j] * row[j];
      }
      residual = Math.max(residual, Math.sqrt(d2));
    }
  }
  return { rank: basis.length, origin, basis, extent, residual, threshold };
}
