/**
 * Write a flexibility study to a folder: JSON, CSV tables, SVG projections and the
 * HTML report (file list and columns: docs/flexibility.md §8, FLEX_OUTPUT_DOCS).
 */
import { existsSync, readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { checkOutputFolder, writeOutputFolder, type OutputFolderPlan } from '../../common/outputFolder.js';
import type { TierPlan } from '../plan/planTier.js';
import { defaultScenarioName, type FlexModelResult } from '../sweep/flexModelResult.js';
import { couponsCsv, pointsCsv, rangesCsv, tiersCsv, verticesCsv } from './flexCsvTables.js';
import { flexJson } from './flexJson.js';
import { flexReportHtml } from './flexReportHtml.js';
import { projectionSvg } from './projectionSvg.js';

/** Options of {@link writeFlexOutputs}. */
export interface WriteFlexOptions {
  /** Task log of the sweep (`--resume` / the live log); its content is written into the folder as `results.jsonl`. */
  readonly resumeFile?: string;
  /** Scenario name: in flex.json and the report's title (default: the scenario file's name). */
  readonly scenario?: string;
  /** Identification of the inputs for the folder's marker, e.g. `{ scenarioSha256, version }`. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** With a folder path: replace a folder another ev-cosim command wrote (`--force`). */
  readonly force?: boolean;
}

/**
 * Write the files as one complete set and return their paths. The folder follows the output
 * folder contract of `run` (src/common/outputFolder.ts): new, empty or the tool's own (marker
 * `.ev-cosim-results.json`); the set replaces the earlier one crash-safely, so no file of an
 * earlier study stays next to the new ones.
 *
 * - `flex.json`: the `--json` object;
 * - `tiers.csv`: per tier its size in its own dimension, rank, increase % (seed 003 §3.1 table);
 * - `ranges.csv`: per tier and station the net-load range;
 * - `points.csv`, `vertices.csv`: per point (direction) / hull vertex and station its net load;
 * - `coupons.csv`: the coupons of every point, vertex and plan per station and interval;
 * - `projection-<model>.svg`, `report.html`; `results.jsonl` (the task log, for `--resume`) when `resumeFile` is given.
 *
 * @param results - one result per model
 * @param plans - tier plans (may be empty)
 * @param out - folder path (checked with `checkOutputFolder`, command `flex`), or a plan checked before the computation
 * @throws InputError when the folder is not the tool's to write
 * @example
 * writeFlexOutputs([dta], [], 'out/ref-flex', { scenario: 'ref' });
 */
export function writeFlexOutputs(results: readonly FlexModelResult[], plans: readonly TierPlan[], out: string | OutputFolderPlan, options: WriteFlexOptions = {}): string[] {
  const plan = typeof out === 'string' ? checkOutputFolder(out, { command: 'flex', force: options.force }) : out;
  const scenario = options.scenario ?? (results[0] ? defaultScenarioName(results[0]) : '');
  const files: [string, string][] = [];
  const put = (name: string, text: string): void => {
    files.push([name, text]);
  };
  put('flex.json', `${JSON.stringify(flexJson(results, plans, scenario), null, 1)}\n`);
  put('tiers.csv', stringify(tiersCsv(results)));
  put('ranges.csv', stringify(rangesCsv(results)));
  put('points.csv', stringify(pointsCsv(results)));
  put('vertices.csv', stringify(verticesCsv(results)));
  put('coupons.csv', stringify(couponsCsv(results, plans)));
  for (const r of results) put(`projection-${r.model}.svg`, projectionSvg(r));
  put('report.html', flexReportHtml(results, plans, scenario));
  if (options.resumeFile !== undefined && existsSync(options.resumeFile)) put('results.jsonl', readFileSync(options.resumeFile, 'utf8'));
  return writeOutputFolder(plan, files, options.inputs);
}
