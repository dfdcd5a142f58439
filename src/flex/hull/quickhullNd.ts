import { facetHyperplane, type Hyperplane } from './facetHyperplane.js';
import { orientSign } from './orientSign.js';

/**
 * Float pre-test of the side tests: a facet plane is trusted only when the facet is not a
 * sliver ((d−1)!·volume ≥ 1e-6 × longest edge^(d−1), so its unit normal is off by ≲ 1e-10)
 * and the point is farther than 1e-9 × extent from it; everything closer goes to the exact
 * {@link orientSign}.
 */
const FILTER_MIN_FACET = 1e-6;
const FILTER_DISTANCE = 1e-9;

interface Facet {
  verts: number[];
  /** The d ridges (vertex sets without one vertex, sorted) and their map keys. */
  ridges: number[][];
  keys: string[];
  /** Insertion round in which this facet's side was last tested (walk bookkeeping). */
  mark: number;
  markSees: boolean;
  /** orientSign(verts, centre): the interior's side; a point is outside on the other one. */
  inner: number;
  /** Float plane: picks the farthest outside point and pre-decides clear side tests (undefined for slivers). */
  plane: Hyperplane | undefined;
  /** Points strictly outside this facet (conflict list) and the farthest of them. */
  outside: number[];
  far: number;
  farDist: number;
  alive: boolean;
}

/**
 * Boundary facets of the convex hull of full-rank points in R^d by Quickhull
 * (Barber, Dobkin & Huhdanpaa 1996) with exact side tests ({@link orientSign}):
 * incremental insertion of the farthest outside point, with horizon ridges found as
 * the ridges used once among the facets that see it.
 *
 * The one hull engine of `flex/hull`, for every dimension d ≥ 2 (docs/model.md §5 "Hull").
 * It decides sides exactly, so nearly coplanar input (solver noise) cannot corrupt the
 * hull, and points exactly on the boundary are never outside a facet. Points that were
 * vertices when inserted may end up on an edge or face; callers prune them
 * (`polygonRing` in 2-D, `extremeVertices` from 3-D).
 *
 * 1. Initial simplex: greedily the d + 1 points farthest from the span so far; its
 *    centroid is the interior reference for every side test.
 * 2. Each remaining point goes to the first facet it is strictly outside of.
 * 3. For each facet with outside points (a forward scan; new facets are appended):
 *    take its farthest point p, walk across shared ridges to every facet that sees p,
 *    join p to the horizon ridges (visible on one side, hidden on the other), and hand
 *    the visible facets' outside points to the new facets.
 *
 * @param coords - m points with d coordinates, spanning R^d (the exact side tests use them as given)
 * @param d - dimension (≥ 2)
 * @returns facets as d-tuples of point indices (unoriented)
 */
