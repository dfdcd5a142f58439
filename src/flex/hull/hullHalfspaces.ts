import { InputError } from '../../common/errors.js';
import { checkPointSet } from './checkPointSet.js';
import { facetHyperplane } from './facetHyperplane.js';
import type { HullResult } from './hullResult.js';

/** One row `normal · x ≤ offset` (or `= offset` for an equality); `normal` has unit length. */
export interface Halfspace {
  /** Unit normal, n coordinates (outward for inequalities). */
  normal: number[];
  /** Right-hand side, in the points' units (MW): the signed distance of the plane from the origin. */
  offset: number;
}

/** Linear description of a hull: x is in it iff every inequality and every equality holds. */
export interface HullHalfspaces {
  /** Facet inequalities `normal · x ≤ offset`, one per facet of {@link HullResult.facets} except slivers. */
  inequalities: Halfspace[];
  /** For flat hulls (rank k < n): n − k equalities `normal · x = offset` fixing the affine subspace. */
  equalities: Halfspace[];
}

/**
 * Facet inequalities (and, for flat hulls, affine-subspace equalities) of a hull from
 * {@link convexHullOf}: the "linear inequalities defining its facets" of seed 003 §2
 * Step 2, for use in optimization models and in {@link hullContains}.
 *
 * 1. Subspace: the original axes when full; otherwise `hull.affineBasis` through
 *    `hull.interiorPoint`, whose orthogonal complement (greedy Gram–Schmidt on the unit
 *    axes) gives the equalities.
 * 2. Per facet (k vertices in the k-dimensional subspace coordinates): the normal of the
 *    hyperplane through them by cofactors of the (k−1)×k edge matrix, normalized and
 *    turned so the interior point is on the `≤` side; then mapped back to R^n.
 *
 * Sliver facets (relative (k−1)-volume below 1e-8, rounding artefacts) are skipped, so there
 * can be fewer rows than facets. An empty hull (rank −1) gets the infeasible row `0 · x ≤ −1`; a single point gets
 * n equalities and no inequalities.
 *
 * @param hull - result of `convexHullOf(points)`
 * @param points - the same points the hull was computed from (facets index into them)
 * @returns unit-normal rows in the points' units
 * @throws InputError when `points` does not match the hull (dimension or indices)
 *
 * @example
 * const pts = [[0, 0], [1, 0], [0, 1]];
 * hullHalfspaces(convexHullOf(pts), pts).inequalities.length; // 3
 */
/**
 * Facets whose (k−1)-volume is below this fraction of their longest edge's power are slivers:
 * a rounding error of 1e-16 in a vertex then tilts the normal by up to ~1e-8, which is
 * still below the 1e-9-relative tolerance of {@link hullContains} times typical extents.
 */
const SLIVER = 1e-8;

export function hullHalfspaces(hull: HullResult, points: readonly (readonly number[])[]): HullHalfspaces {
  const source = 'flex/hull/hullHalfspaces';
  const n = hull.dimension;
  if (hull.affineRank < 0) return { inequalities: [{ normal: new Array<number>(n).fill(0), offset: -1 }], equalities: [] };
  const dim = checkPointSet(points, source);
  if (dim !== n) throw new InputError({ source, field: 'points[0].length', value: dim }, `must equal the hull's dimension ${n}`);
  for (const i of hull.vertices) {
    if (!(i >= 0 && i < points.length)) {
      throw new InputError({ source, field: 'hull.vertices', value: i }, `index outside points (length ${points.length})`);
    }
  }

  const k = hull.affineRank;
  const o = hull.interiorPoint;
  const basis = k === n ? undefined : (hull.affineBasis ?? []);
  const equalities = basis ? complementOf(basis, n).map((normal) => ({ normal, offset: dot(normal, o) })) : [];

  const project = (x: readonly number[]): number[] => {
    const d = x.map((v, j) => v - o[j]);
    return basis ? basis.map((b) => dot(b, d)) : d;
  };
  const local = new Map<number, number[]>();
  for (const facet of hull.facets) for (const i of facet) if (!local.has(i)) local.set(i, project(points[i]));

  const inequalities: Halfspace[] = [];
  const inside = new Array<number>(k).fill(0); // the interior point is the local origin
  const scratch = new Float64Array(Math.max((k - 1) * (k - 1), 1));
  for (const facet of hull.facets) {
    const plane = facetHyperplane(facet.map((i) => local.get(i)!), k, inside, scratch, SLIVER);
    // A sliver facet (a rounding artefact, e.g. three collinear points that a projection
    // made slightly non-collinear) has no reliable normal and bounds no volume: skip it.
    if (!plane) continue;
    const normal = basis
      ? Array.from({ length: n }, (_, j) => basis.reduce((s, b, r) => s + plane.normal[r] * b[j], 0))
      : plane.normal;
    inequalities.push({ normal, offset: plane.offset + dot(normal, o) });
  }
  return { inequalities, equalities };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** Orthonormal complement of orthonormal rows `basis` in R^n, by greedy Gram–Schmidt on the unit axes. */
function complementOf(basis: readonly number[][], n: number): number[][] {
  const accepted: number[][] = basis.map((b) => b.slice());
  const out: number[][] = [];
  while (accepted.length < n) {
    let best: number[] | undefined;
    let bestNorm = 0;
    for (let j = 0; j < n; j++) {
      const w = new Array<number>(n).fill(0);
      w[j] = 1;
      // Two passes of modified Gram–Schmidt keep w orthogonal to working precision.
      for (let pass = 0; pass < 2; pass++) {
        for (const b of accepted) {
          const p = dot(w, b);
          for (let t = 0; t < n; t++) w[t] -= p * b[t];
        }
      }
      const norm = Math.hypot(...w);
      if (norm > bestNorm) { bestNorm = norm; best = w; }
    }
    const unit = best!.map((v) => v / bestNorm);
    accepted.push(unit);
    out.push(unit);
  }
  return out;
}
