/** Tier planning (docs/flexibility.md §7): re-exports only. */
export { parseGridNeed, parseGridNeeds, meetsNeed, needLoadMw, needViolationMw, type GridNeed } from './gridNeed.js';
export { planTier, planTierForResult, type TierPlan, type TierCheck, type NeedLoad, type PlanOptions } from './planTier.js';
export { solveBoxLp, type BoxLpResult } from './boxLp.js';
export { fitLinearResponses, type LinearFit } from './responseModel.js';