export function quickhullNd(coords: readonly (readonly number[])[], d: number): number[][] {
  const m = coords.length;
  const simplex = initialSimplex(coords, d);
  const centre = new Array<number>(d).fill(0);
  for (const i of simplex) for (let j = 0; j < d; j++) centre[j] += coords[i][j] / (d + 1);
  const planeScratch = new Float64Array(Math.max((d - 1) * (d - 1), 1));
  const orientScratch = new Float64Array(d * d);
  const tuple: (readonly number[])[] = new Array(d + 1);

  const side = (verts: readonly number[], q: readonly number[]): number => {
    for (let r = 0; r < d; r++) tuple[r] = coords[verts[r]];
    tuple[d] = q;
    return orientSign(tuple, d, orientScratch);
  };
  const facets: Facet[] = [];
  const makeFacet = (unsorted: number[]): Facet => {
    // Sorted once, so every ridge (one vertex left out) is sorted too: its key is canonical.
    const verts = unsorted.sort((a, b) => a - b);
    const ridges: number[][] = [];
    for (let omit = 0; omit < d; omit++) ridges.push(verts.filter((_, r) => r !== omit));
    return {
      verts,
      ridges,
      keys: ridges.map((r) => r.join(',')),
      mark: -1,
      markSees: false,
      inner: side(verts, centre),
      plane: facetHyperplane(verts.map((i) => coords[i]), d, centre, planeScratch, FILTER_MIN_FACET),
      outside: [],
      far: -1,
      farDist: -Infinity,
      alive: true,
    };
  };
  let extent2 = 0;
  for (const y of coords) {
    let r2 = 0;
    for (let j = 0; j < d; j++) r2 += y[j] * y[j];
    if (r2 > extent2) extent2 = r2;
  }
  const extent = Math.sqrt(extent2);
  const filter = FILTER_DISTANCE * extent;
  /** Signed float distance of point i from f's plane (NaN for a sliver facet without one). */
  const distance = (f: Facet, i: number): number => {
    if (!f.plane) return Number.NaN;
    let dist = -f.plane.offset;
    for (let j = 0; j < d; j++) dist += f.plane.normal[j] * coords[i][j];
    return dist;
  };
  /** Whether point i is strictly outside f: the float distance when clearly decided, else exact. */
  const sees = (f: Facet, i: number, dist = distance(f, i)): boolean => {
    if (Math.abs(dist) > filter) return dist > 0;
    const s = side(f.verts, coords[i]);
    return s !== 0 && s !== f.inner;
  };
  const assign = (i: number, candidates: readonly Facet[]): void => {
    for (const f of candidates) {
      const dist = distance(f, i);
      if (!sees(f, i, dist)) continue;
      f.outside.push(i);
      const key = Number.isNaN(dist) ? 0 : dist;
      if (key > f.farDist) { f.farDist = key; f.far = i; }
      return;
    }
  };

  // Each ridge (d−1 sorted vertex indices) maps to the (at most two) live facets sharing it.
  const ridgeFacets = new Map<string, Facet[]>();
  const link = (f: Facet): void => {
    for (const key of f.keys) {
      const list = ridgeFacets.get(key);
      if (list) list.push(f);
      else ridgeFacets.set(key, [f]);
    }
  };
  const unlink = (f: Facet): void => {
    for (const key of f.keys) {
      const list = ridgeFacets.get(key)!;
      const at = list.indexOf(f);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) ridgeFacets.delete(key);
    }
  };

  for (let omit = 0; omit <= d; omit++) {
    const f = makeFacet(simplex.filter((_, r) => r !== omit));
    facets.push(f);
    link(f);
  }
  const inSimplex = new Set(simplex);
  for (let i = 0; i < m; i++) if (!inSimplex.has(i)) assign(i, facets);

  for (let cursor = 0; cursor < facets.length; cursor++) {
    const start = facets[cursor];
    if (!start.alive || start.outside.length === 0) continue;
    const p = start.far;
    // Visible facets by a walk across ridges from `start`: with exact side tests the
    // visible set is a connected patch, and the horizon is where the walk stops.
    const visible: Facet[] = [start];
    start.mark = cursor;
    start.markSees = true;
    const horizon: number[][] = [];
    for (let v = 0; v < visible.length; v++) {
      const f = visible[v];
      for (let r = 0; r < d; r++) {
        const list = ridgeFacets.get(f.keys[r])!;
        const other = list[0] === f ? list[1] : list[0];
        if (other.mark !== cursor) {
          other.mark = cursor;
          other.markSees = sees(other, p);
          if (other.markSees) visible.push(other);
        }
        if (!other.markSees) horizon.push(f.ridges[r]);
      }
    }
    const created = horizon.map((ridge) => makeFacet([...ridge, p]));
    for (const f of visible) {
      f.alive = false;
      unlink(f);
      for (const i of f.outside) if (i !== p) assign(i, created);
      f.outside = [];
    }
    for (const f of created) link(f);
    facets.push(...created);
  }
  return facets.filter((f) => f.alive).map((f) => f.verts);
}

/**
 * d + 1 affinely independent points, each the farthest from the affine span of those
 * before (squared distances by Gram–Schmidt against the chosen directions; one scratch
 * vector, since this scans every point d + 1 times).
 */
function initialSimplex(coords: readonly (readonly number[])[], d: number): number[] {
  const m = coords.length;
  let first = 0;
  let best = -1;
  for (let i = 0; i < m; i++) {
    let r2 = 0;
    for (let j = 0; j < d; j++) r2 += coords[i][j] * coords[i][j];
    if (r2 > best) { best = r2; first = i; }
  }
  const chosen = [first];
  const basis: Float64Array[] = [];
  const origin = coords[first];
  const w = new Float64Array(d);
  const residualOf = (i: number): number => {
    const c = coords[i];
    for (let j = 0; j < d; j++) w[j] = c[j] - origin[j];
    for (const b of basis) {
      let p = 0;
      for (let j = 0; j < d; j++) p += w[j] * b[j];
      for (let j = 0; j < d; j++) w[j] -= p * b[j];
    }
    let r2 = 0;
    for (let j = 0; j < d; j++) r2 += w[j] * w[j];
    return r2;
  };
  while (chosen.length <= d) {
    let pick = -1;
    let pickDist2 = -1;
    for (let i = 0; i < m; i++) {
      const r2 = residualOf(i);
      if (r2 > pickDist2) { pickDist2 = r2; pick = i; }
    }
    chosen.push(pick);
    residualOf(pick);
    const length = Math.sqrt(pickDist2);
    basis.push(w.map((x) => x / length));
  }
  return chosen;
}
