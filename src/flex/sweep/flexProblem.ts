/**
 * Build the in-memory problem of a sweep spec: scenario (DTA or STA), prepared
 * co-simulation, evaluator, coupon window and design probes.
 */
import { readScenarioFile, prepareCosim, stationServiceRecord, type PreparedCosim, type Scenario } from '../../sim/index.js';
import { couponWindow, stationCouponKinds, type CouponWindow } from '../search/couponWindow.js';
import { cosimEvaluator, type CosimEvaluator } from '../search/cosimEvaluator.js';
import { designProbes, type DesignProbe } from '../search/designPoints.js';
import { staScenario, staTimeIndex } from './staScenario.js';
import type { SweepSpec } from './sweepSpec.js';

/** A ready problem. */
export interface FlexProblem {
  readonly scenario: Scenario;
  readonly prepared: PreparedCosim;
  readonly evaluator: CosimEvaluator;
  readonly window: CouponWindow;
  readonly probes: DesignProbe[];
  /** t* in this model's intervals. */
  readonly timeIndex: number;
}

/**
 * The scenario of a spec (STA mapped) and its t*.
 *
 * @example
 * const { scenario, timeIndex } = specScenario(spec);
 */
export function specScenario(spec: SweepSpec): { scenario: Scenario; baseDir: string; file: string; timeIndex: number; dtaIntervalMin: number } {
  const loaded = readScenarioFile(spec.scenarioFile, spec.overrides);
  const dtaIntervalMin = loaded.scenario.horizon.intervalMin;
  if (spec.model === 'dta') return { scenario: loaded.scenario, baseDir: loaded.baseDir, file: loaded.file, timeIndex: spec.timeIndex, dtaIntervalMin };
  const len = spec.staIntervalMin ?? 30;
  return {
    scenario: staScenario(loaded.scenario, { intervalMin: len }),
    baseDir: loaded.baseDir,
    file: loaded.file,
    timeIndex: staTimeIndex(spec.timeIndex, dtaIntervalMin, len),
    dtaIntervalMin,
  };
}

/**
 * The coupon basis of a spec. For STA the look-back is converted to static
 * intervals (rounded up), so both models see the same stretch of clock time. A station
 * gets the coupon kinds it offers (no V2G component at a destination station).
 *
 * @example
 * specWindow(spec, scenario, 6, 10).components; // 32 for CS1–CS3 + H2, H3, 2 fine blocks + before + after
 */
export function specWindow(spec: SweepSpec, scenario: Scenario, timeIndex: number, dtaIntervalMin: number): CouponWindow {
  const k = spec.window.lookbackIntervals ?? 3;
  const lookback = spec.model === 'dta' ? k : Math.ceil((k * dtaIntervalMin) / scenario.horizon.intervalMin);
  return couponWindow(
    {
      ...spec.window,
      lookbackIntervals: lookback,
      stations: scenario.stations.length,
      intervals: scenario.horizon.intervals,
      timeIndex,
      stationKinds: stationCouponKinds(scenario.stations.map(stationServiceRecord)),
    },
    scenario.stations.map((s) => s.id),
  );
}

/**
 * Prepare the problem of a spec (one prepared co-simulation; call `prepared.dispose()` when done).
 *
 * @example
 * const problem = await buildFlexProblem(spec);
 */
export async function buildFlexProblem(spec: SweepSpec): Promise<FlexProblem> {
  const { scenario, baseDir, file, timeIndex, dtaIntervalMin } = specScenario(spec);
  const prepared = await prepareCosim(scenario, { baseDir, source: file, allowLarge: spec.allowLarge === true });
  const window = specWindow(spec, scenario, timeIndex, dtaIntervalMin);
  return { scenario, prepared, evaluator: cosimEvaluator(prepared, timeIndex, spec), window, probes: designProbes(window, spec.levels), timeIndex };
}
