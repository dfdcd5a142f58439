/** Sweep tasks on a job queue (docs/distributed.md): re-exports only. */
export { queueTaskExecutor, QueueTaskFailedError, FLEX_JOB_KIND, type QueueTaskExecutor, type QueueExecutorOptions, type FlexJobData } from './flexQueueExecutor.js';
export { flexJobHandler, flexTaskLabel, baseSlotId, disposeFlexJobs } from './flexJobHandler.js';
