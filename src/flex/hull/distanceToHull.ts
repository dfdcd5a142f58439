/**
 * Euclidean distance from a point to the convex hull of a point set, with a certified
 * bracket (docs/flexibility.md §3 "Checked books").
 */

/** Bracket of the distance (units of the points): `upper` is attained by a point of the hull, `lower` follows from the duality gap. */
export interface HullDistance {
  readonly upper: number;
  readonly lower: number;
}

/**
 * Distance from `p` to conv(`vertices`) by Frank–Wolfe with exact line search, from the nearest
 * vertex.
 *
 * - `upper` = ‖q − p‖ of the iterate q, a convex combination of the vertices: the distance is at
 *   most this (a proof, not an estimate).
 * - `lower` from the duality gap g = 2(q − p)ᵀ(q − v*) of f(q) = ‖q − p‖², f* ≥ f − g.
 * - Stops when the bracket is narrower than `absoluteTolerance` or after `maxIterations`.
 *
 * @param p - the point
 * @param vertices - the hull's points (its vertices are enough), same dimension, at least one
 * @param absoluteTolerance - width of the bracket to stop at (units of the points) [1e-6]
 * @param maxIterations - [20000]
 * @example
 * distanceToHull([2, 0], [[0, 0], [1, 0], [0, 1]]); // { upper: 1, lower: 1 }
 */
export function distanceToHull(
  p: readonly number[],
  vertices: readonly (readonly number[])[],
  absoluteTolerance = 1e-6,
  maxIterations = 20_000,
): HullDistance {
  const n = p.length;
  const d2 = (a: ArrayLike<number>): number => {
    let s = 0;
    for (let j = 0; j < n; j++) s += (a[j] - p[j]) ** 2;
    return s;
  };
  let nearest = vertices[0];
  for (const v of vertices) if (d2(v) < d2(nearest)) nearest = v;
  const q = Float64Array.from(nearest);
  const r = new Float64Array(n);
  let lowerSq = 0;
  for (let it = 0; it < maxIterations; it++) {
    for (let j = 0; j < n; j++) r[j] = q[j] - p[j];
    let best = vertices[0];
    let bestDot = Infinity;
    for (const v of vertices) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += v[j] * r[j];
      if (dot < bestDot) {
        bestDot = dot;
        best = v;
      }
    }
    let gap = 0;
    let dd = 0;
    for (let j = 0; j < n; j++) {
      const dir = best[j] - q[j];
      gap -= 2 * dir * r[j];
      dd += dir * dir;
    }
    const f = d2(q);
    lowerSq = Math.max(lowerSq, f - gap);
    if (gap <= 1e-15 || Math.sqrt(f) - Math.sqrt(Math.max(0, lowerSq)) <= absoluteTolerance) break;
    const gamma = Math.min(1, Math.max(0, gap / (2 * dd)));
    for (let j = 0; j < n; j++) q[j] += gamma * (best[j] - q[j]);
  }
  const upper = Math.sqrt(d2(q));
  return { upper, lower: Math.min(upper, Math.sqrt(Math.max(0, lowerSq))) };
}
