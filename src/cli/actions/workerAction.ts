/**
 * What `ev-cosim worker` does once its options are parsed (loaded lazily by `../commands/worker.ts`).
 * Handlers: flex sweep tasks (`flex-task`, on a thread pool of `--concurrency` threads) and batch
 * cases (`batch-case`); each task's scenario bundle is fetched by hash and materialized in the cache folder.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../common/errors.js';
import { parseQueueUrl, startJobWorker, type WorkerTaskLog } from '../../jobs/index.js';
import { flexJobHandler, FLEX_JOB_KIND } from '../../flex/queue/index.js';
import { taskExecutor } from '../../flex/sweep/taskExecutor.js';
import { BATCH_JOB_KIND, batchJobHandler } from '../../batch/index.js';

/** Options of the `worker` command. */
export interface WorkerCommandOptions {
  readonly queue?: string;
  readonly concurrency: string;
  readonly cacheDir?: string;
  readonly lockSeconds: string;
  /** false (`--no-shared-base`): each worker solves each spec's base itself. */
  readonly sharedBase?: boolean;
}

const SOURCE = 'ev-cosim worker';

/**
 * Version of this package (a worker refuses tasks of another version).
 *
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(): string {
  // src/cli/actions and dist/cli/actions both sit three levels below the package root
  const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  return String((JSON.parse(text) as { version?: unknown }).version);
}

/**
 * Run `ev-cosim worker` (registered in `commands/worker.ts`): resolves after SIGINT / SIGTERM
 * once the running tasks have finished.
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<void> {
  const address = parseQueueUrl(options.queue);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InputError({ source: SOURCE, field: '--concurrency', value: options.concurrency }, 'must be an integer ≥ 1');
  const lockSeconds = Number(options.lockSeconds);
  if (!Number.isFinite(lockSeconds) || lockSeconds < 1) throw new InputError({ source: SOURCE, field: '--lock-seconds', value: options.lockSeconds }, 'must be a number of seconds ≥ 1');
  const cacheDir = options.cacheDir ?? join(tmpdir(), 'ev-cosim-bundles');
  const version = packageVersion();
  // sweep tasks on a pool of `concurrency` threads (one base equilibrium per spec, shared with the queue's other
  // workers through the server: the first to need it solves and stores it), also for 1: off the main
  // thread, so the job locks are renewed while a task computes, with the pool's larger young generation
  const flexExecutor = taskExecutor(concurrency, { pool: true });
  const baseLine = (how: 'solved' | 'fetched' | 'waited', id: string): void => {
    const said = { solved: 'solved here and stored on the queue', fetched: 'taken from the queue', waited: 'taken from the queue once another worker had solved it' }[how];
    process.stderr.write(`ev-cosim worker: flex base ${id.slice(0, 12)} ${said}\n`);
  };
  const runFlex = flexJobHandler(cacheDir, version, (task, base) => flexExecutor.run(task, options.sharedBase === false ? undefined : base), baseLine);
  const line = (log: WorkerTaskLog): void => {
    process.stderr.write(`ev-cosim worker: ${log.kind} ${log.id.slice(0, 12)} attempt ${log.attempt} ${log.outcome} in ${(log.wallMs / 1000).toFixed(1)} s${log.reason ? `: ${log.reason}` : ''}\n`);
  };
  const worker = await startJobWorker(address, {
    [FLEX_JOB_KIND]: runFlex,
    [BATCH_JOB_KIND]: batchJobHandler(cacheDir, version),
  }, { concurrency, lockMs: lockSeconds * 1000, onTask: line });
  process.stderr.write(`ev-cosim worker: ${process.pid} consuming ${address.display} (concurrency ${concurrency}, bundles in ${cacheDir}); SIGINT or SIGTERM stops it\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stderr.write(`ev-cosim worker: ${signal}: finishing running tasks, then exiting\n`);
      resolve();
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  await worker.close();
  await flexExecutor.close();
  process.stderr.write('ev-cosim worker: stopped\n');
}
