/** Number of design probes of a spec, without preparing the co-simulation. */
import { specScenario, specWindow } from './flexProblem.js';
import { designProbes } from '../search/designPoints.js';
import type { SweepSpec } from './sweepSpec.js';

/**
 * Probes = 1 + components × levels (see `designProbes`).
 *
 * @example
 * probeCount(spec); // 25 for 3 stations, 2 blocks, 2 levels
 */
export function probeCount(spec: SweepSpec): number {
  const { scenario, timeIndex, dtaIntervalMin } = specScenario(spec);
  return designProbes(specWindow(spec, scenario, timeIndex, dtaIntervalMin), spec.levels).length;
}
