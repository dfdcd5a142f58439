import { determinantInPlace, factorial } from './determinant.js';
import { extremeVertices } from './extremeVertices.js';
import { polygonRing } from './polygonRing.js';
import { pruneCollinear2d } from './pruneCollinear2d.js';
import { quickhullNd } from './quickhullNd.js';

/** Options of {@link hullOfFullRank}. */
export interface HullOfFullRankOptions {
  /**
   * Coordinates the facets are found from (the exact side tests of {@link quickhullNd}),
   * default `coords`. Pass the original, unshifted points in the full-dimensional case:
   * exactly collinear/coplanar inputs stay so only unrounded, and the centred `coords`
   * (better for volumes) are rounded.
   */
  predicateCoords?: readonly (readonly number[])[];
  /**
   * For projected (flat) sets with k = 2: drop polygon vertices within this distance of
   * their neighbours' line, since the projection's rounding makes collinear points look
   * convex. (For k ≥ 3 such near-boundary points may remain listed as vertices.)
   */
  onFacetEps?: number;
}

/** Hull of a point set already known to be full-rank in its own k coordinates. */
export interface FullRankHull {
  /** Facets (k indices each), oriented positively around `centre`. */
  facets: number[][];
  /** Distinct vertex (extreme point) indices, ascending; facets may also use boundary non-vertices. */
  vertices: number[];
  /** k-dimensional volume: Σ over facets of |det(v₁−c, …, v_k−c)| / k!. */
  measure: number;
  /** Centroid of the vertices in the k coordinates. */
  centre: number[];
}

/**
 * Convex hull and k-volume of points that span their k-dimensional space (k ≥ 1).
 * Internal to `flex/hull`: callers find the affine rank first and pass coordinates
 * in the affine subspace (or the original ones when full).
 *
 * 1. k = 1: the segment [min, max]; facets `[lo], [hi]`. k ≥ 2: boundary facets from
 *    {@link quickhullNd} (exact side tests, so points exactly on the boundary are not
 *    vertices and nearly coplanar solver noise cannot break the hull), on
 *    `predicateCoords`. k = 2: the edges are put in boundary order ({@link polygonRing}),
 *    which also drops exactly collinear middle points; flat sets also drop near-collinear
 *    ones (`onFacetEps`). k ≥ 3: edge and face points are dropped from `vertices`
 *    ({@link extremeVertices}).
 * 2. Interior point c = centroid of the vertices (strictly inside for a full-rank set).
 * 3. For each facet, det of the k vectors (vᵢ − c): its sign fixes the orientation (two
 *    indices are swapped when negative, so every tuple faces outward) and |det|/k!
 *    is the volume of the cone from c over that facet; their sum is the hull's volume
 *    (seed 003 §2 Step 2: "sum over facets of the simplex volumes").
 *
 * @param coords - m points of k coordinates, spanning R^k
 * @param k - dimension of `coords`
 * @param options - {@link HullOfFullRankOptions}
 * @returns facets, vertices, k-volume and the interior point used
 */
export function hullOfFullRank(
  coords: readonly number[][],
  k: number,
  options: HullOfFullRankOptions = {},
): FullRankHull {
  const m = coords.length;
  if (k === 1) {
    let lo = 0;
    let hi = 0;
    for (let i = 1; i < m; i++) {
      if (coords[i][0] < coords[lo][0]) lo = i;
      if (coords[i][0] > coords[hi][0]) hi = i;
    }
    return {
      facets: [[lo], [hi]],
      vertices: lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)],
      measure: coords[hi][0] - coords[lo][0],
      centre: [(coords[lo][0] + coords[hi][0]) / 2],
    };
  }

  const exact = options.predicateCoords ?? coords;
  let cells = quickhullNd(exact, k);
  if (k === 2) {
    cells = polygonRing(cells, exact);
    if (options.onFacetEps !== undefined && options.onFacetEps > 0) cells = pruneCollinear2d(cells, coords, options.onFacetEps);
  }
  const seen = new Uint8Array(m);
  const vertices: number[] = [];
  for (const cell of cells) {
    for (const i of cell) {
      if (!seen[i]) { seen[i] = 1; vertices.push(i); }
    }
  }
  vertices.sort((a, b) => a - b);
  const centre = new Array<number>(k).fill(0);
  for (const i of vertices) for (let j = 0; j < k; j++) centre[j] += coords[i][j];
  for (let j = 0; j < k; j++) centre[j] /= Math.max(vertices.length, 1);

  const scratch = new Float64Array(k * k);
  const facets: number[][] = [];
  let sum = 0;
  for (const cell of cells) {
    for (let r = 0; r < k; r++) {
      const p = coords[cell[r]];
      for (let j = 0; j < k; j++) scratch[r * k + j] = p[j] - centre[j];
    }
    const det = determinantInPlace(scratch, k);
    const facet = cell.slice();
    if (det < 0) {
      // Swapping two rows flips the sign: store every facet outward-facing.
      const t = facet[0];
      facet[0] = facet[1];
      facet[1] = t;
    }
    facets.push(facet);
    sum += Math.abs(det);
  }
  if (k >= 3) {
    // Exactly degenerate input can leave edge or face points among the facets' points.
    const extreme = extremeVertices(cells, coords, k, centre);
    if (extreme.length < vertices.length) {
      // Facet orientations stay valid: they hold for any interior point.
      centre.fill(0);
      for (const i of extreme) for (let j = 0; j < k; j++) centre[j] += coords[i][j] / extreme.length;
      return { facets, vertices: extreme, measure: sum / factorial(k), centre };
    }
  }
  return { facets, vertices, measure: sum / factorial(k), centre };
}
