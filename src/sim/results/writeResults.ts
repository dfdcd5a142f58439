/**
 * Write a run's results folder atomically (docs/model.md §7: nothing partial is written
 * as if it were a result, and no file the tool did not write is touched): see
 * `src/common/outputFolder.ts` for which folders may be written and the crash-safe swap.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { checkOutputFolder, writeOutputFolder, type OutputFolderPlan } from '../../common/outputFolder.js';
import { renderReport, type ReportOptions } from '../report/renderReport.js';
import type { CosimResult } from '../run/cosimTypes.js';
import type { CosimSummary } from './summarySchema.js';
import { resultTables, type ResultTable } from './resultTables.js';

/** The files of a results folder, in the order they are listed. */
export const RESULT_FILES = ['report.html', 'summary.json', 'stations.csv', 'buses.csv', 'links.csv', 'system.csv'] as const;

/**
 * Write `report.html`, `summary.json` and the four CSV tables to `outDir`.
 *
 * 1. Render everything in memory first (a rendering error writes nothing).
 * 2. Write them with `writeOutputFolder`: into a hidden sibling folder, then swapped in
 *    by renames. `outDir` must be new, empty or a folder of `ev-cosim run`'s own
 *    (`checkOutputFolder`, which the CLI calls before computing).
 *
 * @param result - the run.
 * @param summary - its summary; `files` is filled with the absolute paths written.
 * @param outDir - results folder, or the plan `checkOutputFolder` returned for it.
 * @param report - what the report needs beyond the run (the feeder, for the voltage profile along its paths).
 * @returns the absolute paths written.
 * @throws InputError when `outDir` is not the tool's to write (see `checkOutputFolder`)
 * @example
 * const files = writeResults(result, summary, 'out/reference', { feeder: prepared.feeder });
 */
export function writeResults(result: CosimResult, summary: CosimSummary, outDir: string | OutputFolderPlan, report: ReportOptions = {}): string[] {
  const plan = typeof outDir === 'string' ? checkOutputFolder(outDir, { command: 'run' }) : outDir;
  const files = RESULT_FILES.map((name) => join(plan.target, name));
  summary.files.splice(0, summary.files.length, ...files);
  const tables = resultTables(result);
  const contents: Record<(typeof RESULT_FILES)[number], string> = {
    'report.html': renderReport(result, summary, report),
    'summary.json': `${JSON.stringify(summary, null, 2)}\n`,
    'stations.csv': toCsv(tables.stations),
    'buses.csv': toCsv(tables.buses),
    'links.csv': toCsv(tables.links),
    'system.csv': toCsv(tables.system),
  };
  return writeOutputFolder(plan, RESULT_FILES.map((name) => [name, contents[name]] as const));
}

function toCsv(table: ResultTable): string {
  return stringify(table.rows, { header: true, columns: [...table.columns], cast: { number: formatNumber } });
}

// Shortest round-trip representation: full precision for exact reproducibility; NaN / ±Infinity spelled out.
function formatNumber(value: number): string {
  return String(value);
}
