import { InputError } from '../../common/errors.js';
import { cosDeg, sinDeg } from './degreeTrig.js';
import { uniqueDirections } from './uniqueDirections.js';

/** Largest direction set the generators will build (a guard against 3^n blow-ups). */
export const MAX_DIRECTIONS = 200_000;

/**
 * Unit directions on a hyperspherical angle grid in R^n: the n-dimensional form of
 * seed 003 §2 Step 1, whose 3-D normal is a = (sin α sin β, sin α cos β, cos α).
 *
 * 1. n = 1: [1], [−1]. n = 2: a(β) = (sin β, cos β), β = 0, step, … < 360°.
 * 2. n ≥ 3, recursively: for each polar angle φ = 0, step, … ≤ 180° (outer loop) and each
 *    direction d of the (n−1)-grid (inner loop), a = (sin φ · d, cos φ).
 * 3. Normalize and drop repeats in first-seen order (the poles φ = 0 and 180° give one
 *    direction each instead of one per azimuth).
 *
 * Ordering for n = 3: α ascending (outer), then β ascending (inner); the first direction is
 * the north pole (0, 0, 1), the last the south pole (0, 0, −1). With 45° steps the set
 * has 3^n − 1 directions (8, 26, 80, 242 for n = 2…5). When `stepDeg` does not divide
 * 180 the grid stops short of the south pole and has no such guarantee.
 *
 * @param n - dimension (number of stations), integer ≥ 1
 * @param stepDeg - angular step in degrees, 0 < stepDeg ≤ 180 (default 45)
 * @returns distinct unit vectors of length n, in grid order
 * @throws InputError for a bad n or step, or more than {@link MAX_DIRECTIONS} directions
 *
 * @example
 * angleGridDirections(3).length; // 26
 * angleGridDirections(3)[0];     // [0, 0, 1]
 */
export function angleGridDirections(n: number, stepDeg = 45): number[][] {
  const source = 'flex/directions/angleGridDirections';
  if (!Number.isInteger(n) || n < 1) throw new InputError({ source, field: 'n', value: n }, 'must be an integer ≥ 1');
  if (typeof stepDeg !== 'number' || !Number.isFinite(stepDeg) || stepDeg <= 0 || stepDeg > 180) {
    throw new InputError({ source, field: 'stepDeg', value: stepDeg }, 'must be a number in (0, 180]');
  }
  if (n === 1) return [[1], [-1]];
  // Small slack so 180/step and 360/step land on whole counts despite rounding.
  const polar = Math.floor(180 / stepDeg + 1e-9) + 1;
  const azimuth = Math.ceil(360 / stepDeg - 1e-9);
  const bound = azimuth * polar ** (n - 2);
  if (bound > MAX_DIRECTIONS) {
    throw new InputError({ source, field: 'stepDeg', value: stepDeg }, `gives up to ${bound} directions in ${n}-D (limit ${MAX_DIRECTIONS})`);
  }
  let grid: number[][] = [];
  for (let j = 0; j < azimuth; j++) grid.push([sinDeg(j * stepDeg), cosDeg(j * stepDeg)]);
  for (let dim = 3; dim <= n; dim++) {
    const next: number[][] = [];
    for (let i = 0; i < polar; i++) {
      const s = sinDeg(i * stepDeg);
      const c = cosDeg(i * stepDeg);
      for (const d of grid) next.push([...d.map((x) => s * x), c]);
    }
    grid = uniqueDirections(next);
  }
  return uniqueDirections(grid);
}
