/**
 * How the report draws and names tiers and stations: one colour per tier from a
 * sequential scale (budgets are ordered: darker = smaller budget), labels with units.
 */
import { interpolateViridis } from 'd3-scale-chromatic';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import type { LegendEntry } from './chartLegend.js';

/** Colour of the base point (no coupons) in every chart. */
export const BASE_COLOUR = '#000000';

/**
 * Colour of tier k of `count` (hex): viridis from dark purple (smallest budget) to
 * green (largest), stopping before the yellow end, which is unreadable on white.
 *
 * @example
 * tierColour(0, 4); // '#440154'-ish dark purple
 */
export function tierColour(k: number, count: number): string {
  const t = count <= 1 ? 0.05 : 0.05 + (0.7 * k) / (count - 1);
  return interpolateViridis(t);
}

/** Colours of every tier of a result. */
export function tierColours(result: FlexModelResult): string[] {
  return result.tiers.map((_, k) => tierColour(k, result.tiers.length));
}

/**
 * Legend label of tier k: its budget, and `same region as …` when the tier added no
 * new boundary point (its marks then lie exactly under the smaller tier's).
 *
 * @example
 * tierLabel(result, 1); // '1000 ¥'
 */
export function tierLabel(result: FlexModelResult, k: number): string {
  const t = result.tiers[k];
  const previous = result.tiers[k - 1];
  const same = previous !== undefined && previous.hullPoints.length === t.hullPoints.length;
  return `budget ${t.budgetYuan} ¥${same ? ` (same region as ${previous.budgetYuan} ¥)` : ''}`;
}

/** `CS1 (bus 22)` for axis i of a result. */
export function stationLabel(result: FlexModelResult, axis: number): string {
  const s = result.axes[axis];
  return `${result.stations[s]} (bus ${result.buses[s]})`;
}

/** Axis title with unit: `CS1 (bus 22) net load at 18:00, MW`. */
export function netLoadAxisTitle(result: FlexModelResult, axis: number): string {
  return `${stationLabel(result, axis)} net load at ${result.time}, MW`;
}

/** `Volume, MW³`-style heading of a region's size of affine rank k. */
export function measureHeading(affineRank: number): string {
  if (affineRank === 1) return 'Length, MW';
  if (affineRank === 2) return 'Area, MW²';
  if (affineRank === 3) return 'Volume, MW³';
  return `${affineRank}-D volume, MW^${affineRank}`;
}

/** Legend entries of a model's charts: every tier, then the base point. */
export function tierLegendEntries(result: FlexModelResult): LegendEntry[] {
  const colours = tierColours(result);
  return [
    ...result.tiers.map((_, k): LegendEntry => ({ series: `tier-${k}`, label: tierLabel(result, k), colour: colours[k], shape: 'area' })),
    { series: 'base', label: 'no coupons (base run)', colour: BASE_COLOUR, shape: 'dot' },
  ];
}
