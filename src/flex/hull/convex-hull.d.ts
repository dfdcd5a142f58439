/**
 * Types for the `convex-hull` package (Mikola Lysenko, MIT), which ships none.
 * It returns the boundary cells of the hull as index tuples into `points`:
 * `[lo],[hi]` in 1-D, edges in 2-D, (d−1)-simplices in d ≥ 3, and `[]` for a
 * set that is degenerate in its own dimension.
 */
declare module 'convex-hull' {
  function convexHull(points: number[][]): number[][];
  export default convexHull;
}
