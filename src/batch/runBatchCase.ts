/**
 * One batch case: co-simulate a scenario with its overrides and render the files of its
 * results folder in memory (the same files, byte for byte, as `ev-cosim run --out <folder>`
 * writes, timing figures excepted), so a worker on another machine can return them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cosimSummary, prepareCosim, readScenarioFile, RESULT_FILES, writeResults, type CosimSummary } from '../sim/index.js';

/** Statuses that make a run exit 2 (as `ev-cosim run`); `ok` and `shed` exit 0. */
export const FAILING_STATUSES: readonly string[] = ['infeasible', 'inexact', 'not-converged'];

/** Input of a case (JSON: carried by a job). */
export interface BatchCaseInput {
  /** Scenario file to read (the submitter's, or a worker's materialized copy). */
  readonly scenarioFile: string;
  /** Scenario file as the submitter named it (it is recorded in summary.json). */
  readonly displayFile: string;
  /** Base `--set` strings, then the case's. */
  readonly overrides: readonly string[];
}

/** What a case returns (JSON). */
export interface BatchCaseResult {
  readonly status: string;
  /** 0 for ok / shed, 2 for a failing status. */
  readonly exit: 0 | 2;
  /** The summary, its `files` empty (the writer fills in the folder's paths). */
  readonly summary: CosimSummary;
  /** Every results file but summary.json: name → content. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Run a case.
 *
 * @throws InputError for a bad scenario or override
 * @example
 * const r = await runBatchCase({ scenarioFile: f, displayFile: f, overrides: ['demand.scale=1.2'] });
 */
export async function runBatchCase(input: BatchCaseInput): Promise<BatchCaseResult> {
  const loaded = readScenarioFile(input.scenarioFile, input.overrides);
  const prepared = await prepareCosim(loaded.scenario, { baseDir: loaded.baseDir, source: input.displayFile });
  let result;
  try {
    result = await prepared.run({});
  } finally {
    prepared.dispose();
  }
  const summary = cosimSummary(result, loaded.scenario, { name: loaded.name, file: input.displayFile });
  const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-case-'));
  try {
    const folder = join(dir, 'case');
    writeResults(result, summary, folder, { feeder: prepared.feeder });
    const files: Record<string, string> = {};
    for (const name of RESULT_FILES) if (name !== 'summary.json') files[name] = readFileSync(join(folder, name), 'utf8');
    summary.files.splice(0);
    return { status: result.status, exit: FAILING_STATUSES.includes(result.status) ? 2 : 0, summary, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The files of a case's results folder: summary.json with `files` listing the folder's paths
 * (as `writeResults` writes it), then the others, in `RESULT_FILES` order.
 *
 * @example
 * writeOutputFolder(plan, caseFolderFiles(result, plan.target));
 */
export function caseFolderFiles(result: BatchCaseResult, folder: string): [string, string][] {
  const summary = { ...result.summary, files: RESULT_FILES.map((name) => join(folder, name)) };
  return RESULT_FILES.map((name) => [name, name === 'summary.json' ? `${JSON.stringify(summary, null, 2)}\n` : result.files[name]]);
}
