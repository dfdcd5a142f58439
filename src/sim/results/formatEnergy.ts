/**
 * Energy for a sentence a planner reads: MWh with three decimals from 1 MWh up, kWh below, so
 * that a small but non-zero amount (a `shed` status) never prints as "0.000 MWh".
 */

/**
 * @example
 * formatEnergyMwh(3.65);    // '3.650 MWh'
 * formatEnergyMwh(0.00042); // '0.42 kWh'
 * formatEnergyMwh(0);       // '0 kWh'
 */
export function formatEnergyMwh(mwh: number): string {
  if (Math.abs(mwh) >= 1) return `${mwh.toFixed(3)} MWh`;
  const kwh = mwh * 1000;
  return `${kwh === 0 ? '0' : Number(kwh.toPrecision(3)).toString()} kWh`;
}
