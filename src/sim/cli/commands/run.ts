/**
 * `ev-cosim run [scenario]`: co-simulate a scenario and write its results folder
 * (issue #3 §4–5). Without a scenario, runs the bundled reference case (SPEC §6).
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { SolverError } from '../../../common/errors.ts';
import { cosimSummary } from '../../results/cosimSummary.ts';
import { textSummary } from '../../results/textSummary.ts';
import { writeResults } from '../../results/writeResults.ts';
import { prepareCosim } from '../../run/prepareCosim.ts';
import { readScenarioFile } from '../../scenario/readScenarioFile.ts';
import { collectOption } from '../collectOption.ts';

/** Options of the `run` command. */
interface RunCommandOptions {
  readonly out?: string;
  readonly set: string[];
  readonly json?: boolean;
}

/**
 * Register `run`.
 *
 * Steps: read + override + validate the scenario (bad input → exit 1, nothing
 * written); resolve its network, feeder, nodes and buses; co-simulate with a
 * progress bar on stderr when stderr is a TTY; write the results folder
 * atomically; print the text summary, or exactly one JSON object with `--json`.
 * A run whose DUE or price fixed point missed its tolerance is written and
 * printed with `status: "not-converged"`, then exits 2; an infeasible OPF exits 2
 * with nothing written.
 *
 * @example
 * // ev-cosim run scenarios/nguyen-dupuis-ieee33-evening-peak.json --out out/ref --set demand.scale=1.2 --json
 */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Co-simulate a scenario (default: the bundled Nguyen-Dupuis + IEEE 33 evening peak) and write CSV, summary.json and report.html.')
    .argument('[scenario]', 'scenario JSON file (default: scenarios/nguyen-dupuis-ieee33-evening-peak.json)')
    .option('-o, --out <dir>', 'results folder (default: out/<scenario name>)')
    .option('-s, --set <path=value>', 'override a scenario field before validation, e.g. demand.scale=1.2 (repeatable)', collectOption, [])
    .option('--json', 'print one JSON object (the run summary with the files written) instead of the text summary')
    .action(async (file: string | undefined, options: RunCommandOptions) => {
      await runCommand(file, options);
    });
}

async function runCommand(file: string | undefined, options: RunCommandOptions): Promise<void> {
  const loaded = readScenarioFile(file, options.set);
  const { scenario, baseDir, name } = loaded;
  const source = file ?? loaded.file;
  const outDir = options.out ?? `out/${name}`;
  const prepared = await prepareCosim(scenario, { baseDir, source });
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'ev-cosim run |{bar}| {value}/{total} intervals {start}', hideCursor: true }) : undefined;
  bar?.start(scenario.horizon.intervals, 0, { start: '' });
  let result;
  try {
    result = await prepared.run({ onInterval: (r) => bar?.update(r.index + 1, { start: r.start }) });
  } finally {
    bar?.stop();
    prepared.dispose();
  }
  const summary = cosimSummary(result, scenario, { name, file: loaded.file });
  writeResults(result, summary, outDir);
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(textSummary(summary, outDir));
  if (result.status !== 'ok') {
    throw new SolverError('sim/run', 'not converged', `${result.problems.join('; ')} (results written to ${outDir} with status "not-converged")`);
  }
}
