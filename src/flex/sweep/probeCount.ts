/** Number of design probes of a spec, and the probes themselves, without preparing the co-simulation. */
import { specScenario, specWindow } from './flexProblem.js';
import { designProbes, type DesignProbe } from '../search/designPoints.js';
import type { CouponWindow } from '../search/couponWindow.js';
import type { SweepSpec } from './sweepSpec.js';

/**
 * Probes = 1 + components × levels (see `designProbes`).
 *
 * @example
 * probeCount(spec); // 25 for 3 stations, 2 blocks, 2 levels
 */
export function probeCount(spec: SweepSpec): number {
  return specProbes(spec).probes.length;
}

/**
 * The coupon window and design probes of a spec, as every worker builds them (reads the scenario
 * file only).
 *
 * @example
 * const { window, probes } = specProbes(spec); probes[0].x.every((v) => v === 0); // the base
 */
export function specProbes(spec: SweepSpec): { window: CouponWindow; probes: DesignProbe[] } {
  const { scenario, timeIndex, dtaIntervalMin } = specScenario(spec);
  const window = specWindow(spec, scenario, timeIndex, dtaIntervalMin);
  return { window, probes: designProbes(window, spec.levels) };
}
