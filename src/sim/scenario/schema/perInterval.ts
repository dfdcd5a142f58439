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
 * Expand a `perInterval` value to one number per interval.
 *
 * @example
 * expandPerInterval(2, 3); // Float64Array [2, 2, 2]
 */
export function expandPerInterval(value: PerInterval, intervals: number): Float64Array {
  const out = new Float64Array(intervals);
  if (typeof value === 'number') out.fill(value);
  else for (let t = 0; t < intervals; t++) out[t] = value[t];
  return out;
}
