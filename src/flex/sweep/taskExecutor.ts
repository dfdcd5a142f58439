/**
 * Where sweep tasks run: in this thread, or on a piscina worker pool across the
 * machine's cores.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { disposeFlexTasks, runFlexTask, sharedWarmStart, type FlexTask, type FlexTaskResult, type PoolTask, type PoolTaskResult } from './flexTask.js';
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
  /** Run a task; `base`: where the spec's base is shared with other processes (a pool's first task of the spec uses it). */
  run(task: FlexTask, base?: BaseExchange): Promise<FlexTaskResult>;
  close(): Promise<void>;
}

/**
 * A spec's base equilibrium shared beyond this pool (the queue's worker processes: `sharedSlot`
 * of src/jobs), as V8-serialized bytes of the `BaseWarmStart` (empty: the spec has none). `take`
 * offers the stored bytes, or the claim (this pool solves the base, then `put`s it), or a wait
 * for another process's bytes (undefined: it gave up; take again).
 */
export interface BaseExchange {
  take(): Promise<
    | { readonly bytes: Uint8Array }
    | { readonly claimed: { put(bytes: Uint8Array): Promise<void>; abandon(): Promise<void> } }
    | { readonly wait: Promise<Uint8Array | undefined> }
  >;
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
 * once for the whole pool) beside one `prepare` task per other thread (each thread builds its
 * own scenario and OPF models meanwhile instead of idling); every task then carries that warm
 * start, serialized once into shared memory (`sharedWarmStart`: no copy per task), so no other
 * thread solves the base. Results do not change: every run warm-starts from
 * the same base equilibrium, wherever it was solved. The spec's first result carries the wall
 * time of the base and prepare tasks (`setupMs`) and adds their CPU to its `cpuMs`.
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
    // not the string-input flags of a `node -e` / `--input-type` process: a thread (and tsx's loader) refuses them
    execArgv: poolExecArgv(process.execArgv),
    ...(young > 0 ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}),
  });
  // Tasks wait here, not in piscina's FIFO queue, and go to the pool only when a thread is free,
  // in `dispatchPriority` order: the base and prepare tasks first, then the DTA sweep's before the
  // STA sweep's, direction searches (long chains of runs) before single runs (design probes,
  // candidates), so short tasks and the cheaper model fill the end of each phase.
  const waiting: { task: PoolTask; priority: number; resolve: (r: PoolTaskResult) => void; reject: (e: unknown) => void }[] = [];
  let running = 0;
  let closed = false;
  const pump = (): void => {
    while (!closed && running < threads && waiting.length > 0) {
      let best = 0;
      for (let i = 1; i < waiting.length; i++) if (waiting[i].priority > waiting[best].priority) best = i;
      const [next] = waiting.splice(best, 1);
      running++;
      (pool.run(next.task) as Promise<PoolTaskResult>).then(next.resolve, next.reject).finally(() => {
        running--;
        // after the result's continuations have queued what they submit in reply
        setImmediate(pump);
      });
    }
  };
  const runOnPool = (task: PoolTask): Promise<PoolTaskResult> => new Promise((resolve, reject) => {
    if (closed) {
      reject(new Error('flex/taskExecutor: the pool is closed'));
      return;
    }
    waiting.push({ task, priority: dispatchPriority(task), resolve, reject });
    pump();
  });
  type Setup = Extract<PoolTaskResult, { kind: 'base' | 'prepare' }>;
  // Each spec's base, serialized once into shared memory (no copy per task), and the setup tasks run for it.
  type SpecBase = { readonly blob: SharedArrayBuffer | undefined; readonly setup: Promise<Setup[]> };
  const bases = new Map<string, Promise<SpecBase>>();
  // (a failed preparation surfaces in the spec's tasks, which build the same problem: never unhandled here)
  const prepare = (spec: FlexTask['spec'], count: number): Promise<Setup[]> => {
    const all = Promise.all(Array.from({ length: count }, () => runOnPool({ kind: 'prepare', spec }) as Promise<Setup>));
    all.catch(() => {});
    return all;
  };
  const solveHere = async (spec: FlexTask['spec']): Promise<SpecBase> => {
    const base = runOnPool({ kind: 'base', spec }) as Promise<Setup>;
    // The other threads build their problem while one solves the base (else they would idle).
    const prepares = prepare(spec, threads - 1);
    const shared = await base;
    const setup = prepares.then((p) => [shared, ...p]);
    setup.catch(() => {});
    return { blob: shared.warmStart === undefined ? undefined : sharedWarmStart(shared.warmStart), setup };
  };
  const fromBytes = (bytes: Uint8Array, setup: Promise<Setup[]>): SpecBase => {
    if (bytes.length === 0) return { blob: undefined, setup };
    const blob = new SharedArrayBuffer(bytes.length);
    new Uint8Array(blob).set(bytes);
    return { blob, setup };
  };
  // With an exchange: take the stored base, or solve it here and store it, or prepare every thread while another process solves it.
  const exchanged = async (spec: FlexTask['spec'], exchange: BaseExchange): Promise<SpecBase> => {
    for (;;) {
      const offer = await exchange.take();
      if ('bytes' in offer) return fromBytes(offer.bytes, Promise.resolve([]));
      if ('claimed' in offer) {
        let solved: SpecBase;
        try {
          solved = await solveHere(spec);
        } catch (error) {
          await offer.claimed.abandon().catch(() => {});
          throw error;
        }
        await offer.claimed.put(solved.blob === undefined ? new Uint8Array(0) : new Uint8Array(solved.blob));
        return solved;
      }
      const prepares = prepare(spec, threads);
      const bytes = await offer.wait;
      if (bytes !== undefined) return fromBytes(bytes, prepares);
      await prepares.catch(() => {});
    }
  };
  const run = async (task: FlexTask, exchange?: BaseExchange): Promise<FlexTaskResult> => {
    if (options.shareBase === false) return runOnPool(task) as Promise<FlexTaskResult>;
    const key = specFingerprint(task.spec);
    let base = bases.get(key);
    const first = base === undefined;
    if (base === undefined) {
      base = exchange === undefined ? solveHere(task.spec) : exchanged(task.spec, exchange);
      bases.set(key, base);
    }
    const { blob, setup: setupTasks } = await base;
    const result = await runOnPool(blob === undefined ? task : { ...task, sharedBase: blob }) as FlexTaskResult;
    if (!first) return result;
    // The spec's first result carries the time of the base and prepare tasks.
    const setup = await setupTasks;
    const cpuMs = result.cpuMs !== undefined && setup.every((x) => x.cpuMs !== undefined) ? setup.reduce((a, x) => a + x.cpuMs!, result.cpuMs) : undefined;
    return { ...result, setupMs: setup.reduce((a, x) => a + x.wallMs, 0), ...(cpuMs === undefined ? {} : { cpuMs }) };
  };
  return {
    concurrency: threads,
    run,
    close: async () => {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new Error('flex/taskExecutor: the pool was closed before the task ran'));
      await pool.destroy();
    },
  };
}

