/**
 * The command set. Each engine's command registers itself in its own file; add a
 * line here for a new command.
 */
import type { Command } from 'commander';
import { registerOpfCommand } from './opf.ts';
import { registerAssignCommand } from './assign.ts';
import { registerRunCommand } from './run.ts';
import { registerValidateCommand } from './validate.ts';
import { registerFlexCommand } from './flex.ts';
import { registerEquilibriumCommand } from './equilibrium.ts';

/** Register every `ev-cosim` sub-command on `program`. */
export function registerCommands(program: Command): void {
  void program;
  registerRunCommand(program);
  registerValidateCommand(program);
  registerOpfCommand(program);
  registerAssignCommand(program);
  registerFlexCommand(program);
  registerEquilibriumCommand(program);
}
