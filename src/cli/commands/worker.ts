/**
 * `ev-cosim worker --queue URL [--concurrency N]`: consume sweep tasks and batch cases
 * from a Redis-backed job queue until SIGINT / SIGTERM (docs/distributed.md).
 */
import type { Command } from 'commander';
import type { WorkerCommandOptions } from '../actions/workerAction.js';

/**
 * Register `worker`.
 *
 * Steps: connect to the queue (`--queue` or `EV_COSIM_QUEUE`; no server → exit 1); take
 * `flex` sweep tasks and `batch` cases, each with its scenario bundle fetched by hash and
 * materialized in `--cache-dir`; a sweep's base equilibrium solved by
 * the first worker that needs it and taken from the queue by the others; one line per finished or failed task on stderr; on
 * SIGINT / SIGTERM stop taking tasks, finish the running ones, exit 0.
 *
 * @example
 * // ev-cosim worker --queue redis://10.0.0.5:6379/0 --concurrency 2
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run flex sweep tasks and batch cases from a Redis job queue (BullMQ) until SIGINT/SIGTERM; start one per machine against the same queue.')
    .option('-q, --queue <url>', 'queue: redis://host:port/db[?queue=name] (default: $EV_COSIM_QUEUE)')
    .option('-c, --concurrency <n>', 'tasks run at once (flex tasks on that many threads; batch cases share one thread)', '1')
    .option('--cache-dir <dir>', 'folder of materialized scenario bundles (default: <tmp>/ev-cosim-bundles)')
    .option('--lock-seconds <s>', 'a task whose worker has not renewed its lock for this long is retried elsewhere (a killed worker); must exceed the longest task step', '120')
    .option('--no-shared-base', 'solve each sweep\'s base equilibrium in this process instead of sharing it with the queue\'s other workers (for comparisons; results are the same)')
    .action(async (options: WorkerCommandOptions) => {
      const { workerCommand } = await import('../actions/workerAction.js');
      await workerCommand(options);
    });
}
