/**
 * The one-screen text summary printed by `ev-cosim run` (without `--json`).
 */
import type { CosimSummary } from './cosimSummary.js';

/** Station columns shown individually up to this many stations (then only the total). */
const MAX_STATION_COLUMNS = 5;

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
  lines.push(`ev-cosim run: ${summary.scenario} — status ${summary.status}`);
  lines.push(
    `${h.startAt} + ${h.intervals} × ${h.intervalMin} min, step ${h.stepSec} s, feedback ${summary.feedback}; ` +
      summary.stations.map((s) => `${s.station}@node ${s.node}/bus ${s.bus}`).join(', '),
  );
  const head = ['time', ...showStations.map((id) => `${id} MW`), 'net MW', 'maxDLMP $/MWh', 'Vmin pu@bus', 'shed kW', 'DUE gap', 'residual'];
  const rows = summary.intervals.map((i) => {
    return [
      i.clock,
      ...showStations.map((id) => fixed(i.stationNetMw[id], 3)),
      fixed(i.totalStationNetMw, 3),
      fixed(i.maxDlmpUsdPerMwh, 2),
      `${fixed(i.minVoltagePu, 4)}@${i.minVoltageBus}`,
      fixed(i.shedKw, 1),
      i.dueRelativeGap.toExponential(1),
      i.fixedPointResidualYuanPerKwh.toExponential(1),
    ];
  });
  const widths = head.map((title, c) => Math.max(title.length, ...rows.map((r) => r[c].length)));
  const format = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  lines.push(format(head));
  for (const r of rows) lines.push(format(r));
  const t = summary.totals;
  lines.push(
    `peak station net load ${fixed(t.peakStationNetMw, 3)} MW at ${t.peakStationNetAt}; max DLMP ${fixed(t.maxDlmpUsdPerMwh, 2)} $/MWh; ` +
      `min voltage ${fixed(t.minVoltagePu, 4)} pu; shed ${fixed(t.householdShedMwh * 1000, 1)} kWh; feeder cost ${fixed(t.feederCostUsd, 0)} $`,
  );
  lines.push(
    `energy: stations charged ${fixed(t.stationEnergyChargedMwh, 2)} MWh, discharged ${fixed(t.stationEnergyDischargedMwh, 2)} MWh; ` +
      `feeder losses ${fixed(t.lossesMwh, 3)} MWh; exchange rate ${summary.exchangeRateYuanPerUsd} ¥/$ ($/MWh → ¥/kWh)`,
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

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}
