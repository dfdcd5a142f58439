/**
 * Drops polygon vertices that lie within `eps` of the line through their two
 * neighbours, repeatedly, keeping at least three. Internal to `flex/hull`: a flat
 * set's coordinates in its plane are rounded by the projection, so points that are
 * collinear on an edge in R^n can come out a hair off it and would otherwise be
 * listed as vertices.
 *
 * @param edges - closed polygon as directed edges [a, b] (each b is the next edge's a)
 * @param coords - 2-D coordinates of the indices
 * @param eps - distance tolerance (coordinates' units)
 * @returns the edges of the pruned polygon, in the same cyclic order
 */
export function pruneCollinear2d(edges: readonly number[][], coords: readonly number[][], eps: number): number[][] {
  const ring = edges.map((e) => e[0]);
  let changed = true;
  while (changed && ring.length > 3) {
    changed = false;
    for (let i = 0; i < ring.length && ring.length > 3; i++) {
      const u = coords[ring[(i + ring.length - 1) % ring.length]];
      const v = coords[ring[i]];
      const w = coords[ring[(i + 1) % ring.length]];
      const len = Math.hypot(w[0] - u[0], w[1] - u[1]);
      const cross = (w[0] - u[0]) * (v[1] - u[1]) - (w[1] - u[1]) * (v[0] - u[0]);
      if (len > 0 && Math.abs(cross) / len <= eps) {
        ring.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  return ring.map((a, i) => [a, ring[(i + 1) % ring.length]]);
}
