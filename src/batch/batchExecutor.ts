/**
 * Where batch cases run: one after another in this process (`inline`), or as jobs on a
 * BullMQ queue for `ev-cosim worker`s (`queue`; docs/distributed.md). Either way a case
 * is identified by {@link caseId}, the content hash of its scenario bundle (scenario,
 * every referenced file, overrides) and of what its summary records, so its results are
 * the same whoever ran it, and a finished case is recognized on resume.
 */
import { bundleScenario, materializeBundle, type ScenarioBundle } from '../sim/index.js';
import { contentId, failIfListed, JobFailedError, jobBlob, openJobSubmitter, type DeadLetter, type JobContext, type JobEvent, type QueueAddress } from '../jobs/index.js';
import { runBatchCase, type BatchCaseResult } from './runBatchCase.js';

/** Job kind of a batch case on the queue. */
export const BATCH_JOB_KIND = 'batch-case';

/** A case to run. */
export interface BatchTask {
  readonly scenarioFile: string;
  /** Base overrides, then the case's. */
  readonly overrides: readonly string[];
}

/** A case's content id and bundle. */
export interface PreparedTask {
  readonly id: string;
  readonly bundle: ScenarioBundle;
  readonly task: BatchTask;
}

/** What a batch-case job carries (JSON). */
export interface BatchJobData {
  readonly bundle: string;
  readonly packageVersion: string;
  /** The scenario file as the submitter named it (recorded in summary.json). */
  readonly displayFile: string;
}

/** Runs cases; a case that failed for good rejects with {@link CaseFailedError}. */
export interface BatchExecutor {
  readonly kind: 'inline' | 'queue';
  run(task: PreparedTask): Promise<BatchCaseResult>;
  readonly deadLetters: readonly DeadLetter[];
  close(): Promise<void>;
}

/** A case without results: its exit code (1 bad input, 2 otherwise), the attempts made, and why (the last attempt's reason). */
export class CaseFailedError extends Error {
  readonly exit: 1 | 2;
  readonly attempts: number;

  constructor(message: string, exit: 1 | 2, attempts = 1) {
    super(message);
    this.name = 'CaseFailedError';
    this.exit = exit;
    this.attempts = attempts;
  }
}

/**
 * Bundle a case and derive its id (reads the scenario and its files; no run).
 *
 * @throws InputError for a bad scenario, file or override
 * @example
 * const p = prepareBatchTask({ scenarioFile: 'base.json', overrides: ['demand.scale=1.2'] });
 */
export function prepareBatchTask(task: BatchTask, displayFile: string): PreparedTask {
  const bundle = bundleScenario(task.scenarioFile, task.overrides);
  return { id: caseId(bundle, displayFile), bundle, task };
}

/**
 * Content id of a case: bundle hash, package version, and the scenario path its summary records.
 *
 * @example
 * caseId(bundleScenario(file, overrides), resolve(file)); // 64 hex digits
 */
export function caseId(bundle: ScenarioBundle, displayFile: string): string {
  return contentId({ kind: BATCH_JOB_KIND, data: jobData(bundle, displayFile) });
}

function jobData(bundle: ScenarioBundle, displayFile: string): BatchJobData {
  return { bundle: bundle.hash, packageVersion: bundle.packageVersion, displayFile };
}

/**
 * Cases in this process, one at a time.
 *
 * @example
 * const ex = inlineBatchExecutor('/abs/base.json');
 */
export function inlineBatchExecutor(displayFile: string): BatchExecutor {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    kind: 'inline',
    deadLetters: [],
    run: (p) => {
      const next = chain.then(() => runBatchCase({ scenarioFile: p.task.scenarioFile, displayFile, overrides: p.task.overrides }));
      chain = next.catch(() => {});
      return next;
    },
    close: async () => {},
  };
}

/**
 * Cases as queue jobs (all submitted at once; the workers decide the pace).
 *
 * @throws InputError when no server answers
 * @example
 * const ex = await queueBatchExecutor(parseQueueUrl(url), '/abs/base.json');
 */
export async function queueBatchExecutor(address: QueueAddress, displayFile: string, options: { attempts?: number; onEvent?: (e: JobEvent) => void } = {}): Promise<BatchExecutor> {
  const submitter = await openJobSubmitter(address, options);
  return {
    kind: 'queue',
    deadLetters: submitter.deadLetters,
    run: async (p) => {
      await submitter.putBlob(p.bundle.hash, p.bundle);
      try {
        return await submitter.run<BatchCaseResult>(BATCH_JOB_KIND, jobData(p.bundle, displayFile), p.id);
      } catch (error) {
        if (error instanceof JobFailedError) throw new CaseFailedError(error.deadLetter.reason, 2, error.deadLetter.attempts);
        throw error;
      }
    },
    close: () => submitter.close(),
  };
}

/**
 * The worker side: materialize the case's bundle and run it.
 *
 * @example
 * startJobWorker(address, { [BATCH_JOB_KIND]: batchJobHandler(cacheDir, '0.1.0') });
 */
export function batchJobHandler(cacheDir: string, packageVersion: string): (data: unknown, context: JobContext) => Promise<BatchCaseResult> {
  return async (data, context) => {
    const job = data as BatchJobData;
    const bundle = (await jobBlob(job, context, packageVersion)) as ScenarioBundle;
    const entry = materializeBundle(bundle, cacheDir);
    failIfListed(bundle.overrides.map((o) => `batch:${o}`));
    return runBatchCase({ scenarioFile: entry, displayFile: job.displayFile, overrides: bundle.overrides });
  };
}
