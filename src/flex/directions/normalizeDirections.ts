import { InputError } from '../../common/errors.js';

/** Options of {@link normalizeDirections}. */
export interface NormalizeDirectionsOptions {
  /** Required length of every direction (e.g. the number of stations); default: that of the first. */
  dimension?: number;
  /** Module or file named in errors (default `flex/directions/normalizeDirections`), e.g. a CLI flag. */
  source?: string;
}

/**
 * Checks a user-given direction set at the boundary and returns unit copies: for the
 * sweep's `--directions` and any caller that brings its own set (docs/model.md §7: bad input
 * stops with a message naming the field and value).
 *
 * 1. Non-empty array of arrays.
 * 2. Every vector has `dimension` entries (or the first one's), all finite, with non-zero norm.
 * 3. Each is divided by its norm. Order and repeats are kept (the caller's choice).
 *
 * @param directions - candidate direction vectors
 * @param options - {@link NormalizeDirectionsOptions}
 * @returns unit vectors, one per input
 * @throws InputError naming `directions`, `directions[i]` or `directions[i][j]` and the value
 *
 * @example
 * normalizeDirections([[3, 4]]); // [[0.6, 0.8]]
 * normalizeDirections([]);       // throws InputError "…: directions = []: must contain at least one direction"
 */
export function normalizeDirections(
  directions: readonly (readonly number[])[],
  options: NormalizeDirectionsOptions = {},
): number[][] {
  const source = options.source ?? 'flex/directions/normalizeDirections';
  if (!Array.isArray(directions) || directions.length === 0) {
    throw new InputError({ source, field: 'directions', value: directions }, 'must contain at least one direction');
  }
  const first = directions[0];
  const n = options.dimension ?? (Array.isArray(first) ? first.length : 0);
  if (!Number.isInteger(n) || n < 1) {
    throw new InputError({ source, field: 'dimension', value: n }, 'must be an integer ≥ 1');
  }
  return directions.map((d, i) => {
    if (!Array.isArray(d) || d.length !== n) {
      throw new InputError({ source, field: `directions[${i}]`, value: d }, `must have ${n} coordinates (mismatched dimensions)`);
    }
    for (let j = 0; j < n; j++) {
      if (typeof d[j] !== 'number' || !Number.isFinite(d[j])) {
        throw new InputError({ source, field: `directions[${i}][${j}]`, value: d[j] }, 'must be a finite number');
      }
    }
    const norm = Math.hypot(...d);
    if (!(norm > 0)) throw new InputError({ source, field: `directions[${i}]`, value: d }, 'must be non-zero');
    return d.map((x) => x / norm);
  });
}
