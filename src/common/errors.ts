/**
 * Error types shared by every engine. They let the CLI map failures to exit codes
 * (docs/model.md §7): bad input → 1, solver failure or non-convergence → 2.
 *
 * `src/common` holds only such leaf utilities; it imports nothing from the engines,
 * so `src/traffic` and `src/grid` can both use it without importing each other.
 */

/** Where a bad value was found: the file (or module), the field, and the value. */
export interface InputErrorLocation {
  /** File path or module name, e.g. `scenarios/data/grid/case33bw/branch.csv` or `grid/io/matpower`. */
  source: string;
  /** Field or line, e.g. `branch 12: x_ohm` or `line 14`. */
  field?: string;
  /** The offending value as found (shown as JSON, cut at 80 characters). */
  value?: unknown;
}

/**
 * Bad input: a schema violation, an unknown node or bus, a non-radial feeder, NaN…
 * The message names the source, the field and the value so the user can fix the file.
 *
 * @example
 * throw new InputError({ source: 'case33bw/branch.csv', field: 'row 12: x_ohm', value: -0.1 }, 'must be ≥ 0');
 * // → "case33bw/branch.csv: row 12: x_ohm = -0.1: must be ≥ 0"
 */
export class InputError extends Error {
  readonly location: InputErrorLocation;

  constructor(location: InputErrorLocation, reason: string) {
    super(formatInputError(location, reason));
    this.name = 'InputError';
    this.location = location;
  }
}

function formatInputError(location: InputErrorLocation, reason: string): string {
  const parts = [location.source];
  if (location.field !== undefined) {
    const shown = location.value === undefined ? location.field : `${location.field} = ${formatValue(location.value)}`;
    parts.push(shown);
  }
  parts.push(reason);
  return parts.join(': ');
}

/** Longest value shown in a message; longer ones (a whole array, a long string) are cut with "…". */
const MAX_VALUE_CHARS = 80;

function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/**
 * A solver did not reach an answer: infeasible, unbounded, iteration limit, or a
 * fixed point that did not converge. `gap` is the residual reached, when there is one.
 */
export class SolverError extends Error {
  readonly status: string;
  readonly gap: number | undefined;

  constructor(module: string, status: string, message: string, gap?: number) {
    super(`${module}: ${status}: ${message}${gap === undefined ? '' : ` (gap reached ${gap.toExponential(3)})`}`);
    this.name = 'SolverError';
    this.status = status;
    this.gap = gap;
  }
}

/** Exit codes of the CLI (docs/model.md §7). */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_SOLVER_FAILURE = 2;
