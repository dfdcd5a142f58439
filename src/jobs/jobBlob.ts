/**
 * The blob a job refers to (e.g. a scenario bundle), fetched for a worker only when the job was
 * submitted by the same package version (another version may read the blob differently).
 */
import { PermanentJobError, type JobContext } from './jobWorker.js';

/** What a job carrying a blob says about it. */
export interface BlobJob {
  /** Hash of the blob on the server. */
  readonly bundle: string;
  /** Package version of the submitter. */
  readonly packageVersion: string;
}

/**
 * Check the job's package version, then fetch its blob.
 *
 * @param packageVersion - this worker's package version
 * @throws PermanentJobError when the versions differ (the job is not retried)
 * @example
 * const bundle = (await jobBlob(job, context, '0.1.0')) as ScenarioBundle;
 */
export async function jobBlob(job: BlobJob, context: JobContext, packageVersion: string): Promise<unknown> {
  if (job.packageVersion !== packageVersion) {
    throw new PermanentJobError(`submitted by ev-cosim ${job.packageVersion}, this worker runs ${packageVersion}: run workers of the submitter's version`);
  }
  return context.getBlob(job.bundle);
}
