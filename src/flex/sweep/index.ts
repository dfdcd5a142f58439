/** Sweeps, tiers and hulls (docs/model.md §5 "Sweep", "Hull", "Tiers", "Static vs dynamic"): re-exports only. */
export type { AdaptiveSpec, FlexModel, SweepSpec } from './sweepSpec.js';
export { staScenario, staTimeIndex, type StaScenarioOptions } from './staScenario.js';
export { buildFlexProblem, type FlexProblem } from './flexProblem.js';
export { runFlexTask, type FlexTask, type FlexTaskResult } from './flexTask.js';
export { taskExecutor, type TaskExecutor } from './taskExecutor.js';
export { openResumeLog, type ResumeLog } from './resumeLog.js';
export { allEvaluated, innerVolumes, runSweep, type AdaptiveRound, type AdaptiveStop, type RunSweepOptions, type SweepRun } from './runSweep.js';
export { assembleTiers, type FlexTier } from './assembleTiers.js';
export { modelJson, pointJson, type FlexModelResult, type FlexPointJson } from './flexModelResult.js';
export { checkFlexStudyOptions, runFlexStudy, type FlexStudyOptions } from './runFlexStudy.js';
export { verifyPoints, type PointCheck } from './verifyPoints.js';
