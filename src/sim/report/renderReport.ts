/**
 * The self-contained HTML report of a run: inline CSS and SVG only,
 * no script and no network access at view time.
 */
import type { CosimResult } from '../run/cosimTypes.js';
import type { CosimSummary } from '../results/cosimSummary.js';
import { sum } from '../results/resultTables.js';
import { svgHeatMap } from './svgHeatMap.js';
import { svgLineChart } from './svgLineChart.js';
import { escapeXml, PALETTE } from '../../common/svgText.js';

/**
 * Render `report.html`.
 *
 * Sections: headline numbers and problems; station net load over time (per
 * station and total); DLMP heat map bus × time; voltage profile at the peak
 * (the interval with the largest total station net load) against the first
 * interval and the 0.9 pu limit; queue lengths; tariffs in force; convergence (DUE gap, cone gap, price residual, log scale);
 * the per-interval table.
 *
 * @param result - the run.
 * @param summary - its summary (names, totals).
 * @example
 * writeFileSync('report.html', renderReport(result, summary));
 */
export function renderReport(result: CosimResult, summary: CosimSummary): string {
  const times = result.intervals.map((r) => r.start);
  const ids = result.stationIds;
  const netLoad = svgLineChart({
    title: 'Station net load (charging − V2G)',
    xLabels: times,
    yLabel: 'MW',
    xLabel: 'interval start',
    series: [
      ...ids.map((id, s) => ({ name: `${id} (bus ${result.stationBuses[s]})`, values: result.intervals.map((r) => r.netMw[s]) })),
      { name: 'total', values: result.intervals.map((r) => sum(r.netMw)), color: '#000', dashed: true },
    ],
  });
  const dlmp = svgHeatMap({
    title: 'Active DLMP by bus and interval',
    rowLabels: result.busIds.map(String),
    columnLabels: times,
    values: result.busIds.map((bus) => result.intervals.map((r) => r.opf.dlmpP[bus])),
    unit: '$/MWh',
    rowTitle: 'bus',
  });
  // The peak is the interval of the largest total station net load (as in the summary).
  // The lowest lower voltage limit of the feeder (0.9 pu on case33bw; the slack's is 1).
  const vMin = Math.min(...result.busVMinPu);
  const peakInterval = result.intervals.find((r) => r.start === summary.totals.peakStart) ?? result.intervals[0];
  const voltage = peakInterval === undefined ? '' : svgLineChart({
    title: `Voltage profile at the station-load peak (${peakInterval.start})`,
    xLabels: result.busIds.map(String),
    yLabel: 'voltage, pu',
    xLabel: 'bus',
    series: [
      { name: `${peakInterval.start}`, values: result.busIds.map((b) => peakInterval.opf.voltagePu[b]) },
      { name: `${result.intervals[0].start}`, values: result.busIds.map((b) => result.intervals[0].opf.voltagePu[b]), dashed: true },
    ],
    references: [{ value: vMin, label: `limit ${vMin.toFixed(2)} pu` }],
  });
  const queues = svgLineChart({
    title: 'Station queues (mean vehicles waiting)',
    xLabels: times,
    yLabel: 'vehicles',
    zeroBased: true,
    series: ids.flatMap((id, s) => [
      { name: `${id} charge`, values: result.intervals.map((r) => r.chargeQueueVeh[s]), color: PALETTE[s % PALETTE.length] },
      { name: `${id} V2G`, values: result.intervals.map((r) => r.v2gQueueVeh[s]), color: PALETTE[s % PALETTE.length], dashed: true },
    ]),
  });
  const tariffs = svgLineChart({
    title: 'Tariffs in force (charging solid, V2G dashed)',
    xLabels: times,
    yLabel: '¥/kWh',
    series: ids.flatMap((id, s) => [
      { name: `${id} charge`, values: result.intervals.map((r) => r.chargePriceYuanPerKWh[s]), color: PALETTE[s % PALETTE.length] },
      { name: `${id} V2G`, values: result.intervals.map((r) => r.v2gPriceYuanPerKWh[s]), color: PALETTE[s % PALETTE.length], dashed: true },
    ]),
  });
  const convergence = svgLineChart({
    title: 'Convergence per interval',
    xLabels: times,
    yLabel: 'gap / residual (log)',
    logY: true,
    series: [
      { name: 'DUE relative gap', values: result.intervals.map((r) => r.dueGap) },
      { name: 'cone gap, pu', values: result.intervals.map((r) => r.opf.maxConeGapPu) },
      { name: 'price residual, ¥/kWh', values: result.intervals.map((r) => r.fixedPointResidual) },
    ],
  });
  const t = summary.totals;
  const problems =
    summary.problems.length === 0
      ? '<p class="ok">No solver problems: every DUE and price fixed point reached its tolerance.</p>'
      : `<div class="bad"><strong>Status ${escapeXml(summary.status)}.</strong><ul>${summary.problems.map((p) => `<li>${escapeXml(p)}</li>`).join('')}</ul></div>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>ev-cosim — ${escapeXml(summary.scenario)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1340px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 8px}
.grid{display:flex;flex-wrap:wrap;gap:16px} .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}
table{border-collapse:collapse;font-size:12px;background:#fff} td,th{border:1px solid #ddd;padding:3px 6px;text-align:right} th{background:#f0f0f0}
.ok{color:#05662d} .bad{color:#8a1010;background:#fff0f0;border:1px solid #e0b0b0;padding:8px;border-radius:6px}
.kpi{display:inline-block;margin-right:24px} .kpi b{font-size:18px;display:block}
</style></head><body>
<h1>ev-cosim — ${escapeXml(summary.scenario)}</h1>
<p>${escapeXml(summary.horizon.start)} + ${summary.horizon.intervals} × ${summary.horizon.intervalMin} min, loading step ${summary.horizon.stepSec} s,
feedback <code>${escapeXml(summary.feedback)}</code>, seed ${summary.seed}. Scenario file: <code>${escapeXml(summary.scenarioFile)}</code>.</p>
<div>
<span class="kpi"><b>${t.peakStationNetMW.toFixed(3)} MW</b>peak station net load (${escapeXml(t.peakStart)})</span>
<span class="kpi"><b>${t.maxDlmp.toFixed(2)} $/MWh</b>max DLMP</span>
<span class="kpi"><b>${t.minVoltagePu.toFixed(4)} pu</b>min voltage</span>
<span class="kpi"><b>${(t.shedMWh * 1000).toFixed(1)} kWh</b>load shed</span>
</div>
${problems}
<div class="grid">
<div class="card">${netLoad}</div>
<div class="card">${dlmp}</div>
<div class="card">${voltage}</div>
<div class="card">${queues}</div>
<div class="card">${tariffs}</div>
<div class="card">${convergence}</div>
</div>
<h2>Per interval</h2>
${intervalTable(summary)}
</body></html>
`;
}

function intervalTable(summary: CosimSummary): string {
  const ids = summary.stations.map((s) => s.id);
  const head = ['time', ...ids.map((id) => `${id} MW`), 'max DLMP $/MWh', 'min V pu (bus)', 'shed kW', 'losses kW', 'DUE gap', 'cone gap', 'residual ¥/kWh'];
  const rows = summary.intervals.map((i) =>
    [
      i.start,
      ...ids.map((id) => i.stationNetMW[id].toFixed(3)),
      i.maxDlmp.toFixed(2),
      `${i.minVoltagePu.toFixed(4)} (${i.minVoltageBus})`,
      i.shedKW.toFixed(1),
      i.lossesKW.toFixed(1),
      i.dueGap.toExponential(2),
      i.maxConeGap.toExponential(2),
      i.fixedPointResidual.toExponential(2),
    ].map((c) => `<td>${escapeXml(c)}</td>`).join(''),
  );
  return `<table><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r}</tr>`).join('\n')}</table>`;
}
