/**
 * `ev-cosim run [scenario]`: co-simulate a scenario and write its results folder.
 * Without a scenario, runs the bundled reference case (docs/model.md §6).
 */
import type { Command } from 'commander';
import type { RunCommandOptions } from '../actions/runAction.js';
import { collectOption } from '../collectOption.js';

/**
 * Register `run`.
 *
 * Steps: read + override + validate the scenario and check the results folder
 * (`checkOutputFolder`: bad input or a folder holding the user's files → exit 1,
 * nothing written); resolve its network, feeder, nodes and buses; co-simulate with a
 * progress bar on stderr when stderr is a TTY; write the results folder
 * atomically; print the text summary, or exactly one JSON object with `--json`.
 * The run covers the study window and the tail until the network is clear
 * (docs/model.md §4). Results are written for every status; `ok` and `shed` (load
 * shed or EV charging curtailed, printed first) exit 0; `inexact`, `not-converged`
 * and `infeasible` (the run stopped at an OPF without solution) exit 2.
 *
 * @example
 * // ev-cosim run scenarios/nguyen-dupuis-ieee33-evening-peak.json --out out/ref --set demand.scale=1.2 --json
 */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Co-simulate a scenario (default: the bundled Nguyen-Dupuis + IEEE 33 evening peak) and write CSV, summary.json and report.html.')
    .argument('[scenario]', 'scenario JSON file (default: scenarios/nguyen-dupuis-ieee33-evening-peak.json)')
    .option('-o, --out <dir>', 'results folder: new, empty, or one ev-cosim run wrote (default: out/<scenario name>)')
    .option('--force', 'replace a results folder another ev-cosim command wrote (never a folder holding other files)')
    .option('-s, --set <path=value>', 'override a scenario field before validation, e.g. demand.scale=1.2 (repeatable)', collectOption, [])
    .option('--json', 'print one JSON object (the run summary with the files written) instead of the text summary')
    .option('--allow-large', 'run even when the size estimate exceeds the limit (docs/limits.md)')
    .action(async (file: string | undefined, options: RunCommandOptions) => {
      const { runCommand } = await import('../actions/runAction.js');
      await runCommand(file, options);
    });
}
