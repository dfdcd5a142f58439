/** Piscina worker body: run one sweep task (see `runFlexTask`). */
import { runFlexTask, type FlexTask, type FlexTaskResult } from './flexTask.js';

/** Worker entry point (piscina calls the default export with the task). */
export default function flexWorker(task: FlexTask): Promise<FlexTaskResult> {
  return runFlexTask(task);
}
