import { InputError } from '../../common/errors.js';

/**
 * Checks a point set at the module boundary: an array of equal-length, non-empty
 * coordinate arrays of finite numbers. Degenerate geometry (duplicates, flat sets,
 * an empty set) is *not* an input error; the hull reports it instead.
 *
 * @param points - candidate points
 * @param source - module name used in the error message, e.g. `flex/hull/convexHullOf`
 * @returns n, the number of coordinates per point (0 for an empty set)
 * @throws InputError naming the field (`points[i]` or `points[i][j]`) and the value
 */
export function checkPointSet(points: readonly (readonly number[])[], source: string): number {
  if (!Array.isArray(points)) throw new InputError({ source, field: 'points', value: points }, 'must be an array of points');
  if (points.length === 0) return 0;
  const first = points[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new InputError({ source, field: 'points[0]', value: first }, 'must be a non-empty array of coordinates');
  }
  const n = first.length;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Array.isArray(p) || p.length !== n) {
      throw new InputError(
        { source, field: `points[${i}]`, value: p },
        `must have ${n} coordinates like points[0] (mismatched dimensions)`,
      );
    }
    for (let j = 0; j < n; j++) {
      const v = p[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError({ source, field: `points[${i}][${j}]`, value: v }, 'must be a finite number');
      }
    }
  }
  return n;
}

/**
 * Checks a tolerance option: a finite number ≥ 0, or undefined (then `fallback`).
 *
 * @throws InputError naming `field` and the value
 */
export function checkTolerance(value: number | undefined, fallback: number, source: string, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError({ source, field, value }, 'must be a finite number ≥ 0');
  }
  return value;
}
