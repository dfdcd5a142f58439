/** Boundary search over coupons (docs/model.md §5 "Sweep", "Method notes"): re-exports only. */
export { couponWindow, expandCoupons, fullBookCoupons, pointCoupons, COUPON_KINDS, type CouponWindow, type CouponWindowOptions } from './couponWindow.js';
export { subsidyYuan, type SubsidyInputs } from './subsidyYuan.js';
export { admissible, projection, type EvaluatedPoint, type FlexEvaluation, type FlexEvaluator, type FullBook } from './flexEvaluation.js';
export { designProbes, type DesignProbe } from './designPoints.js';
export { responseSegments, greedyCandidate, type ResponseSegment } from './surrogateCandidate.js';
export { searchDirection, type SearchControls, type DirectionSearch } from './searchDirection.js';
export { cosimEvaluator, evaluationOf, netMwAt, subsidyOfRun, chargeKWhPerVisit, type CosimEvaluator } from './cosimEvaluator.js';
