/** Piscina worker body: run one pool task (see `runPoolTask`: a sweep task, or the shared base). */
import { runPoolTask, type PoolTask, type PoolTaskResult } from './flexTask.js';

/** Worker entry point (piscina calls the default export with the task). */
export default function flexWorker(task: PoolTask): Promise<PoolTaskResult> {
  return runPoolTask(task);
}
