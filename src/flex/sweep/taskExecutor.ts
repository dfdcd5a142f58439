/**
 * Where sweep tasks run: in this thread, or on a piscina worker pool across the
 * machine's cores.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { disposeFlexTasks, runFlexTask, type FlexTask, type FlexTaskResult, type PoolTask, type PoolTaskResult } from './flexTask.js';
import { specFingerprint } from './sweepSpec.js';

// This module is `taskExecutor.js` in the compiled package and `taskExecutor.ts` in the sources.
const WORKER_FILE = import.meta.url.endsWith('.js') ? './flexWorker.js' : './flexWorkerFromSource.mjs';

/**
 * Young generation of each pool thread, MB. V8's default (≈ 32 MB of semi-spaces) makes a
 * co-simulation run scavenge often, and the parallel scavenger's helper threads compete with
 * the other worker for the cores. Measured on the reference scenario (12 warm DTA runs in one
 * worker thread, CPU of every thread of the process): 12.1 / 12.1 / 12.5 s at the default,
 * 11.1 / 11.1 s at 96 MB, 10.7 / 11.2 s at 192 MB — about 9 % less CPU per run; new space
 * settles near 67 MB either way, so larger values buy nothing.
 */
export const POOL_YOUNG_GENERATION_MB = 96;

/** Runs tasks; `close` releases threads and solver models. */
export interface TaskExecutor {
  /** Number of tasks that may run at once. */
  readonly concurrency: number;
  run(task: FlexTask): Promise<FlexTaskResult>;
  close(): Promise<void>;
}

/** Options of {@link taskExecutor} (defaults in brackets; the non-default values are for benchmarks). */
export interface TaskExecutorOptions {
  /** Use a pool even for one worker [false: 0 or 1 worker run in this thread]. */
  readonly pool?: boolean;
  /** Young generation per pool thread, MB; 0 for V8's default [{@link POOL_YOUNG_GENERATION_MB}]. */
  readonly youngGenerationMb?: number;
  /** Solve each spec's base equilibrium once on the pool and hand it to every thread [true]; false: each thread solves its own. */
  readonly shareBase?: boolean;
}

/**
 * An executor for `workers` threads: 0 or 1 → in this thread (no pool; handy for
 * tests and debugging), more → a piscina pool. The compiled package's workers run
 * `flexWorker.js`; from the TypeScript sources (tests) a bootstrap registers tsx first.
 *
 * On a pool, the first task of a spec first runs a `base` task (the spec's base equilibrium,
 * once for the whole pool); every task then carries that warm start, so no other thread
 * solves the base (each thread still prepares its own scenario and OPF models). Results do not
 * change: every run warm-starts from the same base equilibrium, wherever it was solved.
 *
 * @param workers - thread count; default the machine's available parallelism
 * @param options - {@link TaskExecutorOptions}
 * @example
 * const ex = taskExecutor(2); const r = await ex.run(task); await ex.close();
 */
export function taskExecutor(workers: number = availableParallelism(), options: TaskExecutorOptions = {}): TaskExecutor {
  if (workers <= 1 && !options.pool) {
    return { concurrency: 1, run: runFlexTask, close: disposeFlexTasks };
  }
  const threads = Math.max(1, workers);
  const young = options.youngGenerationMb ?? POOL_YOUNG_GENERATION_MB;
  const pool = new Piscina({
    filename: new URL(WORKER_FILE, import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    // One task per thread at a time: the DUE is CPU-bound.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    ...(young > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}),
  });
  const runOnPool = (task: PoolTask): Promise<PoolTaskResult> => pool.run(task) as Promise<PoolTaskResult>;
  const bases = new Map<string, Promise<Extract<PoolTaskResult, { kind: 'base' }>>>();
  const run = async (task: FlexTask): Promise<FlexTaskResult> => {
    if (options.shareBase === false) return runOnPool(task) as Promise<FlexTaskResult>;
    const key = specFingerprint(task.spec);
    let base = bases.get(key);
    const first = base === undefined;
    if (base === undefined) {
      base = runOnPool({ kind: 'base', spec: task.spec }) as Promise<Extract<PoolTaskResult, { kind: 'base' }>>;
      bases.set(key, base);
    }
    const shared = await base;
    const result = await runOnPool(shared.warmStart === undefined ? task : { ...task, warmStart: shared.warmStart }) as FlexTaskResult;
    return first ? { ...result, prepareMs: (result.prepareMs ?? 0) + shared.wallMs } : result;
  };
  return {
    concurrency: threads,
    run,
    close: () => pool.destroy(),
  };
}
