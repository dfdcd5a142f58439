/**
 * Recognise an exception thrown by the HiGHS runtime (`HighsError`, or a message such as
 * `changeRowsBounds failed with HiGHS status -1`), so callers can report it as a solver
 * failure (exit 2, docs/exit-codes.md) instead of an internal error.
 */

/**
 * True when `error` comes from HiGHS: its name is `HighsError` or its message names HiGHS.
 *
 * @example
 * isHighsError(Object.assign(new Error('changeRowsBounds failed with HiGHS status -1'), { name: 'HighsError' })); // true
 * isHighsError(new TypeError('x is undefined')); // false
 */
export function isHighsError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'HighsError' || /\bHiGHS\b/.test(error.message));
}
