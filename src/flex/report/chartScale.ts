/** Value ranges of the report's charts. */

/**
 * [min, max] of the finite values and 0, so a chart always shows the sign of a net
 * load (negative: net V2G injection); a zero span is widened to ±0.5.
 *
 * @example
 * extent([0.4, 1.2]); // [0, 1.2]
 */
export function extent(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  return [lo, hi];
}
