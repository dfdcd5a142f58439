/** Direction sets for the rotating-hyperplane sweep (docs/model.md §5 "Sweep"): re-exports only. */
export { sphereDirections3d } from './sphereDirections3d.js';
export { directionsNd, type DirectionKind, type DirectionsNdOptions } from './directionsNd.js';
export { angleGridDirections, MAX_DIRECTIONS } from './angleGridDirections.js';
export { kroneckerDirections } from './kroneckerDirections.js';
export { normalizeDirections, type NormalizeDirectionsOptions } from './normalizeDirections.js';
export {
  startingDirections, defaultDirectionBudget, defaultRoundSize, refinementDirections, MAX_ADAPTIVE_AXES,
  type RefinementOptions, type RefinementCandidate,
} from './adaptiveDirections.js';
