/**
 * The submitting side of the job queue: put tasks on a BullMQ queue under deterministic
 * ids and wait for their results (docs/distributed.md).
 *
 * - **Dedupe by id.** A job's id is the content hash of its kind and data (or an id the
 *   caller derived from content): adding a job whose id is already queued, running or
 *   completed adds nothing, so a task is never run twice into a result set, and a
 *   repeated study takes finished results from the queue.
 * - **Retries and dead letters.** A failed attempt is retried up to `attempts` times in
 *   all; a job that fails its last attempt (or a worker's {@link PermanentJobError}) is a
 *   dead letter: listed in {@link JobSubmitter.deadLetters} and its `run` rejects with
 *   {@link JobFailedError}. Submitting a dead letter again retries it from attempt 1.
 * - **Progress** from the queue's event stream ({@link JobEvent}), only for this
 *   submitter's jobs.
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import { InputError } from '../common/errors.js';
import { contentId } from './contentId.js';
import { serverReachable } from './probeServer.js';
import type { QueueAddress } from './queueUrl.js';

/** What happened to one of the submitter's jobs. */
export interface JobEvent {
  readonly id: string;
  readonly kind: string;
  /**
   * `queued`: added; `reused`: already on the queue (waiting, running or finished) under this id;
   * `active`: a worker took it; `retrying`: an attempt failed, it waits for the next one;
   * `stalled`: its worker stopped renewing the lock (killed?), it goes back to the queue;
   * `completed`; `dead`: failed its last attempt.
   */
  readonly state: 'queued' | 'reused' | 'active' | 'retrying' | 'stalled' | 'completed' | 'dead';
  /** Failure reason (`retrying`, `dead`). */
  readonly reason?: string;
}

/** A job that failed for good. */
export interface DeadLetter {
  readonly id: string;
  readonly kind: string;
  /** Attempts made (stalls that ended in a failure count as attempts). */
  readonly attempts: number;
  readonly reason: string;
}

/** Options of {@link openJobSubmitter}; defaults in brackets. */
export interface JobSubmitterOptions {
  /** Attempts per job, the first included [3]. */
  readonly attempts?: number;
  /** Wait before a retry, ms [1000]. */
  readonly backoffMs?: number;
  /** Finished jobs (results and dead letters) are kept this long, s [7 days]. */
  readonly keepSeconds?: number;
  /** Give up connecting after, ms [5000]. */
  readonly connectTimeoutMs?: number;
  readonly onEvent?: (event: JobEvent) => void;
}

/** Rejection of {@link JobSubmitter.run} for a dead letter. */
export class JobFailedError extends Error {
  readonly deadLetter: DeadLetter;

  constructor(deadLetter: DeadLetter) {
    super(`job ${deadLetter.kind} ${deadLetter.id.slice(0, 12)} failed after ${deadLetter.attempts} attempt${deadLetter.attempts === 1 ? '' : 's'}: ${deadLetter.reason}`);
    this.name = 'JobFailedError';
    this.deadLetter = deadLetter;
  }
}

/** Counts of a submitter's jobs. */
export interface SubmitterStats {
  /** Jobs added by this submitter. */
  submitted: number;
  /** Jobs found on the queue under their id (another submitter's or an earlier run's). */
  reused: number;
  completed: number;
  dead: number;
}

/** A connection to the queue for submitting jobs. */
export interface JobSubmitter {
  readonly address: QueueAddress;
  /** Store a JSON value under a content id for the workers (kept `keepSeconds`; an existing one is kept). */
  putBlob(id: string, value: unknown): Promise<void>;
  /**
   * Queue a job (or find it under its id) and resolve to its result.
   *
   * @param kind - handler name on the workers
   * @param data - JSON-serializable input
   * @param id - job id [contentId({ kind, data })]
   */
  run<R>(kind: string, data: unknown, id?: string): Promise<R>;
  readonly deadLetters: readonly DeadLetter[];
  readonly stats: Readonly<SubmitterStats>;
  close(): Promise<void>;
}

/**
 * Redis key of a blob (shared by submitter and worker).
 *
 * @example
 * blobKey(parseQueueUrl('redis://h/0'), hash); // 'ev-cosim:ev-cosim:blob:<hash>'
 */
export function blobKey(address: QueueAddress, id: string): string {
  return `ev-cosim:${address.queueName}:blob:${id}`;
}

