/**
 * Write a flexibility study to a folder: JSON, CSV tables, SVG projections and the
 * HTML report (file list and columns: docs/flexibility.md §8, FLEX_OUTPUT_DOCS).
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { TierPlan } from '../plan/planTier.js';
import { defaultScenarioName, type FlexModelResult } from '../sweep/flexModelResult.js';
import { couponsCsv, pointsCsv, rangesCsv, tiersCsv, verticesCsv } from './flexCsvTables.js';
import { flexJson } from './flexJson.js';
import { flexReportHtml } from './flexReportHtml.js';
import { projectionSvg } from './projectionSvg.js';

/** Options of {@link writeFlexOutputs}. */
export interface WriteFlexOptions {
  /** Results file used for `--resume`; copied into the folder as `results.jsonl` when given. */
  readonly resumeFile?: string;
  /** Scenario name: in flex.json and the report's title (default: the scenario file's name). */
  readonly scenario?: string;
}

/**
 * Write the files and return their paths.
 *
 * - `flex.json`: the `--json` object;
 * - `tiers.csv`: per tier its size in its own dimension, rank, increase % (seed 003 §3.1 table);
 * - `ranges.csv`: per tier and station the net-load range;
 * - `points.csv`, `vertices.csv`: per point (direction) / hull vertex and station its net load;
 * - `coupons.csv`: the coupons of every point, vertex and plan per station and interval;
 * - `projection-<model>.svg`, `report.html`; `results.jsonl` (internal, for `--resume`).
 *
 * @param results - one result per model
 * @param plans - tier plans (may be empty)
 * @param outDir - folder (created)
 * @example
 * writeFlexOutputs([dta], [], 'out/ref/flex', { scenario: 'ref' });
 */
export function writeFlexOutputs(results: readonly FlexModelResult[], plans: readonly TierPlan[], outDir: string, options: WriteFlexOptions = {}): string[] {
  mkdirSync(outDir, { recursive: true });
  const scenario = options.scenario ?? (results[0] ? defaultScenarioName(results[0]) : '');
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    files.push(path);
  };
  put('flex.json', `${JSON.stringify(flexJson(results, plans, scenario), null, 1)}\n`);
  put('tiers.csv', stringify(tiersCsv(results)));
  put('ranges.csv', stringify(rangesCsv(results)));
  put('points.csv', stringify(pointsCsv(results)));
  put('vertices.csv', stringify(verticesCsv(results)));
  put('coupons.csv', stringify(couponsCsv(results, plans)));
  for (const r of results) put(`projection-${r.model}.svg`, projectionSvg(r));
  put('report.html', flexReportHtml(results, plans, scenario));
  const copy = join(outDir, 'results.jsonl');
  if (options.resumeFile && existsSync(options.resumeFile) && resolve(copy) !== resolve(options.resumeFile)) copyFileSync(options.resumeFile, copy);
  // The sweep's own log (`--out` without `--resume`) or the copy: resumable with `--resume`.
  if (existsSync(copy)) files.push(copy);
  return files;
}
