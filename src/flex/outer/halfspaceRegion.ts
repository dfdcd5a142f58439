/**
 * A bounded polytope given by halfspaces `normalᵀp ≤ offset`: its vertices (by the dual hull
 * around an interior point), volume and membership — the outer region of the flexibility
 * outer bound (docs/flexibility.md "Outer bound").
 */
import { affineRank } from '../hull/affineRank.js';
import { convexHullOf } from '../hull/convexHullOf.js';
import { hullHalfspaces } from '../hull/hullHalfspaces.js';

/** One row `normalᵀp ≤ offsetMw` (unit normal). */
export interface RegionHalfspace {
  readonly normal: readonly number[];
  readonly offsetMw: number;
}

/** A polytope over the axes stations (docs/flexibility.md "Outer bound"). */
export interface OuterRegion {
  /** MW^n of the polytope over the axes (n = axes); 0 if not full-dimensional. */
  readonly volume: number;
  readonly affineRank: number;
  readonly halfspaces: readonly RegionHalfspace[];
  /** Vertices of the polytope, MW (empty when not full-dimensional). */
  readonly vertices: readonly (readonly number[])[];
  /** True when every halfspace holds within `toleranceMw` (MW, distance along the unit normal). */
  contains(pointOnAxes: readonly number[], toleranceMw: number): boolean;
}

/**
 * Build the region of `halfspaces` (unit normals), bounded by them (include the 2n axis directions).
 *
 * 1. Interior point c: the mean of `insidePoints` (points known to lie in the region, e.g. the
 *    support LPs' optima); every row must have slack b_i − n_iᵀc > `flatTolMw`, else the region
 *    is taken as flat: volume 0, affine rank that of `insidePoints`.
 * 2. Dual points d_i = n_i / (b_i − n_iᵀc); their convex hull's facets uᵀd ≤ 1 are the vertices
 *    c + u of the region (polar duality; rows that are not facets of the region are interior
 *    dual points and drop out).
 * 3. Volume: recursive pyramids over the face lattice read from the vertex–row incidences
 *    (`pyramidVolume`).
 *
 * @example
 * const box = halfspaceRegion([{ normal: [1, 0], offsetMw: 1 }, { normal: [-1, 0], offsetMw: 0 },
 *   { normal: [0, 1], offsetMw: 2 }, { normal: [0, -1], offsetMw: 0 }], [[0.5, 1]]);
 * box.volume; // 2
 */
export function halfspaceRegion(halfspaces: readonly RegionHalfspace[], insidePoints: readonly (readonly number[])[], flatTolMw = 1e-7): OuterRegion {
  const n = halfspaces[0]?.normal.length ?? 0;
  const rows = mergeParallel(halfspaces);
  const contains = (p: readonly number[], tol: number): boolean =>
    halfspaces.every((h) => h.normal.reduce((acc, a, i) => acc + a * p[i], 0) <= h.offsetMw + tol);
  const flat = (rank: number): OuterRegion => ({ volume: 0, affineRank: rank, halfspaces, vertices: [], contains });
  if (n === 0 || insidePoints.length === 0) return flat(-1);
  const c = new Array<number>(n).fill(0);
  for (const p of insidePoints) for (let i = 0; i < n; i++) c[i] += p[i] / insidePoints.length;
  const slack = rows.map((h) => h.offsetMw - h.normal.reduce((acc, a, i) => acc + a * c[i], 0));
  if (slack.some((s) => !(s > flatTolMw))) return flat(Math.min(n - 1, affineRank(insidePoints.map((p) => [...p])).rank));
  const scale = Math.max(...slack);
  const inside = (v: readonly number[]): boolean => rows.every((h) => h.normal.reduce((acc, a, i) => acc + a * v[i], 0) <= h.offsetMw + 1e-9 * scale);
  // Guard: every vertex must satisfy every row. Otherwise retry around a point moved towards the
  // centre of the axis box, then enumerate by brute force (n rows at a time) when that is small.
  const centre = boxCentre(rows, n);
  let vertices: number[][] | undefined;
  for (const w of [0, 0.5, 0.9]) {
    const at = c.map((x, i) => (centre === undefined ? x : (1 - w) * x + w * centre[i]));
    const found = dualVertices(rows, at, flatTolMw);
    if (found === undefined && w === 0) return flat(Math.min(n - 1, affineRank(insidePoints.map((p) => [...p])).rank));
    if (found !== undefined && found.length > n && found.every(inside)) {
      vertices = found;
      break;
    }
  }
  if (vertices === undefined) {
    if (binomial(rows.length, n) > MAX_BRUTE_FORCE) {
      throw new Error(`flex/outer/halfspaceRegion: vertex enumeration failed for ${rows.length} rows in ${n} dimensions (dual hull inconsistent, brute force too large)`);
    }
    vertices = bruteForceVertices(rows, n).filter(inside);
  }
  return { volume: pyramidVolume(rows, vertices, c, scale), affineRank: n, halfspaces, vertices, contains };
}

