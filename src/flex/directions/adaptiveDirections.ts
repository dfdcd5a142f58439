/**
 * Adaptive direction sets for the boundary search (docs/flexibility.md §4): a small
 * starting set scaled to n, then facet normals of the current inner hull where the
 * inner and outer supports are farthest apart.
 */
import { InputError } from '../../common/errors.js';
import { convexHullOf } from '../hull/convexHullOf.js';
import { directionsNd } from './directionsNd.js';
import { determinantInPlace, factorial } from '../hull/determinant.js';
import { hullHalfspaces } from '../hull/hullHalfspaces.js';
import type { HullResult } from '../hull/hullResult.js';

/** Most axes the adaptive sweep accepts (beyond, the hull in R^n and the design get too large). */
export const MAX_ADAPTIVE_AXES = 8;

/** Most axes whose starting set holds every orthant diagonal (2^n of them; beyond, only the two all-equal ones). */
export const ORTHANT_DIAGONAL_AXES = 3;

/**
 * Starting directions in R^n (minimization form: the search minimizes aᵀP): ±e_i, then the
 * orthant diagonals s/√n, s ∈ {±1}^n, for 2 ≤ n ≤ {@link ORTHANT_DIAGONAL_AXES} (the
 * `axesDiagonals` set of `directionsNd`: (1, …, 1) first, total station load down, the mixed
 * signs — load moved from some stations to others — and (−1, …, −1), load up, last), and for
 * larger n only ±(1, …, 1)/√n.
 * 2n + 2^n directions for n = 2, 3 (8 and 14); 2n + 2 beyond; 2 for n = 1.
 *
 * Why the mixed diagonals: the adaptive rounds refine where the inner hull is farthest from the
 * outer bound, and the traffic relaxation of the outer bound is loose (it has no road capacities),
 * so without a start in every orthant whole trade-off regions (one station up, another down) can
 * stay unsearched (measured on the reduced reference case, docs/flexibility.md §4).
 *
 * @param n - number of axes, 1 … {@link MAX_ADAPTIVE_AXES}
 * @throws InputError for n outside 1 … MAX_ADAPTIVE_AXES
 * @example
 * startingDirections(2); // [[1,0],[-1,0],[0,1],[0,-1],[0.707…,0.707…],[-0.707…,0.707…],[0.707…,-0.707…],[-0.707…,-0.707…]]
 */
export function startingDirections(n: number): number[][] {
  checkAxes(n);
  if (n >= 2 && n <= ORTHANT_DIAGONAL_AXES) return directionsNd(n, { kind: 'axesDiagonals' });
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    out.push(Array.from({ length: n }, (_, j) => (j === i ? 1 : 0)));
    out.push(Array.from({ length: n }, (_, j) => (j === i ? -1 : 0)));
  }
  if (n >= 2) {
    const c = 1 / Math.sqrt(n);
    out.push(new Array<number>(n).fill(c));
    out.push(new Array<number>(n).fill(-c));
  }
  return out;
}

/**
 * The default direction budget of an adaptive sweep on n axes: 8n (at least the starting set).
 * Measured on the fake response (test/flex/sweep/adaptiveSweep.test.ts): n = 3, 24 directions
 * reach 101.8 % of the volume of the 26-direction 45° grid; n = 4, 32 directions reach 76 % of
 * the 80-direction 3^n − 1 grid with 45 % of its runs, and 80 adaptive directions 108 %.
 *
 * @example
 * defaultDirectionBudget(5); // 40
 */
export function defaultDirectionBudget(n: number): number {
  return Math.max(8 * n, startingDirections(n).length);
}

/**
 * Directions added per adaptive round by default: 2n (fewer rounds, fewer pauses of the
 * worker pool between rounds, about the same volume per direction as rounds of n).
 *
 * @example
 * defaultRoundSize(3); // 6
 */
export function defaultRoundSize(n: number): number {
  return 2 * n;
}

/** Options of {@link refinementDirections}. */
export interface RefinementOptions {
  /** Most directions to return. */
  readonly count: number;
  /** Directions already searched (minimization form, on the axes); candidates within `minAngleDeg` of one are skipped. */
  readonly searched: readonly (readonly number[])[];
  /** Outer support h_out(u) = an upper bound of max uᵀP over the true region, MW, for a unit u on the axes. */
  readonly outerSupport?: (u: readonly number[]) => number;
  /** Smallest angle between a new direction and any other, degrees [5]. */
  readonly minAngleDeg?: number;
  /** Relative flatness tolerance of the hull [1e-6]. */
  readonly hullTolerance?: number;
  /** `convexHullOf(points)` when the caller has it already (hulls in R^6 of hundreds of points take seconds). */
  readonly hull?: HullResult;
}

/** One refinement candidate: a facet normal of the inner hull. */
export interface RefinementCandidate {
  /** Direction to search (minimization form): a = −u for the facet's outward normal u. */
  readonly direction: number[];
  /** Inner support h_in(u), MW: max uᵀp over the points. */
  readonly innerSupportMw: number;
  /** Outer support h_out(u), MW (absent without an outer bound). */
  readonly outerSupportMw?: number;
  /**
   * What ranks the candidate: (h_out − h_in) × the facet's (k−1)-volume × sin θ (θ: angle to the nearest searched
   * direction, 1 beyond 90°) with an outer bound (MW^k), else the facet's (k−1)-volume (∞ for a flat hull's normal,
   * with or without an outer bound).
   */
  readonly score: number;
}