/**
 * The exec flags a pool thread inherits: the process's, without those about string input
 * (`-e`/`--eval`, `-p`/`--print` with their code, `--input-type`). A thread inheriting them
 * fails to load its module (`ERR_INPUT_TYPE_NOT_ALLOWED`), e.g. in a worker started by
 * `node --input-type=module -e "…"`.
 *
 * @example
 * poolExecArgv(['--import', 'tsx', '--input-type=module', '-e', 'code']); // ['--import', 'tsx']
 */
export function poolExecArgv(execArgv: readonly string[]): string[] {
  const withValue = new Set(['-e', '--eval', '-p', '--print', '--input-type']);
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i];
    if (withValue.has(flag)) {
      i++; // its value
      continue;
    }
    if (/^(--eval|--print|--input-type)=/.test(flag) || flag === '-pe') {
      if (flag === '-pe') i++;
      continue;
    }
    out.push(flag);
  }
  return out;
}

/**
 * Order in which waiting pool tasks go to a free thread (higher first; equal: first come):
 * base and prepare tasks; then the DTA sweep's tasks before the STA sweep's, in each a
 * direction search (a long chain of runs) before a single run (design probe, candidate,
 * checked book).
 *
 * Why DTA first: its runs cost more and its phases (design, start directions, adaptive rounds)
 * are the study's longest chain; each phase ends with its last search running alone. Held
 * back, the STA sweep's tasks fill those ends instead of finishing early. Measured on the
 * reference sweep (both models, 2 threads, idle machine, the same 1,504 runs and vertex counts):
 * 410.2 → 367.0 s wall, 770.2 → 696.7 s CPU; measured as a pair in one run, one thread → two
 * 1.86× (docs/flexibility.md §9).
 *
 * @example
 * dispatchPriority({ kind: 'direction', spec: dtaSpec, direction: 0, design }); // 3
 */
export function dispatchPriority(task: PoolTask): number {
  if (task.kind === 'base' || task.kind === 'prepare') return 4;
  const kind = task.kind === 'direction' ? 1 : 0;
  return task.spec.model === 'dta' ? 2 + kind : kind;
}
