/**
 * The `queue` executor of a sweep: the same {@link TaskExecutor} interface as the inline
 * and piscina executors, with every task sent to a BullMQ queue for `ev-cosim worker`
 * processes on any machine (docs/distributed.md).
 *
 * What a task carries: the task with its spec's `scenarioFile` replaced by the entry name
 * of the scenario's bundle (`bundleScenario`: the scenario and every user file it
 * references, hash-addressed), and that bundle's hash. The bundle itself is stored once on
 * the server (a blob under its hash); a worker materializes it into its cache folder and
 * runs the task on that copy, so it never reads a file other than the submitter's.
 *
 * Task ids are the content hash of {kind, package version, bundle hash, task}: the same
 * task has the same id wherever and whenever it is submitted, so results are placed by
 * task (never by finishing order) and a task whose worker died is retried under the same
 * id and counted once.
 */
import { bundleScenario, type ScenarioBundle } from '../../sim/index.js';
import { contentId, JobFailedError, openJobSubmitter, type DeadLetter, type JobEvent, type JobSubmitter, type QueueAddress } from '../../jobs/index.js';
import type { FlexTask, FlexTaskResult } from '../sweep/flexTask.js';
import type { TaskExecutor } from '../sweep/taskExecutor.js';

/** Job kind of a sweep task on the queue. */
export const FLEX_JOB_KIND = 'flex-task';

/** What a sweep job carries (JSON). */
export interface FlexJobData {
  /** Hash of the scenario bundle (a blob on the server). */
  readonly bundle: string;
  /** Package version of the submitter (workers of another version refuse the job). */
  readonly packageVersion: string;
  /** The task, its spec's `scenarioFile` being the bundle's entry name. */
  readonly task: FlexTask;
}

/** Options of {@link queueTaskExecutor}. */
export interface QueueExecutorOptions {
  /** Attempts per task [3]. */
  readonly attempts?: number;
  /** Tasks the sweep may have on the queue at once [256] (the executor's `concurrency`). */
  readonly inFlight?: number;
  readonly onEvent?: (event: JobEvent) => void;
}

/** A queue executor, with what the queue reported. */
export interface QueueTaskExecutor extends TaskExecutor {
  /** Tasks that failed their last attempt. */
  readonly deadLetters: readonly DeadLetter[];
  readonly submitter: JobSubmitter;
}

/**
 * Rejection of a queue executor's `run` for a task that failed its last attempt (a dead letter):
 * the message is the worker's last reason; `attempts` the attempts made (`runSweep` records
 * both in the sweep's dead letters and goes on without the task).
 */
export class QueueTaskFailedError extends Error {
  readonly attempts: number;
  /** The job's id on the queue (its content id). */
  readonly jobId: string;

  constructor(letter: DeadLetter) {
    super(letter.reason);
    this.name = 'QueueTaskFailedError';
    this.attempts = letter.attempts;
    this.jobId = letter.id;
  }
}

/**
 * Connect to the queue and return an executor whose tasks run on `ev-cosim worker`s.
 * A dead-lettered task rejects its `run` with a {@link QueueTaskFailedError} (its attempts and
 * last reason); the dead letters are also in `deadLetters`.
 *
 * @param address - `parseQueueUrl(--queue)`
 * @throws InputError when no server answers
 * @example
 * const ex = await queueTaskExecutor(parseQueueUrl('redis://127.0.0.1:6379/0'));
 * const run = await runSweep(spec, { executor: ex }); await ex.close();
 */
export async function queueTaskExecutor(address: QueueAddress, options: QueueExecutorOptions = {}): Promise<QueueTaskExecutor> {
  const submitter = await openJobSubmitter(address, { attempts: options.attempts, onEvent: options.onEvent });
  const bundles = new Map<string, Promise<ScenarioBundle>>();
  const bundleOf = (file: string, overrides: readonly string[]): Promise<ScenarioBundle> => {
    const key = JSON.stringify([file, overrides]);
    let pending = bundles.get(key);
    if (!pending) {
      pending = (async () => {
        const bundle = bundleScenario(file, overrides);
        await submitter.putBlob(bundle.hash, bundle);
        return bundle;
      })();
      bundles.set(key, pending);
    }
    return pending;
  };
  return {
    concurrency: options.inFlight ?? 256,
    deadLetters: submitter.deadLetters,
    submitter,
    run: async (task) => {
      const bundle = await bundleOf(task.spec.scenarioFile, task.spec.overrides);
      const data: FlexJobData = {
        bundle: bundle.hash,
        packageVersion: bundle.packageVersion,
        task: { ...task, spec: { ...task.spec, scenarioFile: bundle.entry, overrides: bundle.overrides } },
      };
      try {
        return await submitter.run<FlexTaskResult>(FLEX_JOB_KIND, data, contentId({ kind: FLEX_JOB_KIND, data }));
      } catch (error) {
        if (error instanceof JobFailedError) throw new QueueTaskFailedError(error.deadLetter);
        throw error;
      }
    },
    close: () => submitter.close(),
  };
}
