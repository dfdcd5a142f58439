/**
 * Result of {@link convexHullOf}: the convex hull of a point set in R^n, with its
 * affine rank found first so flat sets are described instead of failing (docs/model.md §5
 * "Hull"; seed 003 §2 Step 2).
 *
 * Units: coordinates are whatever the points carry (MW for station net loads), so
 * `volume` is in MW^n, `area` in MW^(n−1) and `measure` in MW^affineRank.
 *
 * @example
 * const hull: HullResult = convexHullOf([[0, 0], [1, 0], [0, 1]]);
 * hull.volume; // 0.5 (MW² when the coordinates are MW)
 */
export interface HullResult {
  /** n, the number of coordinates per point (0 for an empty set). */
  dimension: number;
  /** Rank of the affine hull: −1 for no points, 0 for one (repeated) point, n when full-dimensional. */
  affineRank: number;
  /** n-dimensional volume (MW^n for MW points); 0 when `affineRank < n`. */
  volume: number;
  /** When `affineRank === n − 1` (n ≥ 2): the (n−1)-volume of the flat region, e.g. the area of a planar region in 3-D. */
  area?: number;
  /**
   * The `affineRank`-dimensional volume: `volume` when full, `area` when flat of rank n−1,
   * the length for rank 1. By convention 0 for rank 0 (a single point has no extent) and for an empty set.
   */
  measure: number;
  /**
   * Indices of input points that are hull vertices (extreme points), ascending, one index per
   * distinct vertex. For flat sets of rank ≥ 3 a point within `flatTolerance` of an edge may
   * also be listed (their in-plane coordinates are rounded by the projection).
   */
  vertices: number[];
  /**
   * Boundary facets as tuples of input indices, `affineRank` indices each: (n−1)-simplices of a
   * triangulated boundary when full; for flat sets the facets of the hull inside its affine
   * subspace (edges of a polygon in a plane, the two end points `[lo], [hi]` of a segment).
   * Each tuple is ordered so that, with `interiorPoint` as apex, its simplex has positive
   * orientation in the subspace coordinates (outward-facing). Empty for rank ≤ 0.
   * With exactly degenerate input a facet may use a boundary point that is not in `vertices`
   * (a point on an edge, inserted before the edge's end points).
   */
  facets: number[][];
  /** A point strictly inside the hull relative to its affine subspace: the centroid of the vertices. */
  interiorPoint: number[];
  /**
   * When the affine hull is a hyperplane of the form Σx = const (the STA case of docs/model.md §5: total
   * station load fixed), that constant (MW for MW points). Undefined otherwise.
   */
  constantTotal?: number;
  /** Orthonormal basis (rows of length n) of the affine subspace's directions when flat (`affineRank < n`). */
  affineBasis?: number[][];
  /**
   * Distance (points' units, MW for net loads) within which points were taken to lie in a
   * lower-dimensional flat: `tolerance × extent` plus a rounding floor ({@link affineRank}).
   * {@link hullContains} uses twice this as its smallest default tolerance.
   */
  flatTolerance?: number;
  /** Human-readable note for empty, single-point or flat sets; undefined for a full-dimensional hull. */
  degenerate?: string;
}
