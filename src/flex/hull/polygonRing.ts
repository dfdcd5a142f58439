import { orientSign } from './orientSign.js';

/**
 * The edges of a convex polygon, as found by {@link quickhullNd} in 2-D (unordered,
 * unoriented pairs), put in boundary order, without the vertices that lie exactly on
 * the segment between their two neighbours. Internal to `flex/hull`.
 *
 * Why: an incremental hull keeps a point that was outside when it was inserted even if
 * a later point makes it the middle of a straight run (three collinear boundary points);
 * it is then no vertex. The exact {@link orientSign} decides collinearity, so only
 * exactly collinear points go (a flat set's rounded points are pruned with a tolerance by
 * `pruneCollinear2d` afterwards).
 *
 * 1. Walk the cycle: every vertex of a closed polygon has exactly two edges.
 * 2. Drop a vertex whose neighbours and itself have orientation 0, repeatedly, keeping
 *    at least three.
 *
 * @param edges - the polygon's edges, index pairs into `coords`
 * @param coords - 2-D points (the coordinates the edges were found from)
 * @returns directed edges `[a, b]`, each `b` the next edge's `a`
 */
export function polygonRing(edges: readonly number[][], coords: readonly (readonly number[])[]): number[][] {
  if (edges.length < 3) return edges.map((e) => e.slice());
  const neighbours = new Map<number, number[]>();
  for (const [a, b] of edges) {
    for (const [u, v] of [[a, b], [b, a]]) {
      const list = neighbours.get(u);
      if (list) list.push(v);
      else neighbours.set(u, [v]);
    }
  }
  const start = edges[0][0];
  const ring = [start];
  let previous = start;
  let current = edges[0][1];
  while (current !== start && ring.length <= edges.length) {
    ring.push(current);
    const [n0, n1] = neighbours.get(current)!;
    const next = n0 === previous ? n1 : n0;
    previous = current;
    current = next;
  }
  const scratch = new Float64Array(4);
  let changed = true;
  while (changed && ring.length > 3) {
    changed = false;
    for (let i = 0; i < ring.length && ring.length > 3; i++) {
      const u = coords[ring[(i + ring.length - 1) % ring.length]];
      const w = coords[ring[(i + 1) % ring.length]];
      if (orientSign([u, coords[ring[i]], w], 2, scratch) === 0) {
        ring.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  return ring.map((a, i) => [a, ring[(i + 1) % ring.length]]);
}
