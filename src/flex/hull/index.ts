/** Convex hulls of flexibility points (docs/model.md §5 "Hull"): re-exports only. */
export type { HullResult } from './hullResult.js';
export { convexHullOf, type ConvexHullOptions } from './convexHullOf.js';
export { affineRank, DEFAULT_HULL_TOLERANCE, type AffineRankResult } from './affineRank.js';
export { hullContains } from './hullContains.js';
export { distanceToHull, type HullDistance } from './distanceToHull.js';
export { hullHalfspaces, type Halfspace, type HullHalfspaces } from './hullHalfspaces.js';
