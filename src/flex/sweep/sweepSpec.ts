/**
 * The serializable description of one sweep problem: what a worker needs to build
 * its own co-simulation and coupon window.
 */
import { createHash } from 'node:crypto';
import type { CouponWindowOptions } from '../search/couponWindow.js';
import type { SearchControls } from '../search/searchDirection.js';

/** Traffic model of a sweep: dynamic (DTA) or the static special case (STA). */
export type FlexModel = 'dta' | 'sta';

/** One sweep problem (JSON-serializable: it is posted to worker threads). */
export interface SweepSpec {
  /** Scenario file (absolute path) and `--set` overrides. */
  readonly scenarioFile: string;
  readonly overrides: readonly string[];
  /**
   * sha256 of the scenario's content (`ScenarioBundle.hash`: the file, the overrides and every
   * network / feeder / demand file it references): the scenario half of the resume key.
   * `runFlexStudy` always sets it; absent (hand-made specs), the key falls back to the path and overrides.
   */
  readonly scenarioHash?: string;
  readonly model: FlexModel;
  /** t* in the scenario's own (DTA) intervals; mapped by clock time for STA. */
  readonly timeIndex: number;
  /** Coupon window controls (stations, intervals and t* are filled in from the scenario). */
  readonly window: Pick<CouponWindowOptions, 'lookbackIntervals' | 'blocks' | 'afterBlocks' | 'span' | 'maxChargeYuanPerKWh' | 'maxV2gYuanPerVisit'>;
  /** Probe levels (fractions of the coupon bounds), ascending. */
  readonly levels: readonly number[];
  /** Search controls. */
  readonly controls: SearchControls;
  /**
   * Directions (unit vectors in the full station space, zero off the axes): the whole set of an
   * explicit sweep, or the starting set of an adaptive one. Ascending budgets, ¥.
   */
  readonly directions: readonly (readonly number[])[];
  readonly budgetsYuan: readonly number[];
  /** Adaptive refinement of the directions after the starting set (absent: the set is searched as given). */
  readonly adaptive?: AdaptiveSpec;
  /** STA interval length, minutes (default 30). */
  readonly staIntervalMin?: number;
  /** Largest household shed / EV curtailment, MW, that still counts as "none" (read by the evaluator; default 1e-6). */
  readonly shedToleranceMw?: number;
  /** Skip the size limit of each run (`--allow-large`, docs/limits.md); not part of the resume key. */
  readonly allowLarge?: boolean;
}

/** Controls of the adaptive direction rounds (docs/flexibility.md §4). */
export interface AdaptiveSpec {
  /** Stations spanning the region (indices into the scenario's stations): the hull is taken on them. */
  readonly axes: readonly number[];
  /** Total number of directions searched, the starting set included. */
  readonly directionBudget: number;
  /** Stop when the largest tier's inner volume grows by less than this fraction in a round. */
  readonly volumeTolerance: number;
  /** Directions added per round. */
  readonly roundSize: number;
}

/**
 * A stable fingerprint of a spec: the key of a thread's built problem (two specs with the same
 * fingerprint are the same problem).
 *
 * @example
 * specFingerprint(spec) === specFingerprint(structuredClone(spec)); // true
 */
export function specFingerprint(spec: SweepSpec): string {
  return JSON.stringify({ ...spec, scenarioFile: spec.scenarioFile });
}

/**
 * The two halves of a spec's resume key (docs/flexibility.md "Resume"): `scenario` = the content
 * hash of the scenario (`scenarioHash`; for a spec without one, a hash of its path and overrides),
 * `options` = a hash of everything else (model, t*, window, levels, controls, directions,
 * budgets, adaptive controls, STA interval, shed tolerance) — never the path of the file.
 *
 * @example
 * const { scenario, options } = resumeKey(spec); // 64 and 16 hex digits
 */
export function resumeKey(spec: SweepSpec): { readonly scenario: string; readonly options: string } {
  const { scenarioFile, overrides, scenarioHash, allowLarge, ...options } = spec;
  void allowLarge; // a size-limit override does not change a task's result
  const scenario = scenarioHash ?? createHash('sha256').update(JSON.stringify({ scenarioFile, overrides })).digest('hex');
  return { scenario, options: createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16) };
}