/**
 * Where to search next: the outward facet normals u of conv(points), ranked.
 *
 * 1. Hull of the points (their affine rank first); its facet inequalities uᵀp ≤ h_in(u),
 *    and for a flat hull (rank < n) both signs of each equality normal — the hull has
 *    not opened up in that direction yet.
 * 2. Coplanar facets (normals within `minAngleDeg`) are one candidate, their areas added.
 * 3. Score = (h_out(u) − h_in(u)) × the facet's (k−1)-volume × sin θ when an outer support
 *    is given: the volume of the slab between the facet and the outer support plane (an
 *    estimate of the region the facet may be leaving out), weighted by the angle θ to the
 *    nearest searched direction (1 beyond 90°). Near a searched direction the inner support
 *    is already close to what the search can reach, so a gap there is mostly looseness of the
 *    outer bound; the gap alone spent every round where the outer bound is loosest, on small
 *    facets side by side. Otherwise the facet's (k−1)-volume (a big facet is a crude piece of
 *    boundary).
 *    Flat-hull normals first (volume ∞). With an outer bound, a gap ≤ 1e-6 MW is closed
 *    and dropped.
 * 4. Drop candidates within `minAngleDeg` of a searched direction (a = −u), sort by score
 *    (descending, ties by the normal's coordinates), keep at most `count`, each at least
 *    `minAngleDeg` from the ones kept.
 *
 * Deterministic: the same points in the same order give the same directions.
 *
 * @param points - admissible points on the axes, MW
 * @param options - {@link RefinementOptions}
 * @returns candidates, best first (empty for fewer than 2 distinct points)
 * @example
 * const next = refinementDirections(points, { count: 5, searched, outerSupport: (u) => bound.support(u) });
 * next.map((c) => c.direction);
 */
export function refinementDirections(points: readonly (readonly number[])[], options: RefinementOptions): RefinementCandidate[] {
  if (points.length < 2 || options.count <= 0) return [];
  const cosMin = Math.cos(((options.minAngleDeg ?? 5) * Math.PI) / 180);
  const hull = options.hull ?? convexHullOf(points, { tolerance: options.hullTolerance ?? 1e-6 });
  if (hull.affineRank < 1) return [];
  const rows = hullHalfspaces(hull, points);
  const raw: { u: number[]; h: number; size: number }[] = [];
  for (const e of rows.equalities) {
    raw.push({ u: e.normal, h: e.offset, size: Number.POSITIVE_INFINITY });
    raw.push({ u: e.normal.map((v) => -v), h: -e.offset, size: Number.POSITIVE_INFINITY });
  }
  const facetSizes = hull.facets.map((f) => simplexMeasure(f.map((i) => points[i])));
  // hullHalfspaces skips sliver facets, so match rows to facets by support instead of by index.
  for (const row of rows.inequalities) {
    let size = 0;
    hull.facets.forEach((f, k) => {
      if (f.every((i) => Math.abs(dot(row.normal, points[i]) - row.offset) <= 1e-9 * (1 + Math.abs(row.offset)))) size += facetSizes[k];
    });
    raw.push({ u: row.normal, h: row.offset, size });
  }
  // Merge coplanar pieces (triangulated facets share their normal).
  const merged: { u: number[]; h: number; size: number }[] = [];
  for (const c of raw) {
    const same = merged.find((m) => dot(m.u, c.u) >= cosMin);
    if (same) {
      same.size += c.size;
      same.h = Math.max(same.h, c.h);
    } else merged.push({ u: [...c.u], h: c.h, size: c.size });
  }
  const candidates: RefinementCandidate[] = [];
  const searchedUnit = options.searched.map(unit);
  for (const m of merged) {
    const direction = m.u.map((v) => -v + 0);
    // cosine to the nearest searched direction (−1 when none): novelty = sin of that angle, 1 beyond 90°
    const nearestCos = searchedUnit.reduce((c, a) => Math.max(c, dot(a, direction)), -1);
    if (nearestCos >= cosMin) continue;
    const novelty = nearestCos <= 0 ? 1 : Math.sqrt(1 - nearestCos * nearestCos);
    // Support over the points themselves (the facet offset up to rounding).
    const innerSupportMw = Math.max(...points.map((p) => dot(m.u, p)));
    if (options.outerSupport) {
      const outerSupportMw = options.outerSupport(m.u);
      const gap = outerSupportMw - innerSupportMw;
      if (!(gap > 1e-6)) continue;
      candidates.push({ direction, innerSupportMw, outerSupportMw, score: gap * m.size * novelty });
    } else {
      candidates.push({ direction, innerSupportMw, score: m.size });
    }
  }
  candidates.sort((a, b) => b.score - a.score || lexicographic(a.direction, b.direction));
  const kept: RefinementCandidate[] = [];
  for (const c of candidates) {
    if (kept.length >= options.count) break;
    if (kept.some((k) => dot(k.direction, c.direction) >= cosMin)) continue;
    kept.push(c);
  }
  return kept;
}

/** (k−1)-volume of the simplex spanned by k points in R^n (Gram determinant), MW^(k−1). */
function simplexMeasure(vertices: readonly (readonly number[])[]): number {
  const k = vertices.length - 1;
  if (k <= 0) return 0;
  const edges = vertices.slice(1).map((v) => v.map((x, i) => x - vertices[0][i]));
  const gram = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) gram[i * k + j] = dot(edges[i], edges[j]);
  return Math.sqrt(Math.max(0, determinantInPlace(gram, k))) / factorial(k);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i] * b[i];
  return d;
}

function unit(a: readonly number[]): number[] {
  const norm = Math.hypot(...a);
  return a.map((v) => v / norm);
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function checkAxes(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ADAPTIVE_AXES) {
    throw new InputError({ source: 'flex/directions/adaptiveDirections', field: 'n', value: n }, `must be an integer in [1, ${MAX_ADAPTIVE_AXES}]`);
  }
}