/**
 * Connect to the queue.
 *
 * @throws InputError when no server answers within `connectTimeoutMs`
 * @example
 * const q = await openJobSubmitter(parseQueueUrl('redis://127.0.0.1:6379/0'));
 * const r = await q.run<number>('square', { x: 3 }); await q.close();
 */
export async function openJobSubmitter(address: QueueAddress, options: JobSubmitterOptions = {}): Promise<JobSubmitter> {
  const attempts = options.attempts ?? 3;
  const keepSeconds = options.keepSeconds ?? 7 * 24 * 3600;
  const connectMs = options.connectTimeoutMs ?? 5000;
  if (!(await serverReachable(address, connectMs))) throw noServer(address);
  const connection = { ...address.connection, maxRetriesPerRequest: null, enableOfflineQueue: true };
  const queue = new Queue(address.queueName, { connection });
  const events = new QueueEvents(address.queueName, { connection });
  // ioredis retries for ever: an unreachable server would hang; say so instead
  const quiet = (): void => {};
  queue.on('error', quiet);
  events.on('error', quiet);
  // every waiting job listens on both (BullMQ's waitUntilFinished); a sweep waits for hundreds
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  try {
    await withTimeout(Promise.all([queue.waitUntilReady(), events.waitUntilReady()]), connectMs);
  } catch {
    // close() would wait for a connection that never comes; drop the sockets and reconnect timers
    await settleWithin(Promise.allSettled([queue.disconnect(), events.disconnect()]), 1000);
    throw noServer(address);
  }
  const kinds = new Map<string, string>(); // id → kind of the jobs this submitter waits for
  const emit = (id: string, state: JobEvent['state'], reason?: string): void => {
    const kind = kinds.get(id);
    if (kind !== undefined) options.onEvent?.({ id, kind, state, ...(reason !== undefined ? { reason } : {}) });
  };
  events.on('active', ({ jobId }) => emit(jobId, 'active'));
  events.on('stalled', ({ jobId }) => emit(jobId, 'stalled'));
  events.on('delayed', ({ jobId }) => emit(jobId, 'retrying'));
  events.on('waiting', ({ jobId, prev }) => {
    if (prev === 'failed') emit(jobId, 'retrying');
  });
  const deadLetters: DeadLetter[] = [];
  const stats: SubmitterStats = { submitted: 0, reused: 0, completed: 0, dead: 0 };
  const client = await queue.client;

  const run = async <R>(kind: string, data: unknown, given?: string): Promise<R> => {
    const id = given ?? contentId({ kind, data });
    kinds.set(id, kind);
    let job = await Job.fromId(queue, id);
    if (job) {
      const state = await job.getState();
      if (state === 'failed') await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      stats.reused++;
      emit(id, 'reused');
    } else {
      job = await queue.add(kind, data, {
        jobId: id,
        attempts,
        backoff: { type: 'fixed', delay: options.backoffMs ?? 1000 },
        removeOnComplete: { age: keepSeconds },
        removeOnFail: { age: keepSeconds },
      });
      stats.submitted++;
      emit(id, 'queued');
    }
    try {
      const result = (await job.waitUntilFinished(events)) as R;
      stats.completed++;
      emit(id, 'completed');
      return result;
    } catch (error) {
      const after = await Job.fromId(queue, id);
      const letter: DeadLetter = {
        id,
        kind,
        attempts: after?.attemptsMade ?? attempts,
        reason: after?.failedReason ?? (error instanceof Error ? error.message : String(error)),
      };
      deadLetters.push(letter);
      stats.dead++;
      emit(id, 'dead', letter.reason);
      throw new JobFailedError(letter);
    }
  };

  return {
    address,
    putBlob: async (id, value) => {
      const key = blobKey(address, id);
      // content-addressed: an existing blob holds the same value
      if ((await client.get(key)) === null) await client.set(key, JSON.stringify(value), { EX: keepSeconds });
    },
    run,
    deadLetters,
    stats,
    close: async () => {
      await Promise.allSettled([events.close(), queue.close()]);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Wait for `promise`, at most `ms`. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The one error of an unreachable queue server.
 *
 * @example
 * throw noServer(address); // "--queue = "redis://h:6379/0": no Redis server answered there …"
 */
export function noServer(address: QueueAddress, source = 'ev-cosim'): InputError {
  return new InputError({ source, field: '--queue', value: address.display }, 'no Redis server answered there (start one, or check the host, port and database)');
}
