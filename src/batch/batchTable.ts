/**
 * The combined table of a batch (`batch.csv`, one row per case) and its small HTML
 * comparison (`batch.html`).
 */
import { stringify } from 'csv-stringify/sync';
import { escapeXml as esc } from '../common/svgText.js';
import type { CosimSummary } from '../sim/index.js';

/** One row of batch.csv. Figures are null (an empty cell) for a case without results. */
export interface BatchRow {
  readonly case: string;
  /** The case's overrides, `;`-separated. */
  readonly overrides: string;
  /** Run status (`ok`, `shed`, `not-converged`, …), or `failed` for a case that produced no results (dead letter). */
  readonly status: string;
  /** Exit code a separate `ev-cosim run` of the case would end with: 0 ok/shed, 1 bad input, 2 solver trouble or failed. */
  readonly exit: number;
  readonly stationEnergyChargedMwh: number | null;
  readonly stationEnergyDischargedMwh: number | null;
  readonly evEnergyCurtailedMwh: number | null;
  readonly householdShedMwh: number | null;
  readonly peakStationNetMw: number | null;
  readonly peakStationNetAt: string | null;
  readonly maxDlmpUsdPerMwh: number | null;
  readonly maxDlmpAt: string | null;
  readonly minVoltagePu: number | null;
  readonly feederCostUsd: number | null;
  readonly lossesMwh: number | null;
  /** Attempts made for a `failed` case (1 inline; up to 3 on the queue); null for a case with results. */
  readonly attempts: number | null;
  /** Why a case failed (empty when it did not). */
  readonly problem: string;
}

/** Columns of batch.csv, in order. */
export const BATCH_COLUMNS = [
  'case', 'overrides', 'status', 'exit', 'stationEnergyChargedMwh', 'stationEnergyDischargedMwh', 'evEnergyCurtailedMwh',
  'householdShedMwh', 'peakStationNetMw', 'peakStationNetAt', 'maxDlmpUsdPerMwh', 'maxDlmpAt', 'minVoltagePu', 'feederCostUsd', 'lossesMwh', 'attempts', 'problem',
] as const satisfies readonly (keyof BatchRow)[];

/**
 * The row of a case with results.
 *
 * @example
 * batchRow('case-01', ['demand.scale=1.2'], summary, 0);
 */
export function batchRow(name: string, overrides: readonly string[], summary: CosimSummary, exit: number): BatchRow {
  const t = summary.totals;
  return {
    case: name,
    overrides: overrides.join(';'),
    status: summary.status,
    exit,
    stationEnergyChargedMwh: t.stationEnergyChargedMwh,
    stationEnergyDischargedMwh: t.stationEnergyDischargedMwh,
    evEnergyCurtailedMwh: t.evEnergyCurtailedMwh,
    householdShedMwh: t.householdShedMwh,
    peakStationNetMw: t.peakStationNetMw,
    peakStationNetAt: t.peakStationNetAt,
    maxDlmpUsdPerMwh: t.maxDlmpUsdPerMwh,
    maxDlmpAt: t.maxDlmpUsdPerMwh === null ? null : t.maxDlmpAt,
    minVoltagePu: t.minVoltagePu,
    feederCostUsd: t.feederCostUsd,
    lossesMwh: t.lossesMwh,
    attempts: null,
    problem: summary.problems.join('; '),
  };
}

/**
 * The row of a case that produced no results (status `failed`).
 *
 * @param attempts - attempts made (1 inline, up to 3 on the queue)
 * @example
 * failedRow('case-03', ['demand.scale=9'], 'solver threw …', 2, 3);
 */
export function failedRow(name: string, overrides: readonly string[], problem: string, exit: number, attempts = 1): BatchRow {
  return {
    case: name, overrides: overrides.join(';'), status: 'failed', exit,
    stationEnergyChargedMwh: null, stationEnergyDischargedMwh: null, evEnergyCurtailedMwh: null, householdShedMwh: null,
    peakStationNetMw: null, peakStationNetAt: null, maxDlmpUsdPerMwh: null, maxDlmpAt: null, minVoltagePu: null,
    feederCostUsd: null, lossesMwh: null, attempts, problem,
  };
}

/**
 * batch.csv text (numbers at full precision, null as an empty cell).
 *
 * @example
 * writeFileSync('batch.csv', batchCsv(rows));
 */
