/**
 * The command set. Each engine's command registers itself in its own file; add a
 * line here for a new command.
 */
import type { Command } from 'commander';

/** Register every `ev-cosim` sub-command on `program`. */
export function registerCommands(program: Command): void {
  void program;
}
