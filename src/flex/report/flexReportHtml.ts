/**
 * The self-contained HTML report of a flexibility study (docs/flexibility.md §8):
 * titled with the scenario; per model the tier table, the reachable ranges per
 * station, an interactive 3-D hull view (inline canvas script, no network) and the
 * 2-D projections; the static vs dynamic comparison; tier plans. A study with dead letters (tasks
 * that failed for good) says INCOMPLETE at the top and lists them in each model's section.
 */
import { escapeXml } from '../../common/svgText.js';
import type { TierPlan } from '../plan/planTier.js';
import { intervalClocks, type FlexModelResult } from '../sweep/flexModelResult.js';
import { hullViewerHtml, hullViewerScript, hullViews } from './hullViewer.js';
import { projectionSvg } from './projectionSvg.js';
import { narrowStationsWarning } from './narrowStations.js';
import { rangeChartSvg } from './rangeChartSvg.js';
import { stationLabel } from './tierStyle.js';
import { comparisonTableHtml, tierTableHtml } from './tierTablesHtml.js';
import { DEAD_LETTERS_STYLE, deadLettersHtml, incompleteBannerHtml } from './deadLettersHtml.js';
import { bookCheckHtml } from './bookCheckHtml.js';

const MODEL_NAMES: Record<string, string> = { dta: 'dynamic traffic (DTA)', sta: 'static traffic (STA, instantaneous propagation)' };

const STYLE = `body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f0f0f0}
section{margin-bottom:36px}figure{margin:12px 0}figcaption,.note{color:#444;font-size:13px;max-width:900px}
canvas.hull3d{border:1px solid #ccc;cursor:grab}.legend{margin:6px 0;font-size:13px}.legend-item{margin-right:14px;white-space:nowrap}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;opacity:.8}.swatch.dot{border-radius:50%}
${DEAD_LETTERS_STYLE}`;

function coverage(r: FlexModelResult): string {
  const clocks = intervalClocks(r);
  const blocks = r.window.blockIntervals.map((b) => (b.length === 1 ? clocks[b[0]] : `${clocks[b[0]]}–${clocks[b[b.length - 1]]}`));
  const runs = r.run.runs.design + r.run.runs.search;
  return `Coupons on arrivals in ${blocks.length} block${blocks.length > 1 ? 's' : ''} (${escapeXml(blocks.join(', '))}, interval starts), one charging discount (¥/kWh) and one V2G bonus (¥ per visit) per station and block. `
    + `${r.run.directions.length} search directions; ${runs} co-simulation runs in this call${r.run.resumed > 0 ? `, ${r.run.resumed} tasks taken from the results file` : ''}.`;
}

/** The narrow-stations warning as a note above the tier table (narrowStations.ts), or nothing. */
function narrowNote(r: FlexModelResult): string {
  const w = narrowStationsWarning(r);
  return w === undefined ? '' : `<p class="note narrow">${escapeXml(w.replace(/^ev-cosim flex: WARNING: /, 'Warning: '))}</p>\n`;
}

function modelSection(r: FlexModelResult): string {
  const stations = r.axes.map((_, i) => stationLabel(r, i)).join(', ');
  return `<section class="model" data-model="${r.model}">
<h2>${escapeXml(`${r.model.toUpperCase()}: ${MODEL_NAMES[r.model] ?? r.model}, t* = ${r.time}`)}</h2>
<p class="note">${escapeXml(`Interval ${r.timeIndex} (${r.intervalMin}-min intervals). Axes: the net load of ${stations} at ${r.time}, MW.`)} ${coverage(r)}</p>
${deadLettersHtml(r)}${narrowNote(r)}${tierTableHtml(r)}
${bookCheckHtml(r)}<figure class="ranges">${rangeChartSvg(r)}</figure>
${hullViewerHtml(r)}
${r.axes.length >= 2 ? `<figure class="proj">${projectionSvg(r)}</figure>` : ''}
</section>`;
}

/**
 * Render the report.
 *
 * @param results - one result per model
 * @param plans - tier plans, possibly empty
 * @param scenario - scenario name: the page's title and heading
 * @example
 * writeFileSync('report.html', flexReportHtml([dta, sta], [], 'nguyen-dupuis-ieee33-evening-peak'));
 */
export function flexReportHtml(results: readonly FlexModelResult[], plans: readonly TierPlan[], scenario: string): string {
  const comparison = results.length > 1
    ? `<section><h2>Static vs dynamic</h2><p class="note">The static model keeps every trip of a 30-min interval at some station, so coupons only move load between stations: its region is flat on a constant total and is measured by its area; the dynamic region is measured by its volume (docs/model.md §5).</p>${comparisonTableHtml(results)}</section>`
    : '';
  const planHtml = plans.length > 0 ? `<section><h2>Tier planning</h2>${plans.map((p) => `<p>${escapeXml(p.summary)}</p>`).join('')}</section>` : '';
  // '<' inside the JSON is escaped so no value can close the script element.
  const data = JSON.stringify(hullViews(results)).replace(/</g, '\\u003c');
  const models = results.map((r) => r.model.toUpperCase()).join(' and ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(scenario)} — flexible operation region</title>
<style>${STYLE}</style>
</head><body>
<h1>Flexible operation region — ${escapeXml(scenario)}</h1>
${incompleteBannerHtml(results)}<p class="note">${escapeXml(`Scenario ${scenario}, ${models}.`)} The region is the set of station net loads (charging − V2G discharging, MW; + = consumption) that coupons within a subsidy budget can bring about at t*, with drivers responding by the dynamic user equilibrium and the feeder checked by the OPF. Every point shown is a re-simulated co-simulation of its coupons that the grid serves (DUE converged, every OPF interval exact, no household load shed and no EV charging curtailed), so the region is an inner approximation; where an outer bound was computed, the tier table gives its volume and the share the inner hull covers.</p>
${results.map(modelSection).join('\n')}
${comparison}
${planHtml}
<script type="application/json" id="flex-data">${data}</script>
<script>${hullViewerScript()}</script>
</body></html>
`;
}
