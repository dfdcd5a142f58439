import { facetHyperplane, type Hyperplane } from './facetHyperplane.ts';
import { orientSign } from './orientSign.ts';

interface Facet {
  verts: number[];
  /** orientSign(verts, centre): the interior's side; a point is outside on the other one. */
  inner: number;
  /** Float plane, only to pick the farthest outside point (undefined for float slivers). */
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
 * Why it exists: the `convex-hull` package is correct up to d = 4 only, because its
 * orientation predicate (robust-orientation 1.x, NUM_EXPAND = 5) evaluates every
 * determinant of 6 or more points with the 5-point formula, and in 4-D it is 40–150×
 * slower than this. Like the package, it decides sides exactly, so nearly coplanar input
 * (solver noise) cannot corrupt the hull; points exactly on the boundary are not vertices.
 *
 * 1. Initial simplex: greedily the d + 1 points farthest from the span so far; its
 *    centroid is the interior reference for every side test.
 * 2. Each remaining point goes to the first facet it is strictly outside of.
 * 3. For each facet with outside points (a forward scan; new facets are appended):
 *    take its farthest point p, find every facet that sees p, join p to the horizon
 *    ridges, and hand the visible facets' outside points to the new facets.
 *
 * @param coords - m points with d coordinates, spanning R^d (centred for accuracy)
 * @param d - dimension (≥ 2)
 * @returns facets as d-tuples of point indices (unoriented)
 */
export function quickhullNd(coords: readonly number[][], d: number): number[][] {
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
  const makeFacet = (verts: number[]): Facet => ({
    verts,
    inner: side(verts, centre),
    plane: facetHyperplane(verts.map((i) => coords[i]), d, centre, planeScratch),
    outside: [],
    far: -1,
    farDist: -Infinity,
    alive: true,
  });
  const sees = (f: Facet, i: number): boolean => {
    const s = side(f.verts, coords[i]);
    return s !== 0 && s !== f.inner;
  };
  const assign = (i: number, candidates: readonly Facet[]): void => {
    for (const f of candidates) {
      if (!sees(f, i)) continue;
      f.outside.push(i);
      let dist = 0;
      if (f.plane) {
        dist = -f.plane.offset;
        for (let j = 0; j < d; j++) dist += f.plane.normal[j] * coords[i][j];
      }
      if (dist > f.farDist) { f.farDist = dist; f.far = i; }
      return;
    }
  };

  for (let omit = 0; omit <= d; omit++) facets.push(makeFacet(simplex.filter((_, r) => r !== omit)));
  const inSimplex = new Set(simplex);
  for (let i = 0; i < m; i++) if (!inSimplex.has(i)) assign(i, facets);

  for (let cursor = 0; cursor < facets.length; cursor++) {
    const start = facets[cursor];
    if (!start.alive || start.outside.length === 0) continue;
    const p = start.far;
    // Exact tests make the visible set the true one (a topological disk), so a scan suffices.
    const visible = facets.filter((f) => f.alive && (f === start || sees(f, p)));
    // A ridge (d−1 vertices) seen once among visible facets borders a hidden one: horizon.
    const ridges = new Map<string, { verts: number[]; count: number }>();
    for (const f of visible) {
      for (let omit = 0; omit < d; omit++) {
        const ridge = f.verts.filter((_, r) => r !== omit).sort((a, b) => a - b);
        const key = ridge.join(',');
        const entry = ridges.get(key);
        if (entry) entry.count++;
        else ridges.set(key, { verts: ridge, count: 1 });
      }
    }
    const created: Facet[] = [];
    for (const { verts, count } of ridges.values()) if (count === 1) created.push(makeFacet([...verts, p]));
    for (const f of visible) {
      f.alive = false;
      for (const i of f.outside) if (i !== p) assign(i, created);
      f.outside = [];
    }
    facets.push(...created);
  }
  return facets.filter((f) => f.alive).map((f) => f.verts);
}

/** d + 1 affinely independent points, each the farthest from the affine span of those before. */
function initialSimplex(coords: readonly number[][], d: number): number[] {
  const m = coords.length;
  let first = 0;
  let best = -1;
  for (let i = 0; i < m; i++) {
    const r = Math.hypot(...coords[i]);
    if (r > best) { best = r; first = i; }
  }
  const chosen = [first];
  const basis: number[][] = [];
  const origin = coords[first];
  while (chosen.length <= d) {
    let pick = -1;
    let pickDist = -1;
    let pickResid: number[] = [];
    for (let i = 0; i < m; i++) {
      const w = coords[i].map((x, j) => x - origin[j]);
      for (const b of basis) {
        let p = 0;
        for (let j = 0; j < d; j++) p += w[j] * b[j];
        for (let j = 0; j < d; j++) w[j] -= p * b[j];
      }
      const dist = Math.hypot(...w);
      if (dist > pickDist) { pickDist = dist; pick = i; pickResid = w; }
    }
    chosen.push(pick);
    basis.push(pickResid.map((x) => x / pickDist));
  }
  return chosen;
}
