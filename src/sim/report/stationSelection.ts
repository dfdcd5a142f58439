/**
 * Which stations a report chart shows by name: all of
 * them when there are few, else the eight with the largest peak |net load| plus one
 * "others" aggregate, so legends stay readable with dozens of stations. Each shown
 * station keeps one style in every chart.
 */
import { prepareSeries, type PreparedSeries, type RawSeries } from '../../common/charts/prepareSeries.js';
import { OTHERS_STYLE, seriesStyle, type SeriesStyle } from '../../common/charts/seriesStyle.js';
import type { CosimResult, IntervalResult } from '../run/cosimTypes.js';

/** Stations shown by name (indices s, in legend order) and those aggregated. */
export interface StationSelection {
  readonly shown: readonly number[];
  readonly others: readonly number[];
  readonly styleOf: (s: number) => SeriesStyle;
}

/** Stations shown by name when there are more than `TOP_STATIONS + 1`. */
export const TOP_STATIONS = 8;

/**
 * Select the stations to name.
 *
 * Up to `topN + 1` stations: all, in scenario order. More: the `topN` with the
 * largest max over intervals of |net load| (ties: scenario order), in that order.
 *
 * @example
 * selectStations(result).shown; // [0, 1, 2] for the three reference stations
 */
export function selectStations(result: CosimResult, topN = TOP_STATIONS): StationSelection {
  const count = result.stationIds.length;
  const all = Array.from({ length: count }, (_, s) => s);
  if (count <= topN + 1) return { shown: all, others: [], styleOf: (s) => seriesStyle(s) };
  const peak = all.map((s) => Math.max(...result.intervals.map((r) => Math.abs(r.netMw[s]))));
  const ranked = [...all].sort((a, b) => peak[b] - peak[a] || a - b);
  const shown = ranked.slice(0, topN);
  const rank = new Map(shown.map((s, k) => [s, k]));
  return { shown, others: ranked.slice(topN), styleOf: (s) => seriesStyle(rank.get(s) ?? 0) };
}

/** Options of `stationSeries`. */
export interface StationSeriesOptions {
  /** The value of station s in one interval. */
  readonly value: (r: IntervalResult, s: number) => number;
  /** How the "others" are combined: Σ for powers and queues, mean for prices. */
  readonly aggregate: 'sum' | 'mean';
  /** Name of a station's series (default: its id). */
  readonly name?: (id: string, s: number) => string;
}

/**
 * One series per shown station plus the "others" aggregate, through
 * `prepareSeries` (zero and identical series handled; all stations identical →
 * one series "all n stations").
 *
 * @example
 * const { series, notes } = stationSeries(result, selectStations(result), { value: (r, s) => r.netMw[s], aggregate: 'sum' });
 */
export function stationSeries(result: CosimResult, selection: StationSelection, o: StationSeriesOptions): PreparedSeries {
  const ids = result.stationIds;
  const perStation = ids.map((_, s) => result.intervals.map((r) => o.value(r, s)));
  const count = ids.length;
  if (count > 1 && perStation.every((v) => sameValues(v, perStation[0]))) {
    return prepareSeries([{ name: `all ${count} stations`, values: perStation[0], style: seriesStyle(0) }], { pointName: 'interval' });
  }
  const raw: RawSeries[] = selection.shown.map((s) => ({ name: o.name?.(ids[s], s) ?? ids[s], values: perStation[s], style: selection.styleOf(s) }));
  if (selection.others.length > 0) {
    const values = result.intervals.map((_, t) => {
      const total = selection.others.reduce((a, s) => a + perStation[s][t], 0);
      return o.aggregate === 'sum' ? total : total / selection.others.length;
    });
    const label = `others (${selection.others.length}), ${o.aggregate === 'sum' ? 'Σ' : 'mean'}`;
    raw.push({ name: label, values, style: OTHERS_STYLE });
  }
  return prepareSeries(raw, { pointName: 'interval' });
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
