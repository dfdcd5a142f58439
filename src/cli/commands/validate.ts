/**
 * `ev-cosim validate <scenario>`: check a scenario without running it.
 */
import type { Command } from 'commander';
import type { ValidateCommandOptions } from '../actions/validateAction.js';
import { collectOption } from '../collectOption.js';

/**
 * Register `validate`.
 *
 * Checks the schema (after `--set` overrides), then loads the road network and the
 * feeder and checks every station node, OD node, station bus, DG bus and outaged
 * branch, that every OD pair with demand has a path for each of its classes, and the size
 * estimate of a run (above the limit → exit 1 unless `--allow-large`; docs/limits.md). Prints
 * one line (or one JSON object with `--json`), warnings on stderr; bad input → exit 1.
 *
 * @example
 * // ev-cosim validate scenarios/nguyen-dupuis-ieee33-evening-peak.json --json
 */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file (schema, then nodes, buses and branches against its network and feeder) without running it.')
    .argument('<scenario>', 'scenario JSON file')
    .option('-s, --set <path=value>', 'override a scenario field before validation (repeatable)', collectOption, [])
    .option('--json', 'print one JSON object')
    .option('--allow-large', 'accept a scenario above the size limit (docs/limits.md); the estimate is reported either way')
    .action(async (file: string, options: ValidateCommandOptions) => {
      const { validateCommand } = await import('../actions/validateAction.js');
      validateCommand(file, options);
    });
}
