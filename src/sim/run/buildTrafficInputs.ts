/**
 * Scenario → traffic engine inputs: the road network with the stations inserted
 * and the per-interval OD demand (docs/model.md §2, §6). Checks every node the scenario
 * names against the network, so errors name the scenario file and field.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../../common/errors.js';
import type { DynamicDemand } from '../../traffic/dynamic/dueTypes.js';
import { BUNDLED_NETWORKS, loadBundledNetwork, type BundledNetworkName } from '../../traffic/io/loadBundledNetwork.js';
import { readTntpNetwork } from '../../traffic/io/readTntpNetwork.js';
import { insertStations } from '../../traffic/network/insertStations.js';
import type { Network, OdDemand, Station } from '../../traffic/network/network.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { stationServiceRecord } from '../scenario/schema/stationSchema.js';

/** What the DUE needs from the scenario's traffic side. */
export interface TrafficInputs {
  /** Road network with the scenario's stations inserted (station s = scenario station s). */
  readonly network: Network;
  /** Demand per OD pair per interval, veh/h (all classes). */
  readonly demand: DynamicDemand[];
}

/**
 * Load the road network and OD table, check the scenario's nodes, insert the
 * stations and expand the demand profile.
 *
 * 1. `traffic.network`: a bundled name, else a TNTP `_net` file relative to
 *    `baseDir` (its trips file is `demand.od`, required then).
 * 2. Every station node and OD node must be a node of the network.
 * 3. Demand of OD pair k in interval t: `vehPerHByInterval[t]·scale`, or
 *    `vehPerH·profile[t]·scale` (profile absent = 1).
 * 4. Destination stations (docs/model.md §2 "Destination charging") get the class energy
 *    needs (`classes.chargingEnergyNeedKwh`, `classes.v2gEnergyNeedKwh`: required, and at
 *    most chargeKw · dwellMin / 60) and must sit at a node where some trip of the
 *    charging or V2G class ends.
 *
 * @param scenario - validated scenario.
 * @param baseDir - folder of the scenario file.
 * @param source - scenario file name for errors.
 * @throws InputError naming the scenario file and field for unknown nodes, a missing network or bad destination stations.
 * @example
 * const { network, demand } = buildTrafficInputs(scenario, 'scenarios', 'scenarios/x.json');
 */
export function buildTrafficInputs(scenario: Scenario, baseDir: string, source: string): TrafficInputs {
  const spec = scenario.traffic.network;
  let road: Network;
  let baseOd: OdDemand[] | undefined;
  if ((BUNDLED_NETWORKS as readonly string[]).includes(spec)) {
    const bundled = loadBundledNetwork(spec as BundledNetworkName);
    road = bundled.network;
    baseOd = scenario.demand.od === undefined ? bundled.demand : undefined;
  } else {
    const path = isAbsolute(spec) ? spec : resolve(baseDir, spec);
    if (!existsSync(path)) {
      throw new InputError(
        { source, field: 'traffic.network', value: spec },
        `not a bundled network (${BUNDLED_NETWORKS.join(', ')}) nor an existing file`,
      );
    }
    if (scenario.demand.od === undefined) {
      throw new InputError({ source, field: 'demand.od' }, 'is required when traffic.network is a file');
    }
    road = readTntpNetwork(path);
  }
  scenario.stations.forEach((st, s) => {
    if (!road.nodeIndex.has(st.node)) {
      throw new InputError({ source, field: `stations[${s}] (${st.id}).node`, value: st.node }, `no such node in road network ${road.name}`);
    }
  });
  const needs = destinationNeeds(scenario, source);
  const stations: Station[] = scenario.stations.map((st) => ({
    id: st.id,
    ...(st.kind === 'destination' ? { kind: 'destination' as const, energyNeedKwh: needs, plugInShare: st.plugInShare } : {}),
    node: st.node,
    ...stationServiceRecord(st),
  }));
  const network = insertStations(road, stations);
  const demand = expandDemand(scenario, baseOd, road, source);
  checkDestinationsServed(scenario, demand, source);
  return { network, demand };
}

/**
 * The class energy needs of the destination stations (docs/model.md §2 "Destination
 * charging"), checked against every destination station: both needs given, and at most
 * what one charger delivers during the dwell (chargeKw · dwellMin / 60).
 */
function destinationNeeds(scenario: Scenario, source: string): { charging: number; v2g: number } | undefined {
  const homes = scenario.stations.map((st, s) => ({ st, s })).filter(({ st }) => st.kind === 'destination');
  if (homes.length === 0) return undefined;
  const fields = { charging: 'chargingEnergyNeedKwh', v2g: 'v2gEnergyNeedKwh' } as const;
  const needs = { charging: 0, v2g: 0 };
  for (const userClass of ['charging', 'v2g'] as const) {
    const field = `classes.${fields[userClass]}`;
    const need = scenario.classes[fields[userClass]];
    const first = homes[0];
    if (need === undefined) {
      throw new InputError({ source, field }, `is required: station ${first.st.id} (stations[${first.s}]) has kind "destination"`);
    }
    for (const { st, s } of homes) {
      const deliverableKwh = (st.chargeKw * stationServiceRecord(st).chargeServiceMin) / 60;
      if (need > deliverableKwh * (1 + 1e-9)) {
        throw new InputError(
          { source, field, value: need },
          `exceeds what station ${st.id} (stations[${s}]) can deliver in its dwell: chargeKw · dwellMin / 60 = ${+deliverableKwh.toPrecision(12)} kWh`,
        );
      }
    }
    needs[userClass] = need;
  }
  return needs;
}

/** Every destination station must sit at a node where some charging or V2G trip ends. */
function checkDestinationsServed(scenario: Scenario, demand: readonly DynamicDemand[], source: string): void {
  const pluggingShare = scenario.classes.chargingShare + scenario.classes.v2gShare;
  const ends = new Set<number>();
  if (pluggingShare > 0) for (const od of demand) if (od.vehPerHByInterval.some((r) => r > 0)) ends.add(od.destination);
  scenario.stations.forEach((st, s) => {
    if (st.kind !== 'destination' || ends.has(st.node)) return;
    throw new InputError(
      { source, field: `stations[${s}] (${st.id}).node`, value: st.node },
      'no trip of the charging or V2G class ends at this node (a destination station serves the trips ending there)',
    );
  });
}

function expandDemand(scenario: Scenario, baseOd: OdDemand[] | undefined, road: Network, source: string): DynamicDemand[] {
  const n = scenario.horizon.intervals;
  const scale = scenario.demand.scale;
  const profile = scenario.demand.profile;
  const factor = (t: number): number => (profile === undefined ? 1 : profile[t]) * scale;
  if (baseOd !== undefined) {
    return baseOd.map((od) => ({
      origin: od.origin,
      destination: od.destination,
      vehPerHByInterval: Array.from({ length: n }, (_, t) => od.vehPerH * factor(t)),
    }));
  }
  return (scenario.demand.od ?? []).map((od, k) => {
    for (const end of ['origin', 'destination'] as const) {
      if (!road.nodeIndex.has(od[end])) {
        throw new InputError({ source, field: `demand.od[${k}].${end}`, value: od[end] }, `no such node in road network ${road.name}`);
      }
    }
    const byInterval = od.vehPerHByInterval;
    return {
      origin: od.origin,
      destination: od.destination,
      vehPerHByInterval: Array.from({ length: n }, (_, t) => (byInterval === undefined ? (od.vehPerH ?? 0) * factor(t) : byInterval[t] * scale)),
    };
  });
}
