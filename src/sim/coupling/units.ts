/**
 * Unit conversions at the traffic ↔ grid boundary (docs/model.md §2, §4, §7): station power
 * is counted in kW per vehicle on the traffic side and in MW on the feeder; DLMPs
 * are $/MWh, driver tariffs ¥/kWh.
 */

/** kW per MW. */
export const KW_PER_MW = 1000;

/**
 * Convert kW to MW.
 *
 * @example
 * kwToMw(60 * 25); // 1.5 (25 vehicles at 60 kW)
 */
export function kwToMw(kw: number): number {
  return kw / KW_PER_MW;
}

/**
 * Convert a price in $/MWh to ¥/kWh: × yuanPerUsd (¥/$) ÷ 1000 (kWh/MWh).
 *
 * @param usdPerMwh - e.g. a DLMP.
 * @param yuanPerUsd - exchange rate, ¥ per US$ (scenario `prices.yuanPerUsd`).
 * @example
 * usdPerMwhToYuanPerKwh(20, 7.2); // 0.144
 */
export function usdPerMwhToYuanPerKwh(usdPerMwh: number, yuanPerUsd: number): number {
  return (usdPerMwh * yuanPerUsd) / KW_PER_MW;
}
