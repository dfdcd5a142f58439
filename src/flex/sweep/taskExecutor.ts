/**
 * Where sweep tasks run: in this thread, or on a piscina worker pool across the
 * machine's cores.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { disposeFlexTasks, runFlexTask, type FlexTask, type FlexTaskResult } from './flexTask.js';

// This module is `taskExecutor.js` in the compiled package and `taskExecutor.ts` in the sources.
const WORKER_FILE = import.meta.url.endsWith('.js') ? './flexWorker.js' : './flexWorkerFromSource.mjs';

/** Runs tasks; `close` releases threads and solver models. */
export interface TaskExecutor {
  /** Number of tasks that may run at once. */
  readonly concurrency: number;
  run(task: FlexTask): Promise<FlexTaskResult>;
  close(): Promise<void>;
}

/**
 * An executor for `workers` threads: 0 or 1 → in this thread (no pool; handy for
 * tests and debugging), more → a piscina pool. The compiled package's workers run
 * `flexWorker.js`; from the TypeScript sources (tests) a bootstrap registers tsx first.
 *
 * @param workers - thread count; default the machine's available parallelism
 * @example
 * const ex = taskExecutor(2); const r = await ex.run(task); await ex.close();
 */
export function taskExecutor(workers: number = availableParallelism()): TaskExecutor {
  if (workers <= 1) {
    return { concurrency: 1, run: runFlexTask, close: disposeFlexTasks };
  }
  const pool = new Piscina({
    filename: new URL(WORKER_FILE, import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // One task per thread at a time: the DUE is CPU-bound.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  return {
    concurrency: workers,
    run: (task) => pool.run(task) as Promise<FlexTaskResult>,
    close: () => pool.destroy(),
  };
}
