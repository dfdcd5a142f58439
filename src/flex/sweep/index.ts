/** Sweeps, tiers and hulls (SPEC §5 "Sweep", "Hull", "Tiers", "Static vs dynamic"): re-exports only. */
export type { FlexModel, SweepSpec } from './sweepSpec.ts';
export { staScenario, staTimeIndex, type StaScenarioOptions } from './staScenario.ts';
export { buildFlexProblem, type FlexProblem } from './flexProblem.ts';
export { runFlexTask, type FlexTask, type FlexTaskResult } from './flexTask.ts';
export { taskExecutor, type TaskExecutor } from './taskExecutor.ts';
export { openResumeLog, type ResumeLog } from './resumeLog.ts';
export { runSweep, type RunSweepOptions, type SweepRun } from './runSweep.ts';
export { assembleTiers, type FlexTier } from './assembleTiers.ts';
export { modelJson, pointJson, type FlexModelResult, type FlexPointJson } from './flexModelResult.ts';
export { runFlexStudy, type FlexStudyOptions } from './runFlexStudy.ts';
export { verifyPoints, type PointCheck } from './verifyPoints.ts';
