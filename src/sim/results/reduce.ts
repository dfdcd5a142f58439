/**
 * Reductions the result tables, the summary and the report share.
 */

/**
 * Σ of a typed array (e.g. total station net load, MW).
 *
 * @example
 * sum(Float64Array.from([0.5, -0.2])); // 0.3
 */
export function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * Largest value of a per-bus record (e.g. the largest DLMP, $/MWh); −∞ when empty.
 *
 * @example
 * maxOf({ 1: 20, 18: 61.3 }); // 61.3
 */
export function maxOf(byBus: Readonly<Record<number, number>>): number {
  let m = -Infinity;
  for (const v of Object.values(byBus)) if (v > m) m = v;
  return m;
}

/**
 * The lowest-numbered bus whose value equals `max` (NaN when none), e.g. the bus of
 * the largest DLMP.
 *
 * @example
 * argMaxBus({ 1: 20, 18: 61.3 }, 61.3); // 18
 */
export function argMaxBus(byBus: Readonly<Record<number, number>>, max: number): number {
  const hit = Object.entries(byBus).find(([, v]) => v === max);
  return hit === undefined ? Number.NaN : Number(hit[0]);
}
