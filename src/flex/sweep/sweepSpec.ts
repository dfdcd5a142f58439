/**
 * The serializable description of one sweep problem: what a worker needs to build
 * its own co-simulation and coupon window.
 */
import type { CouponWindowOptions } from '../search/couponWindow.js';
import type { SearchControls } from '../search/searchDirection.js';

/** Traffic model of a sweep: dynamic (DTA) or the static special case (STA). */
export type FlexModel = 'dta' | 'sta';

/** One sweep problem (JSON-serializable: it is posted to worker threads). */
export interface SweepSpec {
  /** Scenario file (absolute path) and `--set` overrides. */
  readonly scenarioFile: string;
  readonly overrides: readonly string[];
  readonly model: FlexModel;
  /** t* in the scenario's own (DTA) intervals; mapped by clock time for STA. */
  readonly timeIndex: number;
  /** Coupon window controls (stations, intervals and t* are filled in from the scenario). */
  readonly window: Pick<CouponWindowOptions, 'lookbackIntervals' | 'blocks' | 'maxChargeYuanPerKWh' | 'maxV2gYuanPerVisit'>;
  /** Probe levels (fractions of the coupon bounds), ascending. */
  readonly levels: readonly number[];
  /** Search controls. */
  readonly controls: SearchControls;
  /** Directions (unit vectors, n entries) and ascending budgets, ¥. */
  readonly directions: readonly (readonly number[])[];
  readonly budgetsYuan: readonly number[];
  /** STA interval length, minutes (default 30). */
  readonly staIntervalMin?: number;
}

/** A stable fingerprint of a spec (resume files refuse results of another spec). */
export function specFingerprint(spec: SweepSpec): string {
  return JSON.stringify({ ...spec, scenarioFile: spec.scenarioFile });
}
