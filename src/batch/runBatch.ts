/**
 * Run a scenario batch into one folder: a results folder per case (the same contract and
 * files as `ev-cosim run`), `batch.csv` and `batch.html` (docs/distributed.md).
 *
 * Folder layout: `<out>/` holds the tool's marker (command `batch`), `batch.csv`,
 * `batch.html` and `case-NN/` folders. A case folder is written (crash-safely, by
 * `writeOutputFolder`) as soon as its case finishes, its marker recording the case's
 * content id (`inputs.caseId`). **Resume**: a case whose folder holds a complete result
 * with the same content id is not run again; a folder of a different id (the scenario,
 * a referenced file, an override or the package version changed) is replaced.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../common/errors.js';
import { checkOutputFolder, OUTPUT_MARKER, readMarker, writeOutputFolder, type OutputMarker } from '../common/outputFolder.js';
import type { BatchCase } from './batchCases.js';
import { CaseFailedError, prepareBatchTask, type BatchExecutor, type PreparedTask } from './batchExecutor.js';
import { batchCsv, batchHtml, batchRow, failedRow, type BatchRow } from './batchTable.js';
import { caseFolderFiles } from './runBatchCase.js';
import type { CosimSummary } from '../sim/index.js';

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** Base scenario (absolute path) and its `--set` overrides (before each case's). */
  readonly scenarioFile: string;
  readonly overrides: readonly string[];
  /** Title of batch.html (the scenario's name). */
  readonly title: string;
  readonly cases: readonly BatchCase[];
  readonly outDir: string;
  /** Replace a folder another command of the tool wrote. */
  readonly force?: boolean;
  readonly executor: (displayFile: string) => Promise<BatchExecutor> | BatchExecutor;
  /** After each case: its row, whether it was resumed, and (done, total). */
  readonly onCase?: (row: BatchRow, resumed: boolean, done: number, total: number) => void;
}

/** What {@link runBatch} did. */
export interface BatchOutcome {
  readonly rows: BatchRow[];
  /** Cases taken from their folders. */
  readonly resumed: number;
  /** Absolute paths of batch.csv and batch.html. */
  readonly files: readonly string[];
  /** Largest case exit code (0 when every case is ok / shed). */
  readonly exit: number;
}

const TABLE_FILES = ['batch.csv', 'batch.html'] as const;

/**
 * Run the batch.
 *
 * 1. Bundle every case (a bad override or file → `InputError` before any run or write).
 * 2. Check the output folder (new, empty, or a `batch` folder of the tool's own), connect the
 *    executor (no server → `InputError`, nothing written), tidy leftovers of killed case writes,
 *    write the folder's marker listing every case folder.
 * 3. Skip the cases whose folder holds their content id; run the others on the executor,
 *    writing each folder when its case ends; a case that failed (threw inline, or a dead letter on the
 *    queue) gets a row with status `failed`, its attempts and reason, and no folder; the others go on.
 * 4. Write batch.csv and batch.html (rows in case order).
 *
 * @throws InputError for bad input or an output folder that is not the tool's to write
 * @example
 * await runBatch({ scenarioFile, overrides: [], title: 'reference', cases: gridCases(['demand.scale=0.8,1']), outDir: 'out/b', executor: inlineBatchExecutor });
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchOutcome> {
  const { cases, outDir } = options;
  const prepared: PreparedTask[] = cases.map((c) => prepareBatchTask({ scenarioFile: options.scenarioFile, overrides: [...options.overrides, ...c.overrides] }, options.scenarioFile));
  // checked before anything is written (an unreachable queue is bad input too)
  tidyCaseLeftovers(outDir);
  checkOutputFolder(outDir, { command: 'batch', force: options.force === true });
  const executor = await options.executor(options.scenarioFile);
  const rows: BatchRow[] = new Array<BatchRow>(cases.length);
  let done = 0;
  let resumed = 0;
  let top: string;
  try {
    top = openBatchFolder(outDir, cases.map((c) => c.name), options.force === true);
    await Promise.all(prepared.map(async (p, i) => {
      const c = cases[i];
      const folder = join(top, c.name);
      const finished = finishedCase(folder, p.id);
      let row: BatchRow;
      if (finished) {
        row = batchRow(c.name, c.overrides, finished.summary, finished.exit);
        resumed++;
      } else {
        try {
          const result = await executor.run(p);
          const plan = checkOutputFolder(folder, { command: 'run', force: true });
          writeOutputFolder(plan, caseFolderFiles(result, plan.target), { caseId: p.id, exit: String(result.exit) });
          row = batchRow(c.name, c.overrides, result.summary, result.exit);
        } catch (error) {
          // a case that throws is a dead letter on every executor (inline: after 1 attempt): the batch goes on
          const message = error instanceof Error ? error.message : String(error);
          if (error instanceof CaseFailedError) row = failedRow(c.name, c.overrides, message, error.exit, error.attempts);
          else row = failedRow(c.name, c.overrides, message, error instanceof InputError ? 1 : 2, 1);
          // no results for this case: a folder an earlier call wrote for other inputs goes
          if (readMarker(folder)?.command === 'run') rmSync(folder, { recursive: true, force: true });
        }
      }
      rows[i] = row;
      options.onCase?.(row, finished !== undefined, ++done, cases.length);
    }));
  } finally {
    await executor.close();
  }
  const files = TABLE_FILES.map((name) => join(top, name));
  writeFileSync(files[0], batchCsv(rows));
  writeFileSync(files[1], batchHtml(options.title, rows));
  return { rows, resumed, files, exit: Math.max(0, ...rows.map((r) => r.exit)) };
}

/** A case folder holding a complete result of content id `id`: its summary and exit. */
function finishedCase(folder: string, id: string): { summary: CosimSummary; exit: number } | undefined {
  const marker = readMarker(folder);
  if (!marker || marker.command !== 'run' || marker.inputs?.caseId !== id) return undefined;
  if (!marker.files.every((f) => existsSync(join(folder, f)))) return undefined;
  try {
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as CosimSummary;
    return { summary, exit: Number(marker.inputs.exit ?? 0) };
  } catch {
    return undefined;
  }
}

/**
 * Check the batch folder and write its marker (command `batch`, files: the tables and every
 * case folder, earlier cases' folders kept). Returns its absolute path.
 */
function openBatchFolder(outDir: string, caseNames: readonly string[], force: boolean): string {
  const earlier = readMarker(outDir);
  const plan = checkOutputFolder(outDir, { command: 'batch', force });
  if (plan.mode === 'replace' && earlier?.command !== 'batch') {
    // another command's folder, replaced with --force: its files go (never a user's: the check refused those)
    for (const name of earlier?.files ?? []) rmSync(join(plan.target, name), { recursive: true, force: true });
  }
  mkdirSync(plan.target, { recursive: true });
  const kept = earlier?.command === 'batch' ? earlier.files : [];
  const files = [...new Set([...TABLE_FILES, ...kept, ...caseNames])];
  const marker: OutputMarker = { tool: 'ev-cosim', command: 'batch', files };
  writeFileSync(join(plan.target, OUTPUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  return plan.target;
}

/** Tidy leftovers of case folders whose write was killed (they sit in the batch folder, beside the case folders). */
function tidyCaseLeftovers(outDir: string): void {
  const earlier = readMarker(outDir);
  if (earlier?.command !== 'batch') return;
  for (const name of earlier.files) {
    if (!TABLE_FILES.includes(name as (typeof TABLE_FILES)[number])) checkOutputFolder(join(outDir, name), { command: 'run', force: true });
  }
}
