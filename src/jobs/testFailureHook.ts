/**
 * A failure hook for the integration tests of dead letters: a worker whose environment lists
 * a task's label in {@link TEST_FAIL_ENV} fails that task on every attempt, so the tests can
 * check what a study does with a task that never finishes (docs/distributed.md "Failure
 * semantics"). Only the tests set the variable; unset, the hook does nothing.
 */

/** Environment variable of the hook: comma-separated task labels (`flex:design:3`, `flex:direction:1`, `batch:demand.scale=1.2`). */
export const TEST_FAIL_ENV = 'EV_COSIM_TEST_FAIL_TASKS';

/**
 * Throw when one of a task's labels is listed in {@link TEST_FAIL_ENV}.
 *
 * @param labels - the task's labels (a flex task: `flex:<kind>:<index>`; a batch case: `batch:<override>` per override)
 * @throws Error `test failure hook: <label>` for a listed label
 * @example
 * failIfListed(['flex:design:3']); // throws when EV_COSIM_TEST_FAIL_TASKS=flex:design:3
 */
export function failIfListed(labels: readonly string[]): void {
  const listed = process.env[TEST_FAIL_ENV];
  if (!listed) return;
  const wanted = new Set(listed.split(',').map((s) => s.trim()).filter((s) => s !== ''));
  const hit = labels.find((l) => wanted.has(l));
  if (hit !== undefined) throw new Error(`test failure hook: ${hit}`);
}
