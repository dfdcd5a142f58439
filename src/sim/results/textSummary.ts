/**
 * The one-screen text summary printed by `ev-cosim run` (without `--json`).
 */
import type { CosimSummary } from './cosimSummary.js';
import { formatEnergyMwh } from './formatEnergy.js';

/** Station columns shown individually up to this many stations (then only the total). */
const MAX_STATION_COLUMNS = 5;

/** Table rows shown in full up to this many intervals; beyond, the tail shows its first, peak and last rows. */
const MAX_ROWS = 15;

/**
 * Render the summary as at most ~25 lines of fixed-width text.
 *
 * @param summary - the run summary.
 * @param outDir - where the files were written (shown last), if any.
 * @example
 * process.stdout.write(textSummary(summary, 'out/reference'));
 */
export function textSummary(summary: CosimSummary, outDir?: string): string {
  const ids = summary.stations.map((s) => s.station);
  const showStations = ids.length <= MAX_STATION_COLUMNS ? ids : [];
  const h = summary.horizon;
  const lines: string[] = [];
  const t = summary.totals;
  // shedding comes first: the run exits 0, so this line is what tells the user
  if (summary.statuses.includes('shed')) {
    lines.push(
      `LOAD SHED: ${formatEnergyMwh(t.householdShedMwh)} of household load shed, ${formatEnergyMwh(t.evEnergyCurtailedMwh)} of EV charging curtailed`,
    );
  }
  const also = summary.statuses.length > 1 ? ` (also: ${summary.statuses.slice(1).join(', ')})` : '';
  lines.push(`ev-cosim run: ${summary.scenario} — status ${summary.status}${also}`);
  const tail = h.tailIntervals > 0 ? ` + tail ${h.tailIntervals} × ${h.intervalMin} min` : '';
  const clear = h.clearAt === null ? 'network NOT clear' : `network clear at ${h.clearAt}`;
  lines.push(
    `${h.startAt} + ${h.intervals} × ${h.intervalMin} min${tail} (${clear}), step ${h.stepSec} s, feedback ${summary.feedback}, replan ${h.replan}; ` +
      summary.stations.map((s) => `${s.station}@node ${s.node}/bus ${s.bus}`).join(', '),
  );
  const head = ['time', ...showStations.map((id) => `${id} MW`), 'net MW', 'maxDLMP $/MWh', 'Vmin pu@bus', 'shed kW', 'DUE gap', 'residual'];
  const shown = shownIntervals(summary);
  const rows = shown.map((i) => {
    return [
      i.phase === 'tail' ? `${i.clock}*` : i.clock,
      ...showStations.map((id) => fixed(i.stationNetMw[id], 3)),
      fixed(i.totalStationNetMw, 3),
      fixed(i.maxDlmpUsdPerMwh, 2),
      i.minVoltagePu === null ? 'none energised' : `${fixed(i.minVoltagePu, 4)}@${i.minVoltageBus}`,
      fixed(i.householdShedKw + i.evCurtailedKw, 1),
      i.dueRelativeGap.toExponential(1),
      i.fixedPointResidualYuanPerKwh.toExponential(1),
    ];
  });
  const widths = head.map((title, c) => Math.max(title.length, ...rows.map((r) => r[c].length)));
  const format = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  lines.push(format(head));
  for (const r of rows) lines.push(format(r));
  const hidden = summary.intervals.length - shown.length;
  const more = hidden > 0 ? `; ${hidden} tail rows not shown (first, peak and last are; all in system.csv)` : '';
  if (h.tailIntervals > 0) lines.push(`* tail: after the study window, no new departures; totals include it (window alone: summary.json totals.window)${more}`);
  const voltage = t.minVoltagePu === null ? 'no energised bus' : `${fixed(t.minVoltagePu, 4)} pu`;
  lines.push(
    `peak station net load ${fixed(t.peakStationNetMw, 3)} MW at ${t.peakStationNetAt}; max DLMP ${fixed(t.maxDlmpUsdPerMwh, 2)} $/MWh; ` +
      `min voltage ${voltage}; household shed ${fixed(t.householdShedMwh, 3)} MWh; feeder cost ${fixed(t.feederCostUsd, 0)} $ (window ${fixed(t.window.feederCostUsd, 0)} $)`,
  );
  lines.push(
    `energy: EV charging requested ${fixed(t.evEnergyRequestedMwh, 2)} MWh (window ${fixed(t.window.evEnergyRequestedMwh, 2)}), delivered ${fixed(t.evEnergyDeliveredMwh, 2)}, ` +
      `curtailed ${fixed(t.evEnergyCurtailedMwh, 3)}; V2G discharged ${fixed(t.stationEnergyDischargedMwh, 2)} MWh; ` +
      `losses ${fixed(t.lossesMwh, 3)} MWh; ${summary.exchangeRateYuanPerUsd} ¥/$`,
  );
  const tm = summary.timing;
  lines.push(
    `time ${fixed(tm.wallMs / 1000, 2)} s: traffic ${fixed(tm.trafficMs / 1000, 2)} s (${tm.dueSolves} DUE), ` +
      `grid ${fixed(tm.gridMs / 1000, 2)} s (${tm.opfSolves} OPF), coupling ${fixed(tm.couplingMs / 1000, 3)} s`,
  );
  for (const p of summary.problems.slice(0, 3)) lines.push(`problem: ${p}`);
  if (summary.problems.length > 3) lines.push(`… and ${summary.problems.length - 3} more problems (see summary.json)`);
  if (outDir !== undefined) lines.push(`results: ${outDir}/report.html (+ summary.json, stations/buses/links/system.csv)`);
  return `${lines.join('\n')}\n`;
}

/** Every interval when few; else the window and the tail's first, peak-net-load and last intervals. */
function shownIntervals(summary: CosimSummary): CosimSummary['intervals'] {
  const all = summary.intervals;
  if (all.length <= MAX_ROWS) return all;
  const tail = all.filter((i) => i.phase === 'tail');
  if (tail.length === 0) return all;
  const peak = tail.reduce((best, i) => (i.totalStationNetMw > best.totalStationNetMw ? i : best), tail[0]);
  const keep = new Set([tail[0].interval, peak.interval, tail[tail.length - 1].interval]);
  return all.filter((i) => i.phase === 'window' || keep.has(i.interval));
}

function fixed(value: number | null, digits: number): string {
  return value !== null && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
