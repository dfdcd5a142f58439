/**
 * The consuming side of the job queue: take jobs, run the handler of their kind, and
 * store the result under the job's id (docs/distributed.md).
 *
 * Failure semantics: a handler that throws fails the attempt (retried by the queue up to
 * the job's attempts); {@link PermanentJobError} fails the job at once (bad input is not
 * cured by retrying). A worker killed mid-job stops renewing its lock: after `lockMs`
 * another worker's stalled check puts the job back on the queue, and it runs again from
 * its input (its result is stored once, under its id).
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { InputError } from '../common/errors.js';
import { blobKey, noServer } from './jobSubmitter.js';
import { serverReachable } from './probeServer.js';
import type { QueueAddress } from './queueUrl.js';
import { sharedSlot, type SharedSlot, type SlotClient } from './sharedSlot.js';

/** Thrown by a handler: fail the job without retrying it. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** What a handler gets besides the job's data. */
export interface JobContext {
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** A blob the submitter stored (cached in this worker). */
  getBlob(id: string): Promise<unknown>;
  /** A value computed once for every worker of the queue ({@link sharedSlot}), by content id. */
  slot(id: string): SharedSlot;
}

/** A handler per job kind. */
export type JobHandlers = Readonly<Record<string, (data: unknown, context: JobContext) => Promise<unknown>>>;

/** One finished (or failed) attempt, for the worker's log. */
export interface WorkerTaskLog {
  readonly id: string;
  readonly kind: string;
  readonly attempt: number;
  readonly outcome: 'completed' | 'failed';
  readonly wallMs: number;
  readonly reason?: string;
}

/** Options of {@link startJobWorker}; defaults in brackets. */
export interface JobWorkerOptions {
  /** Jobs run at once [1]. */
  readonly concurrency?: number;
  /**
   * Lock time, ms [120 000]: a job whose worker has not renewed its lock for this long is
   * taken as stalled. It must exceed the longest stretch a handler blocks the event loop.
   */
  readonly lockMs?: number;
  /** Stalls a job may have before it is failed [3]. */
  readonly maxStalls?: number;
  readonly onTask?: (log: WorkerTaskLog) => void;
  /** Give up connecting after, ms [5000]. */
  readonly connectTimeoutMs?: number;
}

/** A running worker. */
export interface JobWorker {
  /** Stop taking jobs, let running ones finish, disconnect. */
  close(): Promise<void>;
}

/**
 * Start consuming jobs.
 *
 * @throws InputError when no server answers within `connectTimeoutMs`
 * @example
 * const w = await startJobWorker(parseQueueUrl(url), { square: async (d) => (d as { x: number }).x ** 2 });
 * process.once('SIGTERM', () => void w.close());
 */
export async function startJobWorker(address: QueueAddress, handlers: JobHandlers, options: JobWorkerOptions = {}): Promise<JobWorker> {
  const connectMs = options.connectTimeoutMs ?? 5000;
  if (!(await serverReachable(address, connectMs))) throw noServer(address, 'ev-cosim worker');
  const blobs = new Map<string, Promise<unknown>>();
  let closing = false; // set by close(): shared-slot waiters stop polling the closing client
  const connection = { ...address.connection, maxRetriesPerRequest: null };
  const lockMs = options.lockMs ?? 120_000;
  const worker = new Worker(
    address.queueName,
    async (job) => {
      const began = performance.now();
      const attempt = job.attemptsMade + 1;
      const handler = handlers[job.name];
      const log = (outcome: WorkerTaskLog['outcome'], reason?: string): void =>
        options.onTask?.({ id: job.id ?? '', kind: job.name, attempt, outcome, wallMs: performance.now() - began, ...(reason !== undefined ? { reason } : {}) });
      try {
        if (!handler) throw new PermanentJobError(`this worker has no handler for jobs of kind "${job.name}" (it handles ${Object.keys(handlers).join(', ')})`);
        const client = await worker.client;
        const getBlob = (id: string): Promise<unknown> => {
          let pending = blobs.get(id);
          if (!pending) {
            pending = client.get(blobKey(address, id)).then((text) => {
              if (text === null) throw new PermanentJobError(`blob ${id.slice(0, 12)} is not on the queue's server (expired, or submitted to another database)`);
              return JSON.parse(text) as unknown;
            });
            pending.catch(() => blobs.delete(id));
            blobs.set(id, pending);
          }
          return pending;
        };
        // a claim on a slot is given up no later than a job lock (a killed claimant delays the value no longer than its job)
        const slot = (id: string): SharedSlot =>
          sharedSlot(client as unknown as SlotClient, address, id, { lockMs: Math.min(10_000, lockMs), closed: () => closing });
        const result = await handler(job.data, { id: job.id ?? '', attempt, getBlob, slot });
        log('completed');
        return result;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log('failed', reason);
        if (error instanceof PermanentJobError || error instanceof InputError) throw new UnrecoverableError(reason);
        throw error;
      }
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
      maxStalledCount: options.maxStalls ?? 3,
      autorun: false,
    },
  );
  worker.on('error', () => {});
  try {
    await withTimeout(worker.waitUntilReady(), connectMs);
  } catch {
    await Promise.race([worker.disconnect().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    throw noServer(address, 'ev-cosim worker');
  }
  const running = worker.run();
  return {
    close: async () => {
      closing = true;
      await worker.close();
      await running.catch(() => {});
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}
