/**
 * The `ev-cosim` command line. Each command lives in `commands/<name>.ts` and only
 * registers itself here; this file owns parsing, error → exit-code mapping and help.
 */
import { Command, CommanderError } from 'commander';
import { InputError, SolverError, EXIT_BAD_INPUT, EXIT_OK, EXIT_SOLVER_FAILURE } from '../common/errors.js';
import { isHighsError } from '../grid/solver/highsError.js';
import { registerCommands } from './commands/index.js';

/** Build the program (exported so tests can inspect the command set and help texts). */
export function buildProgram(): Command {
  const program = new Command('ev-cosim')
    .description('Co-simulate EV traffic and the power distribution grid (DUE + SOCP OPF + DLMPs + flexibility).')
    .version('0.1.0')
    // A usage error is one line like every other bad input (exit 1), with where to look.
    .configureOutput({ outputError: (text, write) => write(`ev-cosim: bad input: ${text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (see --help)\n`) })
    .exitOverride();
  registerCommands(program);
  return program;
}

/**
 * Run the CLI with `argv` (as in `process.argv`) and resolve to the exit code
 * (docs/exit-codes.md): 0 results valid (`ok`, `shed`), 1 bad input (nothing written),
 * 2 solver trouble (infeasible, inexact, cut limit, not converged) or a run that could not finish.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT; // commander printed its line
    const failure = describeFailure(error);
    process.stderr.write(`${failure.line}\n`);
    if (failure.code === EXIT_SOLVER_FAILURE && process.env.EV_COSIM_DEBUG === '1' && error instanceof Error && error.stack !== undefined) {
      process.stderr.write(`${error.stack}\n`);
    }
    return failure.code;
  }
}

/** The exit code and the one line printed on stderr for an error that ended a command. */
export interface FailureReport {
  readonly code: number;
  /** One line, starting `ev-cosim: `, never a stack trace (set EV_COSIM_DEBUG=1 to also get one). */
  readonly line: string;
}

/** Runtime error codes caused by a path the user gave (`--out`, a data file): bad input. */
const PATH_ERRORS: Readonly<Record<string, string>> = {
  EEXIST: 'already exists',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
};

/** Runtime error codes of the machine, not of the input: the run could not finish (exit 2). */
const MACHINE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENOMEM: 'out of memory',
};

/**
 * Map any error that ended a command to its exit code and one line (docs/exit-codes.md):
 * `InputError` → 1; `SolverError` and HiGHS failures → 2; a file-system error on a path
 * the user gave (EEXIST, ENOTDIR, EACCES, …) → 1 naming the path; a full disk or other
 * machine trouble → 2; an allocation the input made too large (`RangeError: Invalid array
 * length`, heap limits) → 1; anything else → 2 as an internal error, still on one line.
 *
 * @example
 * describeFailure(new InputError({ source: 'a.json', field: 'x', value: 2 }, 'too big')).line;
 * // 'ev-cosim: bad input: a.json: x = 2: too big'
 */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof InputError) return { code: EXIT_BAD_INPUT, line: `ev-cosim: bad input: ${oneLine(error.message)}` };
  if (error instanceof SolverError) return { code: EXIT_SOLVER_FAILURE, line: `ev-cosim: solver failure: ${oneLine(error.message)}` };
  const e = error instanceof Error ? (error as NodeJS.ErrnoException) : undefined;
  const message = oneLine(e?.message ?? String(error));
  if (isHighsError(error)) {
    return {
      code: EXIT_SOLVER_FAILURE,
      line: `ev-cosim: solver failure: HiGHS: ${message} (the LP solver refused the model; a numeric field far out of range, e.g. a huge load or limit, is the usual cause)`,
    };
  }
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code !== undefined && code in PATH_ERRORS) {
    const where = typeof e?.path === 'string' ? e.path : '(path)';
    return { code: EXIT_BAD_INPUT, line: `ev-cosim: bad input: ${truncate(where)}: ${PATH_ERRORS[code]} (${code}${e?.syscall === undefined ? '' : ` in ${e.syscall}`})` };
  }
  if (code !== undefined && code in MACHINE_ERRORS) {
    const where = typeof e?.path === 'string' ? `${truncate(e.path)}: ` : '';
    return { code: EXIT_SOLVER_FAILURE, line: `ev-cosim: could not finish: ${where}${MACHINE_ERRORS[code]} (${code}); no complete results were written` };
  }
  if (e instanceof RangeError && /Invalid (typed )?array length|Array buffer allocation failed|Invalid string length/i.test(message)) {
    return { code: EXIT_BAD_INPUT, line: `ev-cosim: bad input: the input asks for more memory than a process can hold (${message}); reduce the sizes it declares` };
  }
  const at = e?.stack?.split('\n').find((l) => /^\s+at /.test(l))?.trim();
  return {
    code: EXIT_SOLVER_FAILURE,
    line: `ev-cosim: internal error: ${e?.name ?? 'Error'}: ${message}${at === undefined ? '' : ` (${truncate(at)})`}; please report it (EV_COSIM_DEBUG=1 prints the stack)`,
  };
}

/** Longest path or location shown in a failure line. */
const MAX_SHOWN_CHARS = 200;

function truncate(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 1)}…` : text;
}

/** A message on one line: line breaks become "; ", runs of blanks one space. */
function oneLine(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').join('; ');
}
