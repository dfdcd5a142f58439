/**
 * Scenario → traffic engine inputs: the road network with the stations inserted
 * and the per-interval OD demand (docs/model.md §2, §6). Checks every node the scenario
 * names against the network, so errors name the scenario file and field.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../common/errors.js';
import type { DynamicDemand, UserClass } from '../../traffic/dynamic/dueTypes.js';
import { BUNDLED_NETWORKS, loadBundledNetwork, type BundledNetworkName } from '../../traffic/io/loadBundledNetwork.js';
import { readOdCsv } from '../../traffic/io/readOdCsv.js';
import { readTntpNetwork } from '../../traffic/io/readTntpNetwork.js';
import { readTntpTrips } from '../../traffic/io/readTntpTrips.js';
import { parseClockTime } from '../clock/clockTime.js';
import { insertStations } from '../../traffic/network/insertStations.js';
import type { Network, OdDemand, Station } from '../../traffic/network/network.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { stationServiceRecord } from '../scenario/schema/stationSchema.js';

/**
 * Demand of one OD pair per interval, veh/h. `userClass` set: all of it is of that class
 * (rows of a CSV table with a `class` cell); absent: split by the class shares.
 */
export interface ScenarioDemandEntry extends DynamicDemand {
  readonly userClass?: UserClass;
}

/** What the DUE needs from the scenario's traffic side. */
export interface TrafficInputs {
  /** Road network with the scenario's stations inserted (station s = scenario station s). */
  readonly network: Network;
  /** Demand per OD pair per interval, veh/h (all classes, or one class when `userClass` is set). */
  readonly demand: ScenarioDemandEntry[];
}

/**
 * Load the road network and OD table, check the scenario's nodes, insert the
 * stations and expand the demand profile.
 *
 * 1. `traffic.network`: a bundled name, else a TNTP `_net` file relative to
 *    `baseDir` (a demand source is required then).
 * 2. Demand source (docs/demand.md), at most one: inline `demand.od`; a TNTP
 *    `demand.tripsFile` (intrazonal entries dropped: they use no link); a CSV
 *    `demand.csvFile`; none = the bundled network's own trip table. Files resolve
 *    against `baseDir`, and their errors name the file and line.
 * 3. Every station node and OD node must be a node of the network, and an inline OD pair's
 *    origin and destination must differ.
 * 4. Demand of OD pair k in interval t: `vehPerHByInterval[t]·scale`, or
 *    `vehPerH·profile[t]·scale` (profile absent = 1); a CSV table's vehicles of interval
 *    t become `vehicles·60/Δt·scale` veh/h.
 * 5. Destination stations (docs/model.md §2 "Destination charging") get the class energy
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
  const { tripsFile, csvFile } = scenario.demand;
  const ownDemand = scenario.demand.od === undefined && tripsFile === undefined && csvFile === undefined;
  let road: Network;
  let baseOd: OdDemand[] | undefined;
  if ((BUNDLED_NETWORKS as readonly string[]).includes(spec)) {
    const bundled = loadBundledNetwork(spec as BundledNetworkName);
    road = bundled.network;
    baseOd = ownDemand ? bundled.demand : undefined;
  } else {
    const path = isAbsolute(spec) ? spec : resolve(baseDir, spec);
    if (!existsSync(path)) {
      throw new InputError(
        { source, field: 'traffic.network', value: spec },
        `not a bundled network (${BUNDLED_NETWORKS.join(', ')}) nor an existing file`,
      );
    }
    if (ownDemand) {
      throw new InputError({ source, field: 'demand' }, 'needs od, tripsFile or csvFile when traffic.network is a file');
    }
    road = readTntpNetwork(path);
  }
  if (tripsFile !== undefined) {
    const path = demandFile(tripsFile, 'demand.tripsFile', baseDir, source);
    baseOd = readTntpTrips(path, { nodes: road.nodeIndex, networkName: road.name }).filter((od) => od.origin !== od.destination);
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
  const demand = csvFile === undefined ? expandDemand(scenario, baseOd, road, source) : csvDemand(scenario, road, baseDir, source);
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

/** A demand file's path (relative to the scenario's folder), checked to exist so the error names the scenario field. */
function demandFile(spec: string, field: string, baseDir: string, source: string): string {
  const path = isAbsolute(spec) ? spec : join(baseDir, spec);
  if (!existsSync(path)) throw new InputError({ source, field, value: spec }, `file not found (${path})`);
  return path;
}

/**
 * The CSV departure table as demand (docs/demand.md): vehicles per interval → veh/h × scale.
 * An OD pair with class cells gets one entry per class; its rows without a class are split
 * by the shares into those entries, so each OD pair and class has one entry.
 */
function csvDemand(scenario: Scenario, road: Network, baseDir: string, source: string): ScenarioDemandEntry[] {
  const h = scenario.horizon;
  const path = demandFile(scenario.demand.csvFile!, 'demand.csvFile', baseDir, source);
  const entries = readOdCsv(path, { startMin: parseClockTime(h.start), intervalMin: h.intervalMin, intervals: h.intervals, nodes: road.nodeIndex, networkName: road.name });
  const perVehicle = (60 / h.intervalMin) * scenario.demand.scale;
  const classed = new Set<string>();
  for (const e of entries) if (e.userClass !== undefined) classed.add(`${e.origin}>${e.destination}`);
  const { chargingShare, v2gShare } = scenario.classes;
  const shareOf: Record<UserClass, number> = { regular: 1 - chargingShare - v2gShare, charging: chargingShare, v2g: v2gShare };
  const out = new Map<string, { origin: number; destination: number; userClass?: UserClass; rates: number[] }>();
  const add = (origin: number, destination: number, userClass: UserClass | undefined, vehicles: Float64Array, factor: number): void => {
    const key = `${origin}>${destination}>${userClass ?? ''}`;
    let entry = out.get(key);
    if (entry === undefined) {
      entry = { origin, destination, ...(userClass === undefined ? {} : { userClass }), rates: new Array<number>(h.intervals).fill(0) };
      out.set(key, entry);
    }
    for (let t = 0; t < h.intervals; t++) entry.rates[t] += vehicles[t] * perVehicle * factor;
  };
  for (const e of entries) {
    if (e.userClass !== undefined || !classed.has(`${e.origin}>${e.destination}`)) add(e.origin, e.destination, e.userClass, e.vehiclesByInterval, 1);
    else for (const c of ['regular', 'charging', 'v2g'] as const) if (shareOf[c] > 0) add(e.origin, e.destination, c, e.vehiclesByInterval, shareOf[c]);
  }
  return [...out.values()].map(({ rates, ...od }) => ({ ...od, vehPerHByInterval: rates }));
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
    if (od.origin === od.destination) {
      throw new InputError({ source, field: `demand.od[${k}].destination`, value: od.destination }, 'equals the origin: such a trip uses no road');
    }
    const byInterval = od.vehPerHByInterval;
    return {
      origin: od.origin,
      destination: od.destination,
      vehPerHByInterval: Array.from({ length: n }, (_, t) => (byInterval === undefined ? (od.vehPerH ?? 0) * factor(t) : byInterval[t] * scale)),
    };
  });
}
