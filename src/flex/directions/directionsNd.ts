import { InputError } from '../../common/errors.js';
import { angleGridDirections, MAX_DIRECTIONS } from './angleGridDirections.js';
import { kroneckerDirections } from './kroneckerDirections.js';
import { uniqueDirections } from './uniqueDirections.js';

/** Kinds of direction set offered by {@link directionsNd}. */
export type DirectionKind = 'angleGrid' | 'axesDiagonals' | 'cube' | 'kronecker';

/** Options of {@link directionsNd}. */
export interface DirectionsNdOptions {
  /** Which set (default `'angleGrid'`). */
  kind?: DirectionKind;
  /** Angular step of `'angleGrid'` in degrees (default 45). */
  stepDeg?: number;
  /** Number of directions of `'kronecker'` (default 3^n − 1, the 45° grid's size, at most 10,000). */
  count?: number;
  /** Seed of `'kronecker'` (default 0); ignored by the deterministic grids. */
  seed?: number;
}

/**
 * A documented set of unit directions in R^n for the rotating-hyperplane sweep
 * (docs/model.md §5 "Sweep": "general n: a documented direction set").
 *
 * Kinds:
 * - `'angleGrid'` (default): hyperspherical angles in `stepDeg` steps, poles deduplicated
 *   ({@link angleGridDirections}); 3^n − 1 directions at 45°, and for n = 3 exactly the
 *   26 of {@link sphereDirections3d}, in the same order.
 * - `'axesDiagonals'`: ±e_i, then all 2^n sign vectors (±1, …, ±1)/√n in binary order
 *   (bit i set → coordinate i negative): 2n + 2^n directions (n = 1: 2).
 * - `'cube'`: every non-zero vector of {−1, 0, 1}^n, normalized, in base-3 order: 3^n − 1.
 * - `'kronecker'`: `count` quasi-random directions ({@link kroneckerDirections}), for large n.
 *
 * @param n - dimension (number of stations), integer ≥ 1
 * @param options - {@link DirectionsNdOptions}
 * @returns distinct unit vectors of length n
 * @throws InputError for a bad n, kind, step, count or seed, or a set above the size limit
 *
 * @example
 * directionsNd(3).length;                           // 26
 * directionsNd(4, { kind: 'axesDiagonals' }).length; // 24
 * directionsNd(8, { kind: 'kronecker', count: 200, seed: 1 }).length; // 200
 */
export function directionsNd(n: number, options: DirectionsNdOptions = {}): number[][] {
  const source = 'flex/directions/directionsNd';
  if (!Number.isInteger(n) || n < 1) throw new InputError({ source, field: 'n', value: n }, 'must be an integer ≥ 1');
  const kind = options.kind ?? 'angleGrid';
  switch (kind) {
    case 'angleGrid':
      return angleGridDirections(n, options.stepDeg ?? 45);
    case 'axesDiagonals': {
      checkSize(2 * n + 2 ** n, n, kind);
      const out: number[][] = [];
      for (let i = 0; i < n; i++) {
        out.push(Array.from({ length: n }, (_, j) => (j === i ? 1 : 0)));
        out.push(Array.from({ length: n }, (_, j) => (j === i ? -1 : 0)));
      }
      for (let mask = 0; mask < 2 ** n; mask++) {
        out.push(Array.from({ length: n }, (_, j) => ((mask >> j) & 1 ? -1 : 1)));
      }
      return uniqueDirections(out);
    }
    case 'cube': {
      checkSize(3 ** n - 1, n, kind);
      const out: number[][] = [];
      for (let code = 1; code < 3 ** n; code++) {
        // Base-3 digits 0, 1, 2 → coordinates 0, 1, −1.
        let c = code;
        const v = new Array<number>(n);
        for (let j = 0; j < n; j++) {
          const digit = c % 3;
          v[j] = digit === 2 ? -1 : digit;
          c = (c - digit) / 3;
        }
        out.push(v);
      }
      return uniqueDirections(out);
    }
    case 'kronecker':
      return kroneckerDirections(n, options.count ?? Math.min(3 ** n - 1, 10_000), options.seed ?? 0);
    default:
      throw new InputError({ source, field: 'options.kind', value: kind }, "must be 'angleGrid', 'axesDiagonals', 'cube' or 'kronecker'");
  }
}

function checkSize(size: number, n: number, kind: string): void {
  if (size > MAX_DIRECTIONS) {
    throw new InputError(
      { source: 'flex/directions/directionsNd', field: 'n', value: n },
      `kind '${kind}' gives ${size} directions (limit ${MAX_DIRECTIONS}); use kind 'kronecker'`,
    );
  }
}
