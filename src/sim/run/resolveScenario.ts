/**
 * Resolve a validated scenario against its data: load the road network and the
 * feeder, check every node, bus and branch it names (docs/model.md §7), check that the
 * traffic engine will accept the demand (`checkRunnable`) and estimate the run's size
 * (`sizeEstimate`, docs/limits.md). Used by `prepareCosim` and by `ev-cosim validate`
 * (which stops here), so validate accepts exactly what a run accepts before solving.
 */
import type { Feeder } from '../../grid/model/feeder.js';
import type { DynamicDemand } from '../../traffic/dynamic/dueTypes.js';
import type { Network } from '../../traffic/network/network.js';
import { buildStationBusMap, type StationBusMap } from '../coupling/stationBusMap.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { buildFeederInputs } from './buildFeederInputs.js';
import { buildTrafficInputs } from './buildTrafficInputs.js';
import { checkRunnable } from './checkRunnable.js';
import { checkSizeEstimate, problemSize, sizeEstimate, type SizeEstimate } from './sizeEstimate.js';

/** A scenario with its data loaded and checked. */
export interface ResolvedScenario {
  /** Road network with the stations inserted. */
  readonly network: Network;
  /** Demand per OD pair per interval, veh/h. */
  readonly demand: DynamicDemand[];
  /** Feeder with DGs and overrides. */
  readonly feeder: Feeder;
  /** Outaged branch ids per interval. */
  readonly outages: number[][];
  /** Substation import price per interval, $/MWh, when the scenario gives one per interval. */
  readonly importPriceUsdPerMwh?: Float64Array;
  readonly map: StationBusMap;
  /** What does not stop a run but a planner should know (e.g. a station no trip can use), one line each. */
  readonly warnings: readonly string[];
  /** Estimated size of one run (docs/limits.md). */
  readonly size: SizeEstimate;
}

/** Options of `resolveScenario`. */
export interface ResolveScenarioOptions {
  /** Skip the size limit (`--allow-large`); the estimate is still returned. Default false. */
  readonly allowLarge?: boolean;
  /** Co-simulations held at once (flex workers), multiplying the memory estimate. Default 1. */
  readonly workers?: number;
}

/**
 * Load and check the scenario's network, demand, feeder and station buses.
 *
 * @param scenario - validated scenario.
 * @param baseDir - folder of the scenario file (relative paths).
 * @param source - scenario file name for errors.
 * @param options - `allowLarge`, `workers` (size guard).
 * @throws InputError naming the scenario file, the field and the value; above the size limit
 *   (unless `allowLarge`) naming the fields that drive the size and the estimate.
 * @example
 * const { network, feeder } = resolveScenario(scenario, 'scenarios', 'scenarios/x.json');
 */
export function resolveScenario(scenario: Scenario, baseDir: string, source: string, options: ResolveScenarioOptions = {}): ResolvedScenario {
  const { network, demand } = buildTrafficInputs(scenario, baseDir, source);
  const { warnings, groups } = checkRunnable(scenario, network, demand, source);
  const h = scenario.horizon;
  const intervals = h.intervals + Math.ceil(h.clearanceMin / h.intervalMin - 1e-9);
  const axis = { stepSec: h.stepSec, intervalMin: h.intervalMin, windowIntervals: h.intervals, intervals, workers: options.workers ?? 1 };
  const size = sizeEstimate(problemSize(network, groups, axis));
  if (options.allowLarge !== true) checkSizeEstimate(size, source);
  const { feeder, outages, importPriceUsdPerMwh } = buildFeederInputs(scenario, baseDir, source);
  const map = buildStationBusMap(scenario.stations, feeder.buses.map((b) => b.id), source);
  return {
    network, demand, feeder, outages, map, warnings, size,
    ...(importPriceUsdPerMwh === undefined ? {} : { importPriceUsdPerMwh }),
  };
}
