/** Public API of src/jobs: the generic Redis-backed job queue (re-exports only). */
export { canonicalJson, contentId } from './contentId.js';
export { parseQueueUrl, QUEUE_ENV, DEFAULT_QUEUE_NAME, type QueueAddress } from './queueUrl.js';
export { openJobSubmitter, JobFailedError, blobKey, type JobSubmitter, type JobSubmitterOptions, type JobEvent, type DeadLetter, type SubmitterStats } from './jobSubmitter.js';
export { jobBlob, type BlobJob } from './jobBlob.js';
export { startJobWorker, PermanentJobError, type JobWorker, type JobWorkerOptions, type JobHandlers, type JobContext, type WorkerTaskLog } from './jobWorker.js';
export { failIfListed, TEST_FAIL_ENV } from './testFailureHook.js';
export { sharedSlot, slotKey, type SharedSlot, type SharedSlotOptions, type SlotOffer, type SlotClaim, type SlotClient } from './sharedSlot.js';
