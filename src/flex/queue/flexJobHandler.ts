/**
 * The worker side of a sweep task on the queue: fetch the task's scenario bundle,
 * materialize it in the worker's cache folder, point the spec at it and run the task
 * as the inline executor would (`runFlexTask`), or on the worker's thread pool.
 */
import { materializeBundle, type ScenarioBundle } from '../../sim/index.js';
import { failIfListed, jobBlob, type JobContext } from '../../jobs/index.js';
import { disposeFlexTasks, runFlexTask, type FlexTask, type FlexTaskResult } from '../sweep/flexTask.js';
import type { FlexJobData } from './flexQueueExecutor.js';

/**
 * A handler for {@link FLEX_JOB_KIND} jobs.
 *
 * @param cacheDir - folder of materialized bundles
 * @param packageVersion - this worker's package version: a job of another version is refused
 *   (its results could differ), permanently, with a message naming both
 * @param run - how the task runs [`runFlexTask`, in this thread]; e.g. a pool's `run`
 * @example
 * startJobWorker(address, { [FLEX_JOB_KIND]: flexJobHandler('/tmp/ev-cosim-bundles', '0.1.0') });
 */
export function flexJobHandler(
  cacheDir: string,
  packageVersion: string,
  run: (task: FlexTask) => Promise<FlexTaskResult> = runFlexTask,
): (data: unknown, context: JobContext) => Promise<FlexTaskResult> {
  return async (data, context) => {
    const job = data as FlexJobData;
    const bundle = (await jobBlob(job, context, packageVersion)) as ScenarioBundle;
    const entry = materializeBundle(bundle, cacheDir);
    failIfListed([flexTaskLabel(job.task)]);
    return run({ ...job.task, spec: { ...job.task.spec, scenarioFile: entry } });
  };
}

/**
 * The label of a sweep task for the tests' failure hook (`failIfListed`): `flex:design:<probe>`,
 * `flex:candidate:<direction>` (a direction's candidate run ahead), `flex:direction:<index>`, or
 * `flex:<kind>` for other kinds.
 *
 * @example
 * flexTaskLabel({ kind: 'design', spec, probe: 3 }); // 'flex:design:3'
 */
export function flexTaskLabel(task: FlexTask): string {
  // a design task with a coupon vector is a direction's candidate run ahead (`probe` = the direction)
  if (task.kind === 'design') return 'x' in task && task.x !== undefined ? `flex:candidate:${task.probe}` : `flex:design:${task.probe}`;
  if (task.kind === 'direction') return `flex:direction:${task.direction}`;
  return `flex:${(task as { kind: string }).kind}`;
}

/** Release the problems the handler prepared (on worker shutdown). */
export const disposeFlexJobs = disposeFlexTasks;
