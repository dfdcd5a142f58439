import { facetHyperplane } from './facetHyperplane.js';

/** Facets thinner than this ((k−1)!·volume / longest edge^(k−1)) give no trusted normal. */
const USABLE_FACET = 1e-6;
/** A normal adds a direction when its part orthogonal to the ones before exceeds this. */
const SPAN_TOLERANCE = 1e-8;

/**
 * The boundary points of a triangulated hull that are true vertices (extreme points).
 * Internal to `flex/hull`. Incremental hulls keep a point that was outside when it was
 * inserted even if later points put it on an edge or a face, so with exactly degenerate
 * input (points on edges, lattice points) the facets' points are more than the vertices.
 *
 * A boundary point is a vertex iff the outward normals of its incident facets span R^k
 * (its normal cone is full-dimensional); on an edge or in a face they span less. A point is
 * dropped only when every incident facet has a trusted normal (not a sliver) and those
 * normals span fewer than k directions, so an undecidable point is kept, never lost.
 *
 * @param cells - boundary facets, k indices each
 * @param coords - point coordinates (k each)
 * @param k - dimension (≥ 2)
 * @param inside - a point strictly inside the hull
 * @returns vertex indices, ascending
 */
export function extremeVertices(cells: readonly number[][], coords: readonly number[][], k: number, inside: readonly number[]): number[] {
  const incident = new Map<number, (number[] | undefined)[]>();
  const scratch = new Float64Array(Math.max((k - 1) * (k - 1), 1));
  for (const cell of cells) {
    const normal = facetHyperplane(cell.map((i) => coords[i]), k, inside, scratch, USABLE_FACET)?.normal;
    for (const i of cell) {
      const list = incident.get(i);
      if (list) list.push(normal);
      else incident.set(i, [normal]);
    }
  }
  const out: number[] = [];
  for (const [i, normals] of incident) {
    if (normals.some((n) => n === undefined) || spanRank(normals as number[][], k) === k) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

/** Number of independent directions among unit vectors, by Gram–Schmidt with {@link SPAN_TOLERANCE}. */
function spanRank(vectors: readonly number[][], k: number): number {
  const basis: number[][] = [];
  for (const v of vectors) {
    const w = v.slice();
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let p = 0;
        for (let j = 0; j < k; j++) p += w[j] * b[j];
        for (let j = 0; j < k; j++) w[j] -= p * b[j];
      }
    }
    const len = Math.hypot(...w);
    if (len > SPAN_TOLERANCE) {
      basis.push(w.map((x) => x / len));
      if (basis.length === k) break;
    }
  }
  return basis.length;
}
