/**
 * What the 3-D hull viewer of the HTML report draws, as JSON for its inline script.
 */
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { BASE_COLOUR, stationLabel, tierColours, tierLabel } from './tierStyle.js';

/** One tier as the viewer draws it. */
export interface HullViewTier {
  readonly budgetYuan: number;
  readonly label: string;
  /** Hex colour, the same as the tier's legend entry and 2-D marks. */
  readonly colour: string;
  /** Points (the first three axes, MW); for flat hulls the interior point is appended last. */
  readonly points: number[][];
  /** Index triples into `points`. */
  readonly triangles: number[][];
  /** Triangles are a fan from the interior point of a flat hull: only their outer edge is a boundary. */
  readonly fan: boolean;
  /** How many of `points` are hull points (drawn as dots; the appended interior point is not). */
  readonly dots: number;
}

/** A model's view. */
export interface HullView {
  /** Axis titles with station, bus and unit, e.g. `CS1 (bus 22) net load, MW`. */
  readonly axes: string[];
  /** Station ids of the axes. */
  readonly stations: string[];
  readonly tiers: HullViewTier[];
  /** The base run (no coupons), MW, and its colour. */
  readonly base: number[];
  readonly baseColour: string;
}

/**
 * Viewer data of a model: full-dimensional hulls give their facet triangles;
 * flat (rank 2) hulls a fan from their interior point over the boundary edges, so
 * an STA plane shows as a filled polygon; lower ranks only their points.
 *
 * @example
 * hullViewData(result).tiers[0].triangles.length; // facets of the smallest tier
 */
export function hullViewData(result: FlexModelResult): HullView {
  const axes = result.axes.slice(0, 3);
  const colours = tierColours(result);
  const tiers = result.tiers.map((t, k): HullViewTier => {
    const points = t.hullPoints.map((p) => axes.map((s) => p.netMw[s]));
    const dots = points.length;
    let triangles: number[][] = [];
    if (t.hull.dimension === 3 && t.hull.affineRank === 3) {
      triangles = t.hull.facets.map((f) => [...f]);
    } else if (t.hull.dimension === 3 && t.hull.affineRank === 2) {
      const c = points.length;
      points.push([...t.hull.interiorPoint]);
      triangles = t.hull.facets.map((f) => [c, f[0], f[1]]);
    }
    return { budgetYuan: t.budgetYuan, label: tierLabel(result, k), colour: colours[k], points, triangles, fan: t.hull.affineRank === 2, dots };
  });
  return {
    axes: axes.map((_, i) => `${stationLabel(result, i)} net load, MW`),
    stations: axes.map((s) => result.stations[s]),
    tiers,
    base: axes.map((s) => result.run.design[0].netMw[s]),
    baseColour: BASE_COLOUR,
  };
}
