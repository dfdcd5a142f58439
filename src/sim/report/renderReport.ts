/**
 * The self-contained HTML report of a run: inline CSS and SVG only, no script and
 * no network access at view time. What a planner reads first comes first: key
 * figures with units, problems, then the charts.
 *
 * Rules every chart follows, so that it reads correctly at a glance:
 * - one unit per axis, named in the axis title in parentheses;
 * - every drawn series visible: distinct colour, dash and marker; identical series
 *   drawn once under a joined name; a series 0 or absent everywhere left out of the
 *   drawing and the legend and named in a note instead;
 * - legends that scale: at most 8 stations by name plus one "others" series;
 * - lines join only what is connected (the voltage profile follows feeder paths);
 * - the ¥/$ exchange rate stated wherever $/MWh and ¥/kWh meet.
 */
import type { Feeder } from '../../grid/index.js';
import { escapeXml } from '../../common/svgText.js';
import type { CosimResult } from '../run/cosimTypes.js';
import type { CosimSummary } from '../results/summarySchema.js';
import { convergencePanels } from './convergenceCharts.js';
import { intervalTable } from './intervalTable.js';
import { keyFiguresHtml } from './keyFigures.js';
import { REPORT_CSS } from './reportStyle.js';
import { formatRate, netLoadCharts, queueCharts, tariffCharts } from './stationCharts.js';
import { selectStations } from './stationSelection.js';
import { svgHeatMap } from './svgHeatMap.js';
import { timeAxis } from './timeAxis.js';
import { voltageProfileChart } from './voltageProfileChart.js';
import { formatEnergyMwh } from '../results/formatEnergy.js';

/** Options of `renderReport`. */
export interface ReportOptions {
  /**
   * The feeder of the run (`PreparedCosim.feeder`): its branches give the paths of the
   * voltage profile. Without it the profile shows unconnected buses.
   */
  readonly feeder?: Feeder;
}

/**
 * Render `report.html`.
 *
 * Sections: title and horizon; the exchange rate; key figures; problems; stations
 * (net load with total, queues and tariffs as pairs of panels); feeder (DLMP heat map
 * bus × interval, voltage along each feeder path at the station-load peak);
 * convergence (one panel per quantity); the per-interval table.
 *
 * @param result - the run.
 * @param summary - its summary (names, totals, tolerances, exchange rate).
 * @example
 * writeFileSync('report.html', renderReport(result, summary, { feeder: prepared.feeder }));
 */
export function renderReport(result: CosimResult, summary: CosimSummary, options: ReportOptions = {}): string {
  const selection = selectStations(result);
  const clocks = result.intervals.map((r) => r.start);
  const h = summary.horizon;
  const rate = summary.exchangeRateYuanPerUsd;
  const dlmp = svgHeatMap({
    id: 'dlmp-heat-map',
    title: 'Active DLMP by bus and interval',
    rowLabels: result.busIds.map(String),
    columnLabels: clocks,
    values: result.busIds.map((bus) => result.intervals.map((r) => r.opf.dlmpP[bus])),
    unit: '$/MWh',
    quantity: 'DLMP',
    rowTitle: 'feeder bus (id)',
    columnTitle: timeAxis(clocks).title,
  });
  const voltage = voltageProfileChart(result, summary, options.feeder);
  const named = selection.others.length > 0
    ? `<p class="caption">${selection.shown.length} of ${result.stationIds.length} stations are drawn by name (largest peak |net load|); the other ${selection.others.length} are one "others" series.</p>`
    : '';
  const problems =
    summary.problems.length === 0
      ? '<p class="ok">No solver problems: every DUE and price fixed point reached its tolerance and the network cleared.</p>'
      : `<div class="problems"><strong>Status ${escapeXml(summary.status)}.</strong><ul>${summary.problems.map((p) => `<li>${escapeXml(p)}</li>`).join('')}</ul></div>`;
  const grid = (parts: readonly string[]): string => {
    const charts = parts.filter((p) => p.startsWith('<svg')).map((svg) => `<div class="card">${svg}</div>`);
    const sentences = parts.filter((p) => p !== '' && !p.startsWith('<svg'));
    return `<div class="grid">\n${charts.join('\n')}\n</div>\n${sentences.length > 0 ? `<div class="sentences">${sentences.join('\n')}</div>` : ''}`;
  };
  const t = summary.totals;
  // shedding exits 0, so it is the first thing the report says
  const shedBanner = summary.statuses.includes('shed')
    ? `<div class="problems" data-status="shed"><strong>LOAD SHED: ${formatEnergyMwh(t.householdShedMwh)} of household load shed, ${formatEnergyMwh(t.evEnergyCurtailedMwh)} of EV charging curtailed.</strong></div>\n`
    : '';
  const tail = h.tailIntervals > 0 ? ` + tail ${h.tailIntervals} × ${h.intervalMin} min (no new departures)` : '';
  const clear = h.clearAt === null ? 'the network was NOT clear at the end' : `network clear at ${escapeXml(h.clearAt)}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>ev-cosim — ${escapeXml(summary.scenario)}</title>
<style>${REPORT_CSS}</style></head><body>
${shedBanner}<h1>ev-cosim — ${escapeXml(summary.scenario)}</h1>
<p>${escapeXml(h.startAt)} + ${h.intervals} × ${h.intervalMin} min${tail}, ${clear}; loading step ${h.stepSec} s,
feedback <code>${escapeXml(summary.feedback)}</code>, replan <code>${escapeXml(h.replan)}</code>, seed ${summary.seed}. Scenario file: <code>${escapeXml(summary.scenarioFile)}</code>.</p>
<p class="rate" data-exchange-rate="${rate}">Exchange rate used: ${rate} ¥/$ — DLMPs in $/MWh and driver tariffs in ¥/kWh are related by
1 $/MWh = ${formatRate(rate / 1000)} ¥/kWh.</p>
${keyFiguresHtml(summary)}
${problems}
<h2>Stations</h2>
${named}
${grid([...netLoadCharts(result, selection), ...tariffCharts(result, selection, rate), ...queueCharts(result, selection)])}
<h2>Feeder</h2>
${grid([dlmp, voltage])}
<h2>Convergence</h2>
${grid(convergencePanels(summary))}
<h2>Per interval</h2>
${intervalTable(summary)}
</body></html>
`;
}
