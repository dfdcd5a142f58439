/**
 * The command set. Each engine's command registers itself in its own file; add a
 * line here for a new command.
 */
import type { Command } from 'commander';
import { registerOpfCommand } from './opf.js';
import { registerAssignCommand } from './assign.js';
import { registerRunCommand } from './run.js';
import { registerValidateCommand } from './validate.js';
import { registerFlexCommand } from './flex.js';
import { registerEquilibriumCommand } from './equilibrium.js';
import { registerWorkerCommand } from './worker.js';
import { registerBatchCommand } from './batch.js';

/** Register every `ev-cosim` sub-command on `program`. */
export function registerCommands(program: Command): void {
  void program;
  registerRunCommand(program);
  registerValidateCommand(program);
  registerOpfCommand(program);
  registerAssignCommand(program);
  registerFlexCommand(program);
  registerEquilibriumCommand(program);
  registerWorkerCommand(program);
  registerBatchCommand(program);
}