export function batchCsv(rows: readonly BatchRow[]): string {
  return stringify(rows.map((r) => BATCH_COLUMNS.map((c) => r[c] ?? '')), { header: true, columns: [...BATCH_COLUMNS], cast: { number: (v) => String(v) } });
}

const BARS: readonly { key: keyof BatchRow; label: string }[] = [
  { key: 'peakStationNetMw', label: 'Peak station net load, MW' },
  { key: 'maxDlmpUsdPerMwh', label: 'Max DLMP, $/MWh' },
  { key: 'householdShedMwh', label: 'Household shed, MWh' },
  { key: 'evEnergyCurtailedMwh', label: 'EV energy curtailed, MWh' },
  { key: 'feederCostUsd', label: 'Feeder cost, $' },
];

/**
 * batch.html: the table and one bar chart per key figure (self-contained, no script).
 *
 * @example
 * writeFileSync('batch.html', batchHtml('reference', rows));
 */
export function batchHtml(title: string, rows: readonly BatchRow[]): string {
  const head = BATCH_COLUMNS.map((c) => `<th>${esc(c)}</th>`).join('');
  const body = rows.map((r) => `<tr class="${r.exit === 0 ? 'ok' : 'bad'}">${BATCH_COLUMNS.map((c) => `<td>${esc(INTEGER_COLUMNS.has(c) ? String(r[c] ?? '') : cell(r[c]))}</td>`).join('')}</tr>`).join('\n');
  const charts = BARS.map(({ key, label }) => barChart(label, rows.map((r) => [r.case, r[key] as number | null]))).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ev-cosim batch: ${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
td:nth-child(2),th:nth-child(2),td:last-child{text-align:left}tr.bad{background:#fde8e8}.incomplete{color:#a00;font-weight:bold}.charts{display:flex;flex-wrap:wrap;gap:1.5em}svg text{font-size:11px}</style>
</head><body>
<h1>Batch comparison: ${esc(title)}</h1>
<p>${rows.length} case${rows.length === 1 ? '' : 's'}, ${rows.filter((r) => r.exit !== 0).length} with exit ≠ 0. Each case's full results are in its folder (report.html).</p>
${failedBanner(rows)}<div class="charts">
${charts}
</div>
<h2>All cases</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
</body></html>
`;
}

/** The INCOMPLETE line of a batch with failed cases (dead letters), naming them; empty otherwise. */
function failedBanner(rows: readonly BatchRow[]): string {
  const failed = rows.filter((r) => r.status === 'failed');
  if (failed.length === 0) return '';
  const names = failed.map((r) => `${r.case}${r.attempts === null ? '' : ` (${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`}`).join(', ');
  return `<p class="incomplete">${esc(`INCOMPLETE: ${failed.length} case${failed.length === 1 ? '' : 's'} failed and ha${failed.length === 1 ? 's' : 've'} no results folder: ${names}. `
    + 'Their rows say why (problem); running the batch again runs them again.')}</p>\n`;
}

function barChart(label: string, values: readonly [string, number | null][]): string {
  const known = values.map(([, v]) => v).filter((v): v is number => v !== null);
  const max = Math.max(0, ...known);
  const min = Math.min(0, ...known);
  const span = max - min || 1;
  const rowH = 16;
  const width = 260;
  const left = 60;
  const bars = values.map(([name, v], i) => {
    const y = 20 + i * rowH;
    if (v === null) return `<text x="0" y="${y + 11}">${esc(name)}</text><text x="${left}" y="${y + 11}">–</text>`;
    const x0 = left + ((Math.min(v, 0) - min) / span) * width;
    const w = (Math.abs(v) / span) * width;
    return `<text x="0" y="${y + 11}">${esc(name)}</text><rect x="${x0.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="#4a78b5"/>`
      + `<text x="${(left + width + 4).toFixed(0)}" y="${y + 11}">${esc(formatFigure(v))}</text>`;
  }).join('');
  const height = 24 + values.length * rowH;
  return `<figure><svg width="${left + width + 70}" height="${height}" role="img" aria-label="${esc(label)}"><text x="0" y="12" font-weight="bold">${esc(label)}</text>${bars}</svg></figure>`;
}

function formatFigure(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

// counts, shown as such (not as figures: `2`, not `2.00`)
const INTEGER_COLUMNS: ReadonlySet<string> = new Set(['exit', 'attempts']);

function cell(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'number' ? formatFigure(v) : String(v);
}
