import { affineRank, DEFAULT_HULL_TOLERANCE } from './affineRank.js';
import { checkPointSet, checkTolerance } from './checkPointSet.js';
import { hullOfFullRank } from './hullOfFullRank.js';
import type { HullResult } from './hullResult.js';

/** Options of {@link convexHullOf}. */
export interface ConvexHullOptions {
  /**
   * Relative flatness tolerance (default 1e-9): points within `tolerance × extent` of a
   * lower-dimensional flat are treated as lying in it (see {@link affineRank}). Use a
   * looser value (1e-6…1e-4) for points produced by iterative solvers, so that an STA
   * region whose total is fixed only up to the solver's gap is reported as flat.
   */
  tolerance?: number;
}

const MEASURE_NAME = ['point', 'length', 'area', 'volume'];

/**
 * Convex hull of a point set in R^n with its volume, vertices and facets, after
 * detecting the affine rank, so flat or degenerate sets are reported, never thrown
 * (docs/model.md §5 "Hull"; seed 003 §2 Step 2 "Convex Hull Fitting").
 *
 * 1. Check the input (finite, equal dimensions → else `InputError`).
 * 2. Affine rank k by SVD with a relative tolerance ({@link affineRank}).
 * 3. k = n: hull the points directly. 0 < k < n: project onto the affine subspace's
 *    orthonormal basis and hull the k-dimensional coordinates there (a segment for
 *    k = 1). k ≤ 0: a point or nothing. Facets come from one exact-predicate Quickhull
 *    in every dimension ({@link hullOfFullRank}); it decides sides exactly, so
 *    near-coplanar input (solver noise) cannot break the hull. Boundary points that are
 *    not extreme are left out of `vertices`.
 * 4. k-volume = Σ over facets of |det|/k! of the simplices from the vertex centroid;
 *    `volume` is that when k = n (else 0), `area` when k = n − 1.
 * 5. When k = n − 1 and every point satisfies Σx = s (within the tolerance), report
 *    `constantTotal = s`: the static (STA) region of docs/model.md §5, where the stations'
 *    total load is fixed and only its split moves.
 *
 * Units: as the points; station net loads in MW give `volume` in MW^n.
 *
 * @param points - m points with n coordinates each (m may be 0)
 * @param options - {@link ConvexHullOptions}
 * @returns the {@link HullResult}
 * @throws InputError for non-finite coordinates, mismatched dimensions or a bad tolerance
 *
 * @example
 * const square = convexHullOf([[0, 0], [2, 0], [2, 1], [0, 1], [1, 0.5]]);
 * square.volume;   // 2
 * square.vertices; // [0, 1, 2, 3]
 * const flat = convexHullOf([[7, 0, 0], [0, 7, 0], [0, 0, 7]]);
 * flat.volume;        // 0
 * flat.area;          // 42.435… (√3/4 · (7√2)²)
 * flat.constantTotal; // 7
 */
export function convexHullOf(
  points: readonly (readonly number[])[],
  options: ConvexHullOptions = {},
): HullResult {
  const source = 'flex/hull/convexHullOf';
  const n = checkPointSet(points, source);
  const tolerance = checkTolerance(options.tolerance, DEFAULT_HULL_TOLERANCE, source, 'options.tolerance');
  const m = points.length;
  if (m === 0) {
    return {
      dimension: 0, affineRank: -1, volume: 0, measure: 0, vertices: [], facets: [], interiorPoint: [],
      degenerate: 'empty point set: no hull',
    };
  }

  const flat = affineRank(points, tolerance);
  const k = flat.rank;
  if (k === 0) {
    return {
      dimension: n, affineRank: 0, volume: 0, ...(n === 1 ? { area: 0 } : {}), measure: 0,
      vertices: [0], facets: [], interiorPoint: points[0].slice(), affineBasis: [], flatTolerance: flat.threshold,
      degenerate: m === 1 ? 'single point: affine rank 0' : `all ${m} points coincide: affine rank 0`,
    };
  }

  // Coordinates relative to the centroid: in the full case the original axes (no
  // rotation, so no rounding from it), otherwise the basis of the affine subspace.
  const coords = points.map((p) => {
    if (k === n) return p.map((x, j) => x - flat.origin[j]);
    return flat.basis.map((b) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += (p[j] - flat.origin[j]) * b[j];
      return s;
    });
  });
  const hull = k === n
    ? hullOfFullRank(coords, k, { predicateCoords: points })
    : hullOfFullRank(coords, k, { onFacetEps: flat.threshold });
  const interiorPoint = flat.origin.map((o, j) => {
    if (k === n) return o + hull.centre[j];
    let s = o;
    for (let r = 0; r < k; r++) s += hull.centre[r] * flat.basis[r][j];
    return s;
  });

  const result: HullResult = {
    dimension: n,
    affineRank: k,
    volume: k === n ? hull.measure : 0,
    measure: hull.measure,
    vertices: hull.vertices,
    facets: hull.facets,
    interiorPoint,
    flatTolerance: flat.threshold,
  };
  if (k === n - 1) result.area = hull.measure;
  if (hull.vertices.length === 0) {
    // Only possible with exact degeneracy the rank test missed; say so rather than hide it.
    result.degenerate = `the hull found no facets for a set of affine rank ${k}; volume reported as 0`;
  }
  if (k < n) {
    result.affineBasis = flat.basis.map((b) => b.slice());
    const what = MEASURE_NAME[k] ?? `${k}-volume`;
    result.degenerate = `flat: affine rank ${k} < dimension ${n}; volume 0, ${what} ${hull.measure}`;
    const total = constantTotalOf(points, k, n, flat.threshold);
    if (total !== undefined) {
      result.constantTotal = total;
      result.degenerate += `; all points on the hyperplane Σx = ${total}`;
    }
  }
  return result;
}

/**
 * Σx when the points lie on one hyperplane Σx = s (rank n − 1, n ≥ 2): each point's
 * distance |Σx − s|/√n to it must be within the flatness threshold.
 */
function constantTotalOf(
  points: readonly (readonly number[])[],
  k: number,
  n: number,
  threshold: number,
): number | undefined {
  if (n < 2 || k !== n - 1) return undefined;
  const sums = points.map((p) => p.reduce((a, b) => a + b, 0));
  const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
  const sqrtN = Math.sqrt(n);
  for (const s of sums) if (Math.abs(s - mean) / sqrtN > threshold) return undefined;
  return mean;
}
