/**
 * A value given either once for the whole horizon or once per interval (docs/model.md §4:
 * load scaling, prices and coupons may vary interval by interval).
 */
import { z } from 'zod';

/**
 * Schema of "a number, or an array with one number per interval". The array
 * length is checked against `horizon.intervals` by the scenario schema, which
 * knows the horizon.
 *
 * @param item - schema of one value (its `.describe()` text is kept).
 * @example
 * perInterval(z.number().nonnegative()).parse([1, 1.2]); // [1, 1.2]
 */
export function perInterval<T extends z.ZodNumber>(item: T) {
  return z.union([item, z.array(item).min(1)]);
}

/** A parsed `perInterval` value. */
export type PerInterval = number | readonly number[];

/**
 * Expand a `perInterval` value to one number per interval. Intervals past the end of
 * an array (the tail after the study window, docs/model.md §4) hold its last value.
 *
 * @example
 * expandPerInterval(2, 3); // Float64Array [2, 2, 2]
 * expandPerInterval([1, 1.2], 4); // Float64Array [1, 1.2, 1.2, 1.2]
 */
export function expandPerInterval(value: PerInterval, intervals: number): Float64Array {
  const out = new Float64Array(intervals);
  if (typeof value === 'number') out.fill(value);
  else for (let t = 0; t < intervals; t++) out[t] = value[Math.min(t, value.length - 1)];
  return out;
}

/**
 * Extend a per-station per-interval book (index `s * from + t`) to `to ≥ from` intervals,
 * each station holding its last value in the added intervals.
 *
 * @example
 * holdLastPerStation(Float64Array.of(1, 2, 3, 4), 2, 3); // [1, 2, 2, 3, 4, 4]
 */
export function holdLastPerStation(values: ArrayLike<number>, from: number, to: number): Float64Array {
  const stations = from === 0 ? 0 : values.length / from;
  const out = new Float64Array(stations * to);
  for (let s = 0; s < stations; s++) {
    for (let t = 0; t < to; t++) out[s * to + t] = values[s * from + Math.min(t, from - 1)];
  }
  return out;
}
