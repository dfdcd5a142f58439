/**
 * The per-interval table at the end of the run report: every column headed with
 * its unit; station columns only when they fit (else the total, with stations.csv
 * named for the rest).
 */
import { escapeXml } from '../../common/svgText.js';
import type { CosimSummary } from '../results/summarySchema.js';

/** Stations given their own column up to this many. */
const MAX_STATION_COLUMNS = 9;

/**
 * The table as HTML.
 *
 * @example
 * intervalTable(summary); // '<table>…'
 */
export function intervalTable(summary: CosimSummary): string {
  const ids = summary.stations.map((s) => s.station);
  const shown = ids.length <= MAX_STATION_COLUMNS ? ids : [];
  const head = [
    'interval', 'start (HH:MM)', 'phase', ...shown.map((id) => `${id} net (MW)`), 'stations net (MW)', 'max DLMP ($/MWh) @bus', 'min V (pu) @bus',
    'shed (kW)', 'losses (kW)', 'feeder cost ($/h)', 'DUE relative gap', 'cone gap (pu²)', 'price residual (¥/kWh)',
  ];
  const rows = summary.intervals.map((i) =>
    [
      String(i.interval),
      i.clock,
      i.phase,
      ...shown.map((id) => i.stationNetMw[id].toFixed(3)),
      i.totalStationNetMw.toFixed(3),
      i.maxDlmpUsdPerMwh === null ? 'none' : `${i.maxDlmpUsdPerMwh.toFixed(2)} @${i.maxDlmpBus}`,
      i.minVoltagePu === null ? 'no energised bus' : `${i.minVoltagePu.toFixed(4)} @${i.minVoltageBus}`,
      i.shedKw.toFixed(1),
      i.lossesKw.toFixed(1),
      i.feederCostUsdPerH.toFixed(1),
      i.dueRelativeGap.toExponential(2),
      i.maxConeGapPu2.toExponential(2),
      i.fixedPointResidualYuanPerKwh.toExponential(2),
    ].map((c) => `<td>${escapeXml(c)}</td>`).join(''),
  );
  const caption = shown.length < ids.length ? ` Per-station values of all ${ids.length} stations: stations.csv.` : '';
  return (
    `<p class="caption">DLMPs in $/MWh, tariffs and residuals in ¥/kWh, converted at ${summary.exchangeRateYuanPerUsd} ¥/$.${escapeXml(caption)}</p>` +
    `<table><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r}</tr>`).join('\n')}</table>`
  );
}
