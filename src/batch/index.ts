/** Public API of src/batch: scenario batches (re-exports only). */
export { gridCases, csvCases, MAX_BATCH_CASES, type BatchCase } from './batchCases.js';
export { runBatchCase, caseFolderFiles, FAILING_STATUSES, type BatchCaseInput, type BatchCaseResult } from './runBatchCase.js';
export { BATCH_JOB_KIND, batchJobHandler, caseId, CaseFailedError, inlineBatchExecutor, prepareBatchTask, queueBatchExecutor, type BatchExecutor, type BatchJobData, type BatchTask, type PreparedTask } from './batchExecutor.js';
export { BATCH_COLUMNS, batchCsv, batchHtml, batchRow, failedRow, type BatchRow } from './batchTable.js';
export { runBatch, type BatchOutcome, type RunBatchOptions } from './runBatch.js';
