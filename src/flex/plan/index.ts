/** Tier planning (SPEC §5 "Validation dispatch"): re-exports only. */
export { parseGridNeed, meetsNeed, type GridNeed } from './gridNeed.ts';
export { planTier, planTierForResult, type TierPlan, type TierCheck } from './planTier.ts';
