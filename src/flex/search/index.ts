/** Boundary search over coupons (SPEC §5 "Sweep", "Method notes"): re-exports only. */
export { couponWindow, expandCoupons, COUPON_KINDS, type CouponWindow, type CouponWindowOptions } from './couponWindow.ts';
export { subsidyYuan, type SubsidyInputs } from './subsidyYuan.ts';
export { admissible, projection, type EvaluatedPoint, type FlexEvaluation, type FlexEvaluator } from './flexEvaluation.ts';
export { designProbes, type DesignProbe } from './designPoints.ts';
export { responseSegments, greedyCandidate, type ResponseSegment } from './surrogateCandidate.ts';
export { searchDirection, type SearchControls, type DirectionSearch } from './searchDirection.ts';
export { cosimEvaluator, evaluationOf, netMwAt, subsidyOfRun, chargeKWhPerVisit, type CosimEvaluator } from './cosimEvaluator.ts';
