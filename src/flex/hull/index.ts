/** Convex hulls of flexibility points (SPEC §5 "Hull"): re-exports only. */
export type { HullResult } from './hullResult.ts';
export { convexHullOf, type ConvexHullOptions } from './convexHullOf.ts';
export { affineRank, DEFAULT_HULL_TOLERANCE, type AffineRankResult } from './affineRank.ts';
export { hullContains } from './hullContains.ts';
export { hullHalfspaces, type Halfspace, type HullHalfspaces } from './hullHalfspaces.ts';
