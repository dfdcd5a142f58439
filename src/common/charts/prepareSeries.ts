/**
 * Turn named value arrays into what a chart may honestly draw: a series that is zero
 * or absent everywhere is not drawn and not in the legend but named in a note; series
 * with identical values are drawn once under a joined name, so no legend entry points
 * at a line hidden under another.
 */
import type { SeriesStyle } from './seriesStyle.js';

/** A candidate series: one value per x position (non-finite = no value). */
export interface RawSeries {
  readonly name: string;
  readonly values: readonly number[];
  readonly style: SeriesStyle;
}

/** What survives, and the notes explaining what was left out. */
export interface PreparedSeries {
  readonly series: readonly RawSeries[];
  /** Sentences such as "CS3: 0 in every interval." (empty when nothing was left out). */
  readonly notes: readonly string[];
}

/** Options of `prepareSeries`. */
export interface PrepareOptions {
  /** What one x position is called in notes, e.g. 'interval' (default 'point'). */
  readonly pointName?: string;
  /** Log axis: values ≤ 0 cannot be drawn; they are counted in a note. */
  readonly logAxis?: boolean;
  /** Merge series with identical values (default true). */
  readonly mergeIdentical?: boolean;
}

/**
 * Drop empty and all-zero series, merge identical ones, note what happened.
 *
 * Identical means equal within 1e-12 relative at every position (NaN = NaN). A
 * merged series keeps the style of its first member and is named `A = B = C`
 * (more than three members: `A = B = … (n identical series)`).
 *
 * @example
 * prepareSeries([{ name: 'A', values: [2, 2], style }, { name: 'B', values: [2, 2], style }, { name: 'C', values: [0, 0], style }], { pointName: 'interval' });
 * // → series [{ name: 'A = B', … }], notes ['C: 0 in every interval.']
 */
export function prepareSeries(candidates: readonly RawSeries[], options: PrepareOptions = {}): PreparedSeries {
  const point = options.pointName ?? 'point';
  const notes: string[] = [];
  const zero: string[] = [];
  const absent: string[] = [];
  const kept: RawSeries[] = [];
  for (const s of candidates) {
    const finite = s.values.filter(Number.isFinite);
    if (finite.length === 0) absent.push(s.name);
    else if (finite.every((v) => v === 0)) zero.push(s.name);
    else kept.push(s);
  }
  if (zero.length > 0) notes.push(`${listNames(zero)}: 0 in every ${point}${zero.length > 1 ? ' (each)' : ''}.`);
  if (absent.length > 0) notes.push(`${listNames(absent)}: no value in any ${point}.`);
  const merged = options.mergeIdentical === false ? kept : mergeIdentical(kept);
  if (options.logAxis) {
    for (const s of merged) {
      const nonPositive = s.values.filter((v) => Number.isFinite(v) && v <= 0).length;
      if (nonPositive > 0) notes.push(`${s.name}: ${nonPositive} of ${s.values.length} values ≤ 0, not drawn on the log axis.`);
    }
  }
  return { series: merged, notes };
}

function mergeIdentical(series: readonly RawSeries[]): RawSeries[] {
  const groups: RawSeries[][] = [];
  for (const s of series) {
    const group = groups.find((g) => sameValues(g[0].values, s.values));
    if (group === undefined) groups.push([s]);
    else group.push(s);
  }
  return groups.map((g) => (g.length === 1 ? g[0] : { name: mergedName(g.map((s) => s.name)), values: g[0].values, style: g[0].style }));
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    if (!(Math.abs(a[i] - b[i]) <= 1e-12 * Math.max(1, Math.abs(a[i])))) return false;
  }
  return true;
}

/**
 * Legend name of identical series.
 *
 * @example
 * mergedName(['CS1', 'CS2']); // 'CS1 = CS2'
 */
export function mergedName(names: readonly string[]): string {
  return names.length <= 3 ? names.join(' = ') : `${names[0]} = ${names[1]} = … (${names.length} identical series)`;
}

function listNames(names: readonly string[]): string {
  return names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}