/**
 * Volume by recursive pyramids (Lasserre-style, on the vertex–row incidences): vol_d(F) =
 * Σ over the facets G of F of dist(c_F, aff G)·vol_{d−1}(G)/d, with c_F the mean of F's vertices
 * and the facets of F the maximal vertex subsets on one more row of affine dimension d − 1
 * (memoised by vertex set). No hull of many points in 5–6 dimensions is needed.
 */
function pyramidVolume(rows: readonly RegionHalfspace[], vertices: readonly number[][], c: readonly number[], scale: number): number {
  const n = c.length;
  const tol = 1e-8 * scale;
  const incident = rows.map((h) => {
    const on: number[] = [];
    vertices.forEach((v, k) => {
      if (Math.abs(h.normal.reduce((acc, a, i) => acc + a * v[i], 0) - h.offsetMw) <= tol) on.push(k);
    });
    return new Set(on);
  });
  const memo = new Map<string, number>();
  const all = vertices.map((_, k) => k);
  const face = (ids: number[], dim: number): number => {
    if (dim === 0) return 1;
    const key = `${dim}:${ids.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const centre = new Array<number>(n).fill(0);
    for (const k of ids) for (let i = 0; i < n; i++) centre[i] += vertices[k][i] / ids.length;
    let volume = 0;
    if (dim === 1) {
      let far = 0;
      for (const k of ids) far = Math.max(far, Math.hypot(...vertices[k].map((x, i) => x - vertices[ids[0]][i])));
      volume = far;
    } else {
      const seen = new Set<string>();
      for (const on of incident) {
        const sub = ids.filter((k) => on.has(k));
        if (sub.length < dim || sub.length === ids.length) continue;
        const subKey = sub.join(',');
        if (seen.has(subKey)) continue;
        const basis = spanBasis(sub.map((k) => vertices[k]), tol);
        if (basis.length !== dim - 1) continue;
        seen.add(subKey);
        const r = centre.map((x, i) => x - vertices[sub[0]][i]);
        for (const b of basis) {
          const d = b.reduce((acc, x, i) => acc + x * r[i], 0);
          for (let i = 0; i < n; i++) r[i] -= d * b[i];
        }
        volume += (Math.hypot(...r) * face(sub, dim - 1)) / dim;
      }
    }
    memo.set(key, volume);
    return volume;
  };
  return face(all, n);
}

/** Orthonormal basis of the directions of the affine hull of `points` (Gram–Schmidt on differences, tolerance `tol`). */
function spanBasis(points: readonly number[][], tol: number): number[][] {
  const basis: number[][] = [];
  const p0 = points[0];
  for (const p of points) {
    const v = p.map((x, i) => x - p0[i]);
    for (const b of basis) {
      const d = b.reduce((acc, x, i) => acc + x * v[i], 0);
      for (let i = 0; i < v.length; i++) v[i] -= d * b[i];
    }
    const len = Math.hypot(...v);
    if (len > tol) basis.push(v.map((x) => x / len));
    if (basis.length === p0.length) break;
  }
  return basis;
}

/** Largest number of n-row subsets the brute-force enumeration may try. */
const MAX_BRUTE_FORCE = 3e6;

/** Vertices c + u from the facets uᵀd ≤ 1 of the dual hull around `c`; undefined when c is not strictly inside or the dual hull is flat. */
function dualVertices(rows: readonly RegionHalfspace[], c: readonly number[], flatTolMw: number): number[][] | undefined {
  const n = c.length;
  const slack = rows.map((h) => h.offsetMw - h.normal.reduce((acc, a, i) => acc + a * c[i], 0));
  if (slack.some((s) => !(s > flatTolMw))) return undefined;
  const dual = rows.map((h, k) => h.normal.map((a) => a / slack[k]));
  const dualHull = convexHullOf(dual);
  if (dualHull.affineRank < n) return undefined;
  const vertices: number[][] = [];
  for (const f of hullHalfspaces(dualHull, dual).inequalities) {
    if (!(f.offset > 0)) continue;
    addDistinct(vertices, f.normal.map((a, i) => c[i] + a / f.offset));
  }
  return vertices;
}

/** Centre of the box of the axis rows (±e_i), when all 2n are present. */
function boxCentre(rows: readonly RegionHalfspace[], n: number): number[] | undefined {
  const hi = new Array<number>(n).fill(Infinity);
  const lo = new Array<number>(n).fill(-Infinity);
  for (const h of rows) {
    const i = h.normal.findIndex((a) => Math.abs(Math.abs(a) - 1) <= 1e-12);
    if (i < 0) continue;
    if (h.normal[i] > 0) hi[i] = Math.min(hi[i], h.offsetMw);
    else lo[i] = Math.max(lo[i], -h.offsetMw);
  }
  if (hi.some((x, i) => !Number.isFinite(x) || !Number.isFinite(lo[i]))) return undefined;
  return hi.map((x, i) => (x + lo[i]) / 2);
}

function binomial(m: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (m - i)) / (i + 1);
  return r;
}

/** Rows with (nearly) the same unit normal (|Δ| ≤ 1e-9 per coordinate) keep only the smallest offset (the region can only grow). */
function mergeParallel(halfspaces: readonly RegionHalfspace[]): RegionHalfspace[] {
  const kept: RegionHalfspace[] = [];
  for (const h of halfspaces) {
    const k = kept.findIndex((g) => g.normal.every((a, i) => Math.abs(a - h.normal[i]) <= 1e-9));
    if (k < 0) kept.push(h);
    else if (h.offsetMw < kept[k].offsetMw) kept[k] = h;
  }
  return kept;
}

function addDistinct(vertices: number[][], v: number[]): void {
  if (!vertices.some((w) => w.every((x, i) => Math.abs(x - v[i]) <= 1e-9 * (1 + Math.abs(x))))) vertices.push(v);
}

/** Intersections of every n rows (Gaussian elimination with partial pivoting), distinct; the caller keeps the feasible ones. */
function bruteForceVertices(rows: readonly RegionHalfspace[], n: number): number[][] {
  const out: number[][] = [];
  const pick = new Array<number>(n);
  const recurse = (start: number, depth: number): void => {
    if (depth === n) {
      const v = solveSquare(pick.map((k) => [...rows[k].normal]), pick.map((k) => rows[k].offsetMw));
      if (v !== undefined) addDistinct(out, v);
      return;
    }
    for (let k = start; k <= rows.length - (n - depth); k++) {
      pick[depth] = k;
      recurse(k + 1, depth + 1);
    }
  };
  recurse(0, 0);
  return out;
}

function solveSquare(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    if (Math.abs(a[piv][col]) < 1e-10) return undefined;
    [a[col], a[piv]] = [a[piv], a[col]];
    [b[col], b[piv]] = [b[piv], b[col]];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / a[col][col];
      for (let j = col; j < n; j++) a[r][j] -= f * a[col][j];
      b[r] -= f * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < n; j++) s -= a[r][j] * x[j];
    x[r] = s / a[r][r];
  }
  return x;
}
