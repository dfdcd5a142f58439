import { facetHyperplane, type Hyperplane } from './facetHyperplane.ts';

interface Facet {
  verts: number[];
  plane: Hyperplane;
  /** Points strictly outside this facet (conflict list) and the farthest of them. */
  outside: number[];
  far: number;
  farDist: number;
  alive: boolean;
}

/**
 * Boundary facets of the convex hull of full-rank points in R^d by Quickhull
 * (Barber, Dobkin & Huhdanpaa 1996): incremental insertion of the farthest outside
 * point, with horizon ridges found as the ridges used once among visible facets.
 *
 * Why it exists: the `convex-hull` package is correct up to d = 4 only, because its
 * orientation predicate (robust-orientation 1.x, NUM_EXPAND = 5) evaluates every
 * determinant of 6 or more points with the 5-point formula. For d ≥ 5 this function
 * replaces it, using floating-point plane tests with the tolerance `eps`.
 *
 * 1. Initial simplex: greedily the d + 1 points farthest from the span so far.
 * 2. Each remaining point goes to the first facet it is more than `eps` outside.
 * 3. For each facet with outside points (a forward scan; new facets are appended):
 *    take its farthest point p, mark every facet that sees p (distance > eps) visible,
 *    join p to the horizon ridges, hand the visible facets' outside points to the new facets.
 * Points within `eps` of the boundary are not added, so they never become vertices.
 *
 * @param coords - m points with d coordinates, spanning R^d (centred for accuracy)
 * @param d - dimension (≥ 2)
 * @param eps - distance below which a point counts as on a facet (points' units)
 * @returns facets as d-tuples of point indices (unoriented)
 */
export function quickhullNd(coords: readonly number[][], d: number, eps: number): number[][] {
  const m = coords.length;
  const simplex = initialSimplex(coords, d);
  const centre = new Array<number>(d).fill(0);
  for (const i of simplex) for (let j = 0; j < d; j++) centre[j] += coords[i][j] / (d + 1);
  const scratch = new Float64Array(Math.max((d - 1) * (d - 1), 1));

  const facets: Facet[] = [];
  const makeFacet = (verts: number[]): Facet | undefined => {
    const plane = facetHyperplane(verts.map((i) => coords[i]), d, centre, scratch);
    if (!plane) return undefined;
    return { verts, plane, outside: [], far: -1, farDist: 0, alive: true };
  };
  const distance = (f: Facet, i: number): number => {
    const y = coords[i];
    let s = -f.plane.offset;
    for (let j = 0; j < d; j++) s += f.plane.normal[j] * y[j];
    return s;
  };
  const assign = (i: number, candidates: readonly Facet[]): void => {
    for (const f of candidates) {
      const dist = distance(f, i);
      if (dist > eps) {
        f.outside.push(i);
        if (dist > f.farDist) { f.farDist = dist; f.far = i; }
        return;
      }
    }
  };

  for (let omit = 0; omit <= d; omit++) {
    const f = makeFacet(simplex.filter((_, r) => r !== omit));
    if (f) facets.push(f);
  }
  const inSimplex = new Set(simplex);
  for (let i = 0; i < m; i++) if (!inSimplex.has(i)) assign(i, facets);

  for (let cursor = 0; cursor < facets.length; cursor++) {
    const start = facets[cursor];
    if (!start.alive || start.outside.length === 0) continue;
    const p = start.far;
    const visible = facets.filter((f) => f.alive && distance(f, p) > eps);
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
    for (const { verts, count } of ridges.values()) {
      if (count !== 1) continue;
      const f = makeFacet([...verts, p]);
      if (f) created.push(f);
    }
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
