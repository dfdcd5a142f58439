/**
 * Voltage along the feeder at the station-load peak: one line per feeder path
 * (main path, then laterals) against electrical distance from the substation, the
 * first interval in grey for comparison, the lowest lower voltage limit as a
 * reference line.
 */
import { lineChart, type ChartSeries } from '../../common/charts/lineChart.js';
import { BACKGROUND_STYLE, OTHERS_STYLE, seriesStyle } from '../../common/charts/seriesStyle.js';
import type { CosimResult, IntervalResult } from '../run/cosimTypes.js';
import type { CosimSummary } from '../results/summarySchema.js';
import type { Feeder } from '../../grid/index.js';
import { feederPaths, type FeederPath } from './feederPaths.js';

/** Feeder paths drawn in their own style; more are drawn as one grey "other laterals" series. */
const NAMED_PATHS = 8;

/**
 * The voltage-profile chart (SVG), or '' when the run has no interval.
 *
 * Without the feeder the buses are drawn as unconnected markers over bus numbers
 * (never joined: neighbours in numbering need not be neighbours on the feeder).
 *
 * @param feeder - the feeder as run (`prepared.feeder`), if known.
 * @example
 * voltageProfileChart(result, summary, prepared.feeder);
 */
export function voltageProfileChart(result: CosimResult, summary: CosimSummary, feeder: Feeder | undefined): string {
  const peak = result.intervals[summary.totals.peakStationNetInterval] ?? result.intervals[0];
  if (peak === undefined) return '';
  const first = result.intervals[0];
  const vMin = Math.min(...result.busVMinPu);
  const references = Number.isFinite(vMin) ? [{ value: vMin, label: `lower limit ${vMin.toFixed(2)} pu` }] : [];
  const title = `Voltage along the feeder at the station-load peak (${peak.start})`;
  if (feeder === undefined) return unconnectedProfile(result, peak, title, references);
  const { paths, unreachable } = feederPaths(feeder, peak.outagedBranches);
  const along = (r: IntervalResult, p: FeederPath) => p.buses.map((bus, k) => ({ x: p.distanceOhm[k], y: r.opf.voltagePu[bus] }));
  const named = paths.length <= NAMED_PATHS + 1 ? paths : paths.slice(0, NAMED_PATHS);
  const rest = paths.slice(named.length);
  const series: ChartSeries[] = [];
  if (peak !== first) {
    series.push({ name: `${first.start} (first interval), every path`, lines: paths.map((p) => along(first, p)), style: BACKGROUND_STYLE });
  }
  named.forEach((p, k) => {
    const name = `${p.buses[0]}→${p.buses[p.buses.length - 1]}${k === 0 ? ' (main)' : ''}`;
    series.push({ name, lines: [along(peak, p)], style: seriesStyle(k) });
  });
  if (rest.length > 0) series.push({ name: `other laterals (${rest.length})`, lines: rest.map((p) => along(peak, p)), style: OTHERS_STYLE });
  const pointLabels = busLabels(result, peak, paths, named);
  const notes = [
    'Each line follows connected buses from the substation (or the bus a lateral branches off) to the end of a path; labels give the bus at the end of each path and the stations (id at their bus).',
    ...(unreachable.length > 0 ? [`Not connected to the substation in this interval (not drawn): buses ${unreachable.join(', ')}.`] : []),
  ];
  return lineChart({
    id: 'voltage-profile',
    title,
    series,
    x: { title: 'electrical distance from the substation, Σ|Z| (Ω)', zeroBased: true },
    y: { title: 'voltage (pu)' },
    references,
    pointLabels,
    notes,
  });
}

/** Labels: the end bus of each named path, and each station's id at its bus (one label per bus). */
function busLabels(result: CosimResult, peak: IntervalResult, paths: readonly FeederPath[], named: readonly FeederPath[]) {
  const distance = new Map<number, number>();
  for (const p of paths) p.buses.forEach((bus, k) => distance.set(bus, p.distanceOhm[k]));
  const texts = new Map<number, string[]>();
  const add = (bus: number, text: string): void => {
    texts.set(bus, [...(texts.get(bus) ?? []), text]);
  };
  for (const p of named) add(p.buses[p.buses.length - 1], String(p.buses[p.buses.length - 1]));
  if (result.stationIds.length <= 12) result.stationIds.forEach((id, s) => add(result.stationBuses[s], id));
  return [...texts].flatMap(([bus, parts]) => {
    const x = distance.get(bus);
    return x === undefined ? [] : [{ x, y: peak.opf.voltagePu[bus], text: parts.join(' ') }];
  });
}

function unconnectedProfile(result: CosimResult, peak: IntervalResult, title: string, references: { value: number; label: string }[]): string {
  const dots = (r: IntervalResult) => result.busIds.map((bus) => [{ x: bus, y: r.opf.voltagePu[bus] }]);
  return lineChart({
    id: 'voltage-profile',
    title,
    series: [{ name: `${peak.start}`, lines: dots(peak), style: { ...seriesStyle(0), dash: '' } }],
    x: { title: 'bus (id)' },
    y: { title: 'voltage (pu)' },
    references,
    notes: ['Feeder topology not given to the report: buses are drawn unconnected, over their numbers.'],
  });
}
