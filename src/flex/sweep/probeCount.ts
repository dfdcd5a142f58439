/** Number of design probes of a spec, without preparing the co-simulation. */
import { specScenario, specWindow } from './flexProblem.ts';
import { designProbes } from '../search/designPoints.ts';
import type { SweepSpec } from './sweepSpec.ts';

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
