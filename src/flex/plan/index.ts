/** Tier planning (docs/model.md §5 "Validation dispatch"): re-exports only. */
export { parseGridNeed, meetsNeed, type GridNeed } from './gridNeed.js';
export { planTier, planTierForResult, type TierPlan, type TierCheck } from './planTier.js';
