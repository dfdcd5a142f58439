/**
 * Clock-time helpers for the co-simulation horizon (docs/model.md §4, §6): a horizon starts
 * at a wall-clock time of day such as `17:00`; interval t starts at
 * `start + t · intervalMin`. Times are kept as integer minutes since midnight inside
 * and shown as `HH:MM` to users.
 */

/** `HH:MM` (24 h) pattern accepted in scenario files. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Parse `HH:MM` into minutes since midnight.
 *
 * @param text - e.g. `'17:00'`.
 * @returns minutes since midnight (e.g. 1020), or `NaN` when `text` is not `HH:MM`.
 * @example
 * parseClockTime('17:10'); // 1030
 */
export function parseClockTime(text: string): number {
  const match = CLOCK_TIME_PATTERN.exec(text);
  if (match === null) return Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Format minutes since midnight as `HH:MM`, wrapping past midnight (a horizon
 * 23:00–01:00 shows `00:10`, not `24:10`).
 *
 * @param minutes - minutes since midnight, may exceed 1440.
 * @example
 * formatClockTime(1030); // '17:10'
 */
export function formatClockTime(minutes: number): string {
  const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440;
  const h = Math.floor(wrapped / 60);
  const m = wrapped % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
