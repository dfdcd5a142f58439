/**
 * Resolve a validated scenario against its data: load the road network and the
 * feeder and check every node, bus and branch it names (docs/model.md §7). Used by
 * `prepareCosim` and by `ev-cosim validate` (which stops here).
 */
import type { Feeder } from '../../grid/model/feeder.js';
import type { DynamicDemand } from '../../traffic/dynamic/dueTypes.js';
import type { Network } from '../../traffic/network/network.js';
import { buildStationBusMap, type StationBusMap } from '../coupling/stationBusMap.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { buildFeederInputs } from './buildFeederInputs.js';
import { buildTrafficInputs } from './buildTrafficInputs.js';

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
}

/**
 * Load and check the scenario's network, demand, feeder and station buses.
 *
 * @param scenario - validated scenario.
 * @param baseDir - folder of the scenario file (relative paths).
 * @param source - scenario file name for errors.
 * @throws InputError naming the scenario file, the field and the value.
 * @example
 * const { network, feeder } = resolveScenario(scenario, 'scenarios', 'scenarios/x.json');
 */
export function resolveScenario(scenario: Scenario, baseDir: string, source: string): ResolvedScenario {
  const { network, demand } = buildTrafficInputs(scenario, baseDir, source);
  const { feeder, outages, importPriceUsdPerMwh } = buildFeederInputs(scenario, baseDir, source);
  const map = buildStationBusMap(scenario.stations, feeder.buses.map((b) => b.id), source);
  return { network, demand, feeder, outages, map, ...(importPriceUsdPerMwh === undefined ? {} : { importPriceUsdPerMwh }) };
}
