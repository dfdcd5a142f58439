/**
 * Triangles of the tier hulls for the 3-D viewer of the HTML report.
 */
import type { FlexModelResult } from '../sweep/flexModelResult.js';

/** One tier as the viewer draws it. */
export interface HullViewTier {
  readonly budget: number;
  /** Points (the first three axes, MW); for flat hulls the interior point is appended last. */
  readonly points: number[][];
  /** Index triples into `points`. */
  readonly triangles: number[][];
}

/**
 * Viewer data of a model: full-dimensional hulls give their facet triangles;
 * flat (rank 2) hulls a fan from their interior point over the boundary edges, so
 * an STA plane shows as a filled polygon; lower ranks only their points.
 *
 * @example
 * hullViewData(result)[0].triangles.length; // facets of the smallest tier
 */
export function hullViewData(result: FlexModelResult): HullViewTier[] {
  return result.tiers.map((t) => {
    const points = t.hullPoints.map((p) => result.axes.slice(0, 3).map((s) => p.netMw[s]));
    let triangles: number[][] = [];
    if (t.hull.dimension === 3 && t.hull.affineRank === 3) {
      triangles = t.hull.facets.map((f) => [...f]);
    } else if (t.hull.dimension === 3 && t.hull.affineRank === 2) {
      const c = points.length;
      points.push([...t.hull.interiorPoint]);
      triangles = t.hull.facets.map((f) => [c, f[0], f[1]]);
    }
    return { budget: t.budgetYuan, points, triangles };
  });
}
