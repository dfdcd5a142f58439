import { determinantInPlace } from './determinant.js';

/** A hyperplane `normal · y = offset` with unit `normal`. */
export interface Hyperplane {
  normal: number[];
  offset: number;
}

/**
 * The hyperplane through k points of R^k, turned so that `inside` lies on the
 * `normal · y < offset` side (or on it). Internal to `flex/hull`: shared by the
 * Quickhull ({@link quickhullNd}), {@link extremeVertices} and {@link hullHalfspaces}.
 *
 * The normal is the generalized cross product of the k − 1 edge vectors
 * (y_r − y_0): component c is (−1)^c times the minor without column c.
 *
 * @param verts - k points with k coordinates each
 * @param k - dimension (≥ 1; for k = 1 the "hyperplane" is the point itself)
 * @param inside - a point on the inner side
 * @param scratch - optional buffer of at least (k−1)² entries, reused across calls
 * @param minRelativeSize - treat the facet as degenerate when (k−1)!·its (k−1)-volume is at
 *   most this times (longest edge from verts[0])^(k−1) (default 0: only exact degeneracy)
 * @returns the oriented plane, or undefined when the points are (nearly) affinely dependent
 */
export function facetHyperplane(
  verts: readonly (readonly number[])[],
  k: number,
  inside: readonly number[],
  scratch: Float64Array = new Float64Array(Math.max((k - 1) * (k - 1), 1)),
  minRelativeSize = 0,
): Hyperplane | undefined {
  const y0 = verts[0];
  const normal = new Array<number>(k);
  for (let c = 0; c < k; c++) {
    for (let r = 1; r < k; r++) {
      const yr = verts[r];
      let col = 0;
      for (let j = 0; j < k; j++) if (j !== c) scratch[(r - 1) * (k - 1) + col++] = yr[j] - y0[j];
    }
    const minor = determinantInPlace(scratch, k - 1);
    normal[c] = c % 2 === 0 ? minor : -minor;
  }
  let len = 0;
  for (let j = 0; j < k; j++) len += normal[j] * normal[j];
  len = Math.sqrt(len);
  if (!(len > 0)) return undefined;
  if (minRelativeSize > 0 && k > 1) {
    // |normal| before scaling is (k−1)! times the facet's (k−1)-volume; compare it with
    // the longest edge's power to find slivers whose normal rounding has made unreliable.
    let edge2 = 0;
    for (let r = 1; r < k; r++) {
      let e2 = 0;
      for (let j = 0; j < k; j++) e2 += (verts[r][j] - y0[j]) ** 2;
      edge2 = Math.max(edge2, e2);
    }
    if (len <= minRelativeSize * Math.sqrt(edge2) ** (k - 1)) return undefined;
  }
  let offset = 0;
  let side = 0;
  for (let j = 0; j < k; j++) {
    normal[j] /= len;
    offset += normal[j] * y0[j];
    side += normal[j] * inside[j];
  }
  if (side > offset) {
    for (let j = 0; j < k; j++) normal[j] = -normal[j];
    offset = -offset;
  }
  return { normal, offset };
}
