/**
 * Write a run's results folder atomically (docs/model.md §7: nothing partial is written
 * as if it were a result): everything goes to a temporary sibling folder that is
 * renamed into place only when complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
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
 * 2. Write into `<outDir>.tmp-<pid>`, then replace `outDir` by a rename (an old
 *    folder of the same name is removed only after the new one is complete).
 *
 * @param result - the run.
 * @param summary - its summary; `files` is filled with the absolute paths written.
 * @param outDir - results folder (created; replaced if it exists).
 * @param report - what the report needs beyond the run (the feeder, for the voltage profile along its paths).
 * @returns the absolute paths written.
 * @example
 * const files = writeResults(result, summary, 'out/reference', { feeder: prepared.feeder });
 */
export function writeResults(result: CosimResult, summary: CosimSummary, outDir: string, report: ReportOptions = {}): string[] {
  const target = resolve(outDir);
  const files = RESULT_FILES.map((name) => join(target, name));
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
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    for (const name of RESULT_FILES) writeFileSync(join(temp, name), contents[name]);
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(target, old);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(temp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return files;
}

function toCsv(table: ResultTable): string {
  return stringify(table.rows, { header: true, columns: [...table.columns], cast: { number: formatNumber } });
}

// Shortest round-trip representation: full precision for exact reproducibility; NaN / ±Infinity spelled out.
function formatNumber(value: number): string {
  return String(value);
}
