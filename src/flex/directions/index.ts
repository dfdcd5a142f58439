/** Direction sets for the rotating-hyperplane sweep (SPEC §5 "Sweep"): re-exports only. */
export { sphereDirections3d } from './sphereDirections3d.ts';
export { directionsNd, type DirectionKind, type DirectionsNdOptions } from './directionsNd.ts';
export { angleGridDirections, MAX_DIRECTIONS } from './angleGridDirections.ts';
export { kroneckerDirections } from './kroneckerDirections.ts';
export { normalizeDirections, type NormalizeDirectionsOptions } from './normalizeDirections.ts';
