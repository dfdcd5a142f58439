/**
 * What `ev-cosim run` does once its options are parsed (loaded lazily by `../commands/run.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim run [scenario]`: co-simulate a scenario and write its results folder.
 * Without a scenario, runs the bundled reference case (docs/model.md §6).
 */
import { SolverError } from '../../common/errors.js';
import { checkOutputFolder } from '../../common/outputFolder.js';
import { cosimSummary } from '../../sim/results/cosimSummary.js';
import { textSummary } from '../../sim/results/textSummary.js';
import { writeResults } from '../../sim/results/writeResults.js';
import { prepareCosim } from '../../sim/run/prepareCosim.js';
import { FAILING_STATUSES, runFailureLine } from '../../sim/run/runStatus.js';
import { formatClockTime, parseClockTime } from '../../sim/clock/clockTime.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';
import { plainProgress } from './runProgress.js';

/** Options of the `run` command. */
export interface RunCommandOptions {
  readonly out?: string;
  readonly set: string[];
  readonly json?: boolean;
  readonly force?: boolean;
  /** Run above the size limit (docs/limits.md). */
  readonly allowLarge?: boolean;
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
  // before any computation: a folder holding the user's files is refused, leftovers of killed runs tidied
  const folder = checkOutputFolder(outDir, { command: 'run', force: options.force });
  // Progress on stderr: a bar on a terminal; otherwise plain lines (CI logs, pipes), one per
  // interval and one every 2 s while a long DUE iterates, except with --json (one JSON object
  // is all a script then reads).
  const h = scenario.horizon;
  const tty = process.stderr.isTTY === true;
  const tailMax = Math.ceil(h.clearanceMin / h.intervalMin - 1e-9);
  const clockOf = (index: number): string => formatClockTime(parseClockTime(h.start) + index * h.intervalMin);
  const lines = !tty && options.json !== true ? plainProgress({ windowIntervals: h.intervals, tailIntervals: tailMax, clockOf }) : undefined;
  // A macrotask later: the scenario's network, demand and feeder are checked synchronously before it,
  // so bad input ends with its one message alone, not after a "preparing" line.
  const preparing = setTimeout(() => lines?.preparing(`${name} (${h.intervals} × ${h.intervalMin} min from ${h.start}, tail ≤ ${h.clearanceMin} min)`), 0);
  let prepared;
  try {
    prepared = await prepareCosim(scenario, { baseDir, source, allowLarge: options.allowLarge === true });
  } finally {
    clearTimeout(preparing);
  }
  const { network, feeder } = prepared;
  // input warnings (e.g. a station no trip can use): the results stay valid, so one stderr line each
  for (const warning of prepared.warnings) process.stderr.write(`warning: ${source}: ${warning}\n`);
  lines?.started(`${network.name} ${network.nodeIds.length} nodes / ${network.from.length} links with stations; ${feeder.name} ${feeder.buses.length} buses; solving`);
  // The progress bar's module loads only when there is a terminal to draw on.
  const bar = tty ? new (await import('cli-progress')).SingleBar({ stream: process.stderr, format: 'ev-cosim run |{bar}| {value}/{total} intervals {start} {due}', hideCursor: true }) : undefined;
  bar?.start(prepared.windowIntervals + prepared.tailIntervals, 0, { start: '', due: '' });
  let result;
  try {
    result = await prepared.run({
      onInterval: (r) => {
        bar?.update(r.index + 1, { start: r.start, due: `DUE gap ${r.dueGap.toExponential(1)}` });
        lines?.interval(r);
      },
      onDueIteration: (iteration, gap) => {
        bar?.update({ due: `DUE iteration ${iteration} gap ${gap.toExponential(1)}` });
        lines?.dueIteration(iteration, gap);
      },
    });
  } finally {
    bar?.stop();
    prepared.dispose();
  }
  const summary = cosimSummary(result, scenario, { name, file: loaded.file });
  writeResults(result, summary, folder, { feeder: prepared.feeder });
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(textSummary(summary, outDir));
  // `shed` exits 0 (the results are valid, the shedding is printed first); the others are solver failures
  // (docs/exit-codes.md: any interval infeasible, inexact or not converged → exit 2, results written with that status)
  if (FAILING_STATUSES.includes(result.status)) {
    const why = runFailureLine(result.intervals, result.statuses, result.problems);
    throw new SolverError('sim/run', result.status, `${why} (results written to ${outDir} with status "${result.status}"; every interval in summary.json problems)`);
  }
}
