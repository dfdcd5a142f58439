/**
 * The per-station charts of the run report: net load (with the total), queues and
 * tariffs, as small multiples where one chart would mix kinds (docs/outputs.md "Run
 * report"). Stations are selected and styled once (`selectStations`). A panel whose
 * every series is 0, or that holds one constant series, becomes one sentence.
 */
import { lineChart, timeSeries, type ChartSeries } from '../../common/charts/lineChart.js';
import { prepareSeries, type PreparedSeries } from '../../common/charts/prepareSeries.js';
import { OTHERS_STYLE, TOTAL_STYLE, type SeriesStyle } from '../../common/charts/seriesStyle.js';
import { escapeXml } from '../../common/svgText.js';
import type { CosimResult, IntervalResult } from '../run/cosimTypes.js';
import { sum } from '../results/reduce.js';
import { stationSeries, type StationSelection } from './stationSelection.js';
import { timeAxis } from './timeAxis.js';

/** Width of one panel of a pair of small multiples, px. */
const PANEL_WIDTH = 410;

/** The Σ of the named stations: purple dashes with squares, unlike any station or the others. */
const NAMED_SUM_STYLE: SeriesStyle = { color: '#5e3c99', dash: '6 3', marker: 'square' };

/**
 * Station net load (charging − V2G), MW. Few stations: one chart with every station
 * and the total. Many: one panel with the named stations and the others' mean per
 * station (comparable scale), one with the totals (all, named Σ, others Σ) — a total
 * on the same axis would flatten every station line.
 *
 * @example
 * netLoadCharts(result, selectStations(result)); // one or two <svg>
 */
export function netLoadCharts(result: CosimResult, selection: StationSelection): string[] {
  const clocks = result.intervals.map((r) => r.start);
  const many = selection.others.length > 0;
  const width = many ? PANEL_WIDTH : 640;
  const perStation = stationSeries(result, selection, {
    value: (r, s) => r.netMw[s],
    aggregate: many ? 'mean' : 'sum',
    name: (id, s) => `${id} (bus ${result.stationBuses[s]})`,
  });
  const totalOf = (stations: readonly number[]) => result.intervals.map((r) => stations.reduce((a, s) => a + r.netMw[s], 0));
  const totals = result.stationIds.length <= 1
    ? { series: [], notes: [] }
    : prepareSeries(
      [
        { name: 'total, all stations', values: result.intervals.map((r) => sum(r.netMw)), style: TOTAL_STYLE },
        ...(many
          ? [
            { name: `${selection.shown.length} named stations, Σ`, values: totalOf(selection.shown), style: NAMED_SUM_STYLE },
            { name: `others (${selection.others.length} stations), Σ`, values: totalOf(selection.others), style: OTHERS_STYLE },
          ]
          : []),
      ],
      { pointName: 'interval' },
    );
  const title = 'Station net load (charging − V2G; + = consumption)';
  const chart = (id: string, heading: string, prepared: PreparedSeries) =>
    sentenceOr(id, heading, prepared, 'MW', () =>
      lineChart({
        id,
        title: heading,
        series: toChart(prepared),
        x: timeAxis(clocks, width),
        y: { title: 'net load (MW)', zeroBased: true },
        notes: prepared.notes,
        width,
      }));
  if (!many) {
    return [chart('station-net-load', title, { series: [...perStation.series, ...totals.series], notes: [...perStation.notes, ...totals.notes] })];
  }
  return [chart('station-net-load', 'Station net load by station (charging − V2G)', perStation), chart('station-net-load-totals', 'Station net load, totals', totals)];
}

/**
 * Mean vehicles waiting: one panel for charging, one for V2G.
 *
 * @example
 * queueCharts(result, selectStations(result)); // two <svg> (or sentences when 0 throughout)
 */
export function queueCharts(result: CosimResult, selection: StationSelection): string[] {
  return [
    queuePanel(result, selection, 'charge-queue', 'Charging queue (mean vehicles waiting)', (r, s) => r.chargeQueueVeh[s]),
    queuePanel(result, selection, 'v2g-queue', 'V2G queue (mean vehicles waiting)', (r, s) => r.v2gQueueVeh[s]),
  ];
}

function queuePanel(result: CosimResult, selection: StationSelection, id: string, title: string, value: (r: IntervalResult, s: number) => number): string {
  // The others' mean per station keeps their line on the scale of the named stations.
  const prepared = stationSeries(result, selection, { value, aggregate: 'mean' });
  return sentenceOr(id, title, prepared, 'veh', () =>
    lineChart({
      id,
      title,
      series: toChart(prepared),
      x: timeAxis(result.intervals.map((r) => r.start), PANEL_WIDTH),
      y: { title: 'vehicles waiting (veh)', zeroBased: true },
      notes: prepared.notes,
      width: PANEL_WIDTH,
    }));
}

/**
 * Tariffs in force: one panel for the charging tariff, one for the V2G remuneration, ¥/kWh.
 *
 * @param yuanPerUsd - exchange rate used for DLMP-linked tariffs, ¥/$ (stated under the panels).
 * @example
 * tariffCharts(result, selectStations(result), 7.2);
 */
export function tariffCharts(result: CosimResult, selection: StationSelection, yuanPerUsd: number): string[] {
  const rate = `A tariff that follows the DLMP converts it at ${yuanPerUsd} ¥/$ (1 $/MWh = ${formatRate(yuanPerUsd / 1000)} ¥/kWh).`;
  return [
    tariffPanel(result, selection, 'charge-tariff', 'Charging tariff in force', (r, s) => r.chargePriceYuanPerKWh[s], rate),
    tariffPanel(result, selection, 'v2g-tariff', 'V2G remuneration in force', (r, s) => r.v2gPriceYuanPerKWh[s], rate),
  ];
}

function tariffPanel(
  result: CosimResult, selection: StationSelection, id: string, title: string, value: (r: IntervalResult, s: number) => number, rate: string,
): string {
  const prepared = stationSeries(result, selection, { value, aggregate: 'mean' });
  return sentenceOr(id, title, prepared, '¥/kWh', () =>
    lineChart({
      id,
      title,
      series: toChart(prepared),
      x: timeAxis(result.intervals.map((r) => r.start), PANEL_WIDTH),
      y: { title: 'price (¥/kWh)' },
      notes: [...prepared.notes, rate],
      width: PANEL_WIDTH,
    }));
}

/**
 * The chart, or one sentence when there is nothing to draw (every series 0 or
 * absent) or one series constant in every interval.
 */
function sentenceOr(id: string, title: string, prepared: PreparedSeries, unit: string, chart: () => string): string {
  const head = `<p class="zero" data-zero-panel="${escapeXml(id)}"><b>${escapeXml(title)}</b>: `;
  if (prepared.series.length === 0) return `${head}${escapeXml(prepared.notes.join(' '))} Not drawn.</p>`;
  const only = prepared.series[0];
  if (prepared.series.length === 1 && only.values.every((v) => v === only.values[0])) {
    return `${head}${escapeXml(`${only.name}: ${formatValue(only.values[0])} ${unit} in every interval.`)} Not drawn.</p>`;
  }
  return chart();
}

/** Prepared per-interval series as chart series (x = interval index). */
export function toChart(prepared: PreparedSeries): ChartSeries[] {
  return prepared.series.map((s) => timeSeries(s.name, s.values, s.style));
}

/**
 * A small rate with enough digits.
 *
 * @example
 * formatRate(0.0072); // '0.0072'
 */
export function formatRate(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function formatValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}
