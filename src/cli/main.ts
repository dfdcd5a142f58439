/**
 * The `ev-cosim` command line. Each command lives in `commands/<name>.ts` and only
 * registers itself here; this file owns parsing, error → exit-code mapping and help.
 */
import { Command, CommanderError } from 'commander';
import { InputError, SolverError, EXIT_BAD_INPUT, EXIT_OK, EXIT_SOLVER_FAILURE } from '../common/errors.js';
import { registerCommands } from './commands/index.js';

/** Build the program (exported so tests can inspect the command set and help texts). */
export function buildProgram(): Command {
  const program = new Command('ev-cosim')
    .description('Co-simulate EV traffic and the power distribution grid (DUE + SOCP OPF + DLMPs + flexibility).')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/**
 * Run the CLI with `argv` (as in `process.argv`) and resolve to the exit code:
 * 0 ok, 1 bad input, 2 solver failure or non-convergence.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride with exit code 0.
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof InputError) {
    process.stderr.write(`ev-cosim: bad input: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof SolverError) {
    process.stderr.write(`ev-cosim: solver failure: ${error.message}\n`);
    return EXIT_SOLVER_FAILURE;
  }
  process.stderr.write(`ev-cosim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT_SOLVER_FAILURE;
}
