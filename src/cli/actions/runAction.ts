/**
 * What `ev-cosim run` does once its options are parsed (loaded lazily by `../commands/run.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim run [scenario]`: co-simulate a scenario and write its results folder.
 * Without a scenario, runs the bundled reference case (docs/model.md §6).
 */
import { SolverError } from '../../common/errors.js';
import { cosimSummary } from '../../sim/results/cosimSummary.js';
import { textSummary } from '../../sim/results/textSummary.js';
import { writeResults } from '../../sim/results/writeResults.js';
import { prepareCosim } from '../../sim/run/prepareCosim.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';

/** Statuses that end `ev-cosim run` with exit code 2 (docs/model.md §4 "Status"); `ok` and `shed` exit 0. */
const FAILING: readonly string[] = ['infeasible', 'inexact', 'not-converged'];

/** Options of the `run` command. */
export interface RunCommandOptions {
  readonly out?: string;
  readonly set: string[];
  readonly json?: boolean;
}

/**
 * Run `ev-cosim run [scenario]` (registered in `commands/run.ts`): write the results
 * folder, print the text summary or the summary JSON (docs/outputs.md).
 */
export async function runCommand(file: string | undefined, options: RunCommandOptions): Promise<void> {
  const loaded = readScenarioFile(file, options.set);
  const { scenario, baseDir, name } = loaded;
  const source = file ?? loaded.file;
  const outDir = options.out ?? `out/${name}`;
  const prepared = await prepareCosim(scenario, { baseDir, source });
  // The progress bar's module loads only when there is a terminal to draw on.
  const bar = process.stderr.isTTY ? new (await import('cli-progress')).SingleBar({ stream: process.stderr, format: 'ev-cosim run |{bar}| {value}/{total} intervals {start}', hideCursor: true }) : undefined;
  bar?.start(prepared.windowIntervals + prepared.tailIntervals, 0, { start: '' });
  let result;
  try {
    result = await prepared.run({ onInterval: (r) => bar?.update(r.index + 1, { start: r.start }) });
  } finally {
    bar?.stop();
    prepared.dispose();
  }
  const summary = cosimSummary(result, scenario, { name, file: loaded.file });
  writeResults(result, summary, outDir, { feeder: prepared.feeder });
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(textSummary(summary, outDir));
  // `shed` exits 0 (the results are valid, the shedding is printed first); the others are solver failures
  if (FAILING.includes(result.status)) {
    throw new SolverError('sim/run', result.status, `${result.problems.join('; ')} (results written to ${outDir} with status "${result.status}")`);
  }
}
