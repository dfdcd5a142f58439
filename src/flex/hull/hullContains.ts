import { InputError } from '../../common/errors.js';
import { checkTolerance } from './checkPointSet.js';
import { hullHalfspaces, type HullHalfspaces } from './hullHalfspaces.js';
import type { HullResult } from './hullResult.js';

interface Cached {
  points: readonly (readonly number[])[];
  halfspaces: HullHalfspaces;
  /** Largest distance of a vertex from the interior point (points' units). */
  extent: number;
}

// Halfspaces per hull object, so a loop of containment tests builds them once.
const cache = new WeakMap<HullResult, Cached>();

/**
 * Whether `point` lies inside or on the hull, within an absolute distance tolerance
 * (docs/model.md §5 "Validation dispatch": a chosen operating point must lie inside its tier's FOR).
 *
 * 1. Facet rows from {@link hullHalfspaces} (built once per hull and cached).
 * 2. Flat hulls: the distance to the affine subspace (norm of the equality residuals) must be ≤ tolerance,
 *    and then the facet tests run in the subspace, so a point slightly off a planar
 *    (e.g. STA) region still counts as on it.
 * 3. Each facet: signed distance `normal · x − offset` ≤ tolerance.
 *
 * @param hull - result of `convexHullOf(points)`
 * @param points - the points the hull was built from
 * @param point - query point, n coordinates (MW for net loads)
 * @param tolerance - absolute distance in the points' units; default the larger of
 *   `1e-9 × (1 + extent)` (extent: largest distance of a vertex from `hull.interiorPoint`)
 *   and `2 × hull.flatTolerance`, so every point the hull was built from tests inside
 * @returns true when inside or on the boundary; false for an empty hull
 * @throws InputError when `point` has the wrong dimension or non-finite coordinates
 *
 * @example
 * const pts = [[0, 0], [1, 0], [0, 1]];
 * const hull = convexHullOf(pts);
 * hullContains(hull, pts, [0.2, 0.2]); // true
 * hullContains(hull, pts, [0.6, 0.6]); // false
 */
export function hullContains(
  hull: HullResult,
  points: readonly (readonly number[])[],
  point: readonly number[],
  tolerance?: number,
): boolean {
  const source = 'flex/hull/hullContains';
  if (!Array.isArray(point) || point.length !== hull.dimension) {
    throw new InputError({ source, field: 'point', value: point }, `must have ${hull.dimension} coordinates (the hull's dimension)`);
  }
  for (let j = 0; j < point.length; j++) {
    if (!Number.isFinite(point[j])) throw new InputError({ source, field: `point[${j}]`, value: point[j] }, 'must be a finite number');
  }
  if (hull.affineRank < 0) return false;

  let entry = cache.get(hull);
  if (!entry || entry.points !== points) {
    const halfspaces = hullHalfspaces(hull, points);
    let extent = 0;
    for (const i of hull.vertices) {
      extent = Math.max(extent, Math.hypot(...points[i].map((v, j) => v - hull.interiorPoint[j])));
    }
    entry = { points, halfspaces, extent };
    cache.set(hull, entry);
  }
  const fallback = Math.max(1e-9 * (1 + entry.extent), 2 * (hull.flatTolerance ?? 0));
  const tol = checkTolerance(tolerance, fallback, source, 'tolerance');

  // The equality rows are orthonormal, so their residuals' norm is the distance to the subspace.
  let off2 = 0;
  for (const row of entry.halfspaces.equalities) off2 += (dot(row.normal, point) - row.offset) ** 2;
  if (Math.sqrt(off2) > tol) return false;
  for (const row of entry.halfspaces.inequalities) {
    if (dot(row.normal, point) - row.offset > tol) return false;
  }
  return true;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}
