import { angleGridDirections } from './angleGridDirections.js';

/**
 * Unit normals of the rotating hyperplane in 3-D (seed 003 §2 Step 1; docs/model.md §5 "Sweep"):
 * a(α, β) = (sin α sin β, sin α cos β, cos α), polar α = 0, step, …, 180° and azimuth
 * β = 0, step, … < 360°, with the repeated directions at the poles removed.
 *
 * Ordering: α ascending (outer), β ascending (inner): first the north pole (0, 0, 1), then
 * the ring α = step for β = 0, step, …, …, and last the south pole (0, 0, −1).
 * With the default 45° that is 1 + 8 + 8 + 8 + 1 = 26 directions.
 *
 * @param stepDeg - angular step in degrees, 0 < stepDeg ≤ 180 (default 45)
 * @returns distinct unit vectors [a₁, a₂, a₃] in the order above
 * @throws InputError for a step outside (0, 180]
 *
 * @example
 * const dirs = sphereDirections3d();   // 26 directions
 * dirs[1]; // α = 45°, β = 0: [0, 0.7071…, 0.7071…]
 */
export function sphereDirections3d(stepDeg = 45): number[][] {
  return angleGridDirections(3, stepDeg);
}
