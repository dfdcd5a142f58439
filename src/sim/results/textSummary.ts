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
  const ids = summary.stations.map((s) => s.id);
  const showStations = ids.length <= MAX_STATION_COLUMNS ? ids : [];
  const h = summary.horizon;
  const lines: string[] = [];
  lines.push(`ev-cosim run: ${summary.scenario} — status ${summary.status}`);
  lines.push(
    `${h.start} + ${h.intervals} × ${h.intervalMin} min, step ${h.stepSec} s, feedback ${summary.feedback}; ` +
      summary.stations.map((s) => `${s.id}@node ${s.node}/bus ${s.bus}`).join(', '),
  );
  const head = ['time', ...showStations.map((id) => `${id} MW`), 'net MW', 'maxDLMP $/MWh', 'Vmin pu@bus', 'shed kW', 'DUE gap', 'residual'];
  const rows = summary.intervals.map((i) => {
    const net = Object.values(i.stationNetMW).reduce((a, b) => a + b, 0);
    return [
      i.start,
      ...showStations.map((id) => fixed(i.stationNetMW[id], 3)),
      fixed(net, 3),
      fixed(i.maxDlmp, 2),
      `${fixed(i.minVoltagePu, 4)}@${i.minVoltageBus}`,
      fixed(i.shedKW, 1),
      i.dueGap.toExponential(1),
      i.fixedPointResidual.toExponential(1),
    ];
  });
  const widths = head.map((title, c) => Math.max(title.length, ...rows.map((r) => r[c].length)));
  const format = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  lines.push(format(head));
  for (const r of rows) lines.push(format(r));
  const t = summary.totals;
  lines.push(
    `peak station net load ${fixed(t.peakStationNetMW, 3)} MW at ${t.peakStart}; max DLMP ${fixed(t.maxDlmp, 2)} $/MWh; ` +
      `min voltage ${fixed(t.minVoltagePu, 4)} pu; shed ${fixed(t.shedMWh * 1000, 1)} kWh; feeder cost ${fixed(t.costUsd, 0)} $`,
  );
  const tm = summary.timing;
  lines.push(
    `time ${fixed(tm.totalMs / 1000, 2)} s: traffic ${fixed(tm.trafficMs / 1000, 2)} s (${tm.dueSolves} DUE), ` +
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
