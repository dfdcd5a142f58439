/**
 * `ev-cosim equilibrium <scenario> [--v2g on|off] [--json]`: solve a static coupled
 * equilibrium (seed 000 V2G market equilibrium or seed 002 generalized Wardrop
 * equilibrium) and print a summary or one JSON object.
 */
import type { Command } from 'commander';
import { BUNDLED_EQUILIBRIUM_SCENARIOS } from '../../equilibrium/bundledEquilibriumScenarios.js';
import type { EquilibriumOptions } from '../actions/equilibriumAction.js';

/** Register `equilibrium` on `program`. */
export function registerEquilibriumCommand(program: Command): void {
  program
    .command('equilibrium')
    .description(`solve a static coupled traffic–power equilibrium (bundled: ${BUNDLED_EQUILIBRIUM_SCENARIOS.join(', ')}, or a scenario file)`)
    .argument('<scenario>', 'bundled scenario name or path to a scenario JSON file')
    .option('--v2g <on|off>', 'allow V2G discharge paths (seed-000 scenarios; default: the scenario file)')
    .option('--tolerance <number>', 'relative residual to reach (default: the scenario file)')
    .option('--max-iterations <number>', 'iteration limit (default: the scenario file)')
    .option('--json', 'print one JSON object instead of the summary (fields: docs/outputs.md)')
    .action(async (scenario: string, options: EquilibriumOptions) => {
      const { equilibriumCommand } = await import('../actions/equilibriumAction.js');
      await equilibriumCommand(scenario, options);
    });
}
