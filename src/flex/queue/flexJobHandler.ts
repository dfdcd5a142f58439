/**
 * The worker side of a sweep task on the queue: fetch the task's scenario bundle,
 * materialize it in the worker's cache folder, point the spec at it and run the task
 * as the inline executor would (`runFlexTask`), or on the worker's thread pool.
 */
import { materializeBundle, type ScenarioBundle } from '../../sim/index.js';
import { contentId, failIfListed, jobBlob, type JobContext, type SharedSlot } from '../../jobs/index.js';
import { disposeFlexTasks, runFlexTask, type FlexTask, type FlexTaskResult } from '../sweep/flexTask.js';
import type { BaseExchange } from '../sweep/taskExecutor.js';
import type { FlexJobData } from './flexQueueExecutor.js';

/**
 * A handler for {@link FLEX_JOB_KIND} jobs.
 *
 * The spec's base equilibrium is shared by every worker process of the queue: `run` gets a
 * {@link BaseExchange} on the slot {@link baseSlotId} (src/jobs `sharedSlot`), so the first
 * worker that needs it solves and stores it (V8-serialized, lossless) and the others fetch it;
 * a pool executor's `run` uses it, `runFlexTask` ignores it.
 *
 * @param cacheDir - folder of materialized bundles
 * @param packageVersion - this worker's package version: a job of another version is refused
 *   (its results could differ), permanently, with a message naming both
 * @param run - how the task runs [`runFlexTask`, in this thread]; e.g. a pool's `run`
 * @param onBase - told how this process got a spec's base: `solved` (here, and stored for the
 *   others), `fetched` (stored already), `waited` (fetched once another worker had solved it)
 * @example
 * startJobWorker(address, { [FLEX_JOB_KIND]: flexJobHandler('/tmp/ev-cosim-bundles', '0.1.0') });
 */
export function flexJobHandler(
  cacheDir: string,
  packageVersion: string,
  run: (task: FlexTask, base?: BaseExchange) => Promise<FlexTaskResult> = runFlexTask,
  onBase?: (how: 'solved' | 'fetched' | 'waited', slotId: string) => void,
): (data: unknown, context: JobContext) => Promise<FlexTaskResult> {
  return async (data, context) => {
    const job = data as FlexJobData;
    const bundle = (await jobBlob(job, context, packageVersion)) as ScenarioBundle;
    const entry = materializeBundle(bundle, cacheDir);
    failIfListed([flexTaskLabel(job.task)]);
    const id = baseSlotId(job);
    return run({ ...job.task, spec: { ...job.task.spec, scenarioFile: entry } }, reported(context.slot(id), (how) => onBase?.(how, id)));
  };
}

/** The exchange of a slot, telling `note` how the base was got. */
function reported(slot: SharedSlot, note: (how: 'solved' | 'fetched' | 'waited') => void): BaseExchange {
  return {
    take: async () => {
      const offer = await slot.take();
      if ('bytes' in offer) note('fetched');
      else if ('wait' in offer) void offer.wait.then((bytes) => bytes !== undefined && note('waited'), () => {});
      else {
        const { put, abandon } = offer.claimed;
        return { claimed: { put: async (bytes: Uint8Array) => { await put(bytes); note('solved'); }, abandon } };
      }
      return offer;
    },
  };
}

/**
 * Content id of a sweep job's base equilibrium, the same for every task of its sweep on every
 * worker: {package version, bundle hash, spec} (the spec as submitted, its `scenarioFile` the
 * bundle's entry, not a worker's cache path).
 *
 * @example
 * baseSlotId(job); // 64 hex digits
 */
export function baseSlotId(job: FlexJobData): string {
  return contentId({ kind: 'flex-base', packageVersion: job.packageVersion, bundle: job.bundle, spec: job.task.spec });
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
  if (task.kind === 'book') return `flex:book:${task.index}`;
  return `flex:${(task as { kind: string }).kind}`;
}

/** Release the problems the handler prepared (on worker shutdown). */
export const disposeFlexJobs = disposeFlexTasks;
