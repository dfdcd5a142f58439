/**
 * The input checks a run would otherwise only meet inside the traffic engine, made at
 * resolve time so `ev-cosim validate` rejects exactly what `run` rejects, with the user's
 * field in the message (docs/limits.md "Validation equals the run"):
 *
 * - every demand rate finite (a bound of the schema makes it so; checked again here so a
 *   reader's rate can never reach the solver as `Infinity`);
 * - every OD pair with demand has a usable path for every class that travels on it
 *   (regular: roads; charging: roads through a charge link with chargers > 0; V2G: roads
 *   through a V2G link with ports > 0; zero-capacity roads are unusable);
 * - stations no charging or V2G trip can use are reported as warnings (results stay valid,
 *   their chargers stay idle).
 */
import { InputError } from '../../common/errors.js';
import { dueProblem, type DueGroup } from '../../traffic/dynamic/dueProblem.js';
import { USER_CLASSES, UserClassCode, type DynamicDemand } from '../../traffic/dynamic/dueTypes.js';
import { isDestinationStation, LinkKind, type Network } from '../../traffic/network/network.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';

/** What the checks found that does not stop a run. */
export interface RunnableReport {
  /** One line each, e.g. `stations[2] (CS3).node = 7: no charging or V2G trip can pass this station; its chargers stay idle`. */
  readonly warnings: string[];
  /** The DUE's OD pair × class groups with demand (for the size estimate). */
  readonly groups: readonly DueGroup[];
}

/**
 * Check that the traffic engine will accept the resolved demand (see the module text).
 *
 * @param scenario - validated scenario.
 * @param network - road network with the stations inserted.
 * @param demand - resolved demand per OD pair (and class), veh/h.
 * @param source - scenario file for messages.
 * @returns warnings (stations no trip can use) and the DUE groups.
 * @throws InputError naming the scenario file, the user's field (`demand.od[3]`, `demand.tripsFile …`,
 *   `classes.chargingShare`) and the value.
 * @example
 * const { warnings } = checkRunnable(scenario, network, demand, 'scenarios/x.json');
 */
export function checkRunnable(scenario: Scenario, network: Network, demand: readonly DynamicDemand[], source: string): RunnableReport {
  checkFiniteDemand(scenario, demand, source);
  const h = scenario.horizon;
  const cells = network.stations.length * h.intervals;
  const zeros = new Float64Array(cells);
  const problem = dueProblem({
    network,
    demand,
    shares: { charging: scenario.classes.chargingShare, v2g: scenario.classes.v2gShare },
    intervalMin: h.intervalMin,
    intervals: h.intervals,
    stepSec: h.stepSec,
    valueOfTimeYuanPerH: scenario.classes.valueOfTimeYuanPerH,
    prices: { chargeYuanPerKWh: zeros, v2gYuanPerKWh: zeros },
    coupons: { chargeYuanPerKWh: zeros, v2gYuanPerVisit: zeros },
  });
  const reach = new ReachCache(network, problem.usable);
  for (const group of problem.groups) {
    const states = reach.from(group.origin, group.classCode);
    const target = group.destination + (group.classCode === UserClassCode.regular ? 0 : network.nodeIds.length);
    if (states[target] === 0) throw noPathError(scenario, network, group, source);
  }
  return { warnings: idleStations(scenario, network, problem.groups, reach), groups: problem.groups };
}

/** Every rate finite and ≥ 0, else blame `demand.scale` (the product overflowed) or the entry. */
function checkFiniteDemand(scenario: Scenario, demand: readonly DynamicDemand[], source: string): void {
  demand.forEach((d, i) => {
    d.vehPerHByInterval.forEach((rate, t) => {
      if (Number.isFinite(rate) && rate >= 0) return;
      if (scenario.demand.scale !== 1) {
        throw new InputError({ source, field: 'demand.scale', value: scenario.demand.scale }, `makes the demand of ${demandField(scenario, d, i)} in interval ${t} ${rate} veh/h: not a finite rate`);
      }
      throw new InputError({ source, field: demandField(scenario, d, i), value: rate }, `interval ${t}: not a finite demand rate ≥ 0, veh/h`);
    });
  });
}

/** The user's name of demand entry `i` (inline OD row, or the OD pair of a file / the bundled table). */
function demandField(scenario: Scenario, d: DynamicDemand, i: number): string {
  const od = `OD ${d.origin}→${d.destination}${d.userClass === undefined ? '' : ` (${d.userClass})`}`;
  const sd = scenario.demand;
  if (sd.od !== undefined) return `demand.od[${i}] (${d.origin}→${d.destination})`;
  if (sd.tripsFile !== undefined) return `demand.tripsFile (${sd.tripsFile}) ${od}`;
  if (sd.csvFile !== undefined) return `demand.csvFile (${sd.csvFile}) ${od}`;
  return `the trip table of traffic.network (${scenario.traffic.network}) ${od}`;
}

/** The no-path error, naming the stations when the class has no usable station at all. */
function noPathError(scenario: Scenario, network: Network, group: DueGroup, source: string): InputError {
  const className = USER_CLASSES[group.classCode];
  const kind = group.classCode === UserClassCode.charging ? 'charge' : 'v2g';
  const home = homeStationOf(network, group);
  if (home >= 0 && network.stations[home].chargers === 0) {
    const st = network.stations[home];
    const i = scenario.stations.findIndex((x) => x.id === st.id);
    return new InputError(
      { source, field: `stations[${i}] (${st.id}).chargers`, value: 0 },
      `a destination station needs chargers > 0: its plugInShare of the ${className} trips ending at node ${st.node} plugs in there`,
    );
  }
  // charging trips plugging in at home need no en-route station; V2G trips always do
  if (group.classCode === UserClassCode.v2g || (group.classCode === UserClassCode.charging && home < 0)) {
    const servers = (s: number) => (kind === 'charge' ? network.stations[s].chargers : network.stations[s].v2gPorts);
    const open = network.stations.some((st, s) => !isDestinationStation(st) && servers(s) > 0);
    if (!open) {
      const shareField = group.classCode === UserClassCode.charging ? 'chargingShare' : 'v2gShare';
      const serverField = kind === 'charge' ? 'chargers' : 'v2gPorts';
      return new InputError(
        { source, field: `classes.${shareField}`, value: scenario.classes[shareField] },
        `${className} trips need a station with ${serverField} > 0, but every station has ${serverField} = 0 (set stations[…].${serverField} > 0 or classes.${shareField} = 0)`,
      );
    }
  }
  const index = scenario.demand.od === undefined ? -1 : scenario.demand.od.findIndex((od) => od.origin === group.originId && od.destination === originalDestination(network, group));
  const d: DynamicDemand = { origin: group.originId, destination: originalDestination(network, group), vehPerHByInterval: [] };
  const field = demandField(scenario, d, Math.max(index, 0));
  const vehicles = +group.demandVeh.reduce((x, y) => x + y, 0).toPrecision(6);
  const via = className === 'regular' ? 'over roads with capacity > 0'
    : `through a ${kind === 'charge' ? 'charge link (station with chargers > 0)' : 'V2G link (station with v2gPorts > 0)'}`;
  return new InputError({ source, field, value: `${vehicles} ${className} vehicles` }, `no path from node ${group.originId} to node ${d.destination} ${via}: the destination cannot be reached`);
}

/** The destination station whose sink the group ends at (its plug-in share), or −1. */
function homeStationOf(network: Network, group: DueGroup): number {
  for (let s = 0; s < network.stations.length; s++) {
    const a = network.stationChargeLink[s];
    if (a >= 0 && isDestinationStation(network.stations[s]) && network.to[a] === group.destination) return s;
  }
  return -1;
}

/** A destination-station group ends at the station's sink; the user wrote the road node before it. */
function originalDestination(network: Network, group: DueGroup): number {
  const s = homeStationOf(network, group);
  return s < 0 ? group.destinationId : network.nodeIds[network.from[network.stationChargeLink[s]]];
}

/** En-route stations whose charge or V2G link no trip of the class can take on its way. */
function idleStations(scenario: Scenario, network: Network, groups: readonly DueGroup[], reach: ReachCache): string[] {
  const warnings: string[] = [];
  const N = network.nodeIds.length;
  network.stations.forEach((st, s) => {
    if (isDestinationStation(st)) return;
    let used = false;
    for (const [classCode, a, servers] of [
      [UserClassCode.charging, network.stationChargeLink[s], st.chargers],
      [UserClassCode.v2g, network.stationV2gLink[s], st.v2gPorts],
    ] as const) {
      if (used || a < 0 || servers === 0) continue;
      // after the station link: what its far end reaches in layer 1
      const after = reach.fromStation(network.to[a], classCode);
      used = groups.some((g) => g.classCode === classCode
        && reach.from(g.origin, classCode)[network.from[a]] === 1
        && after[g.destination + N] === 1);
    }
    if (!used) {
      const index = scenario.stations.findIndex((x) => x.id === st.id);
      warnings.push(`stations[${index}] (${st.id}).node = ${st.node}: no charging or V2G trip can pass this station (no OD pair with such demand has a path through it); its chargers and ports stay idle`);
    }
  });
  return warnings;
}

/**
 * Reachable states `node + layer · N` of the class searches (the moves of
 * traffic/dynamic/classShortestPaths.ts without costs): layer 0 before the station link,
 * layer 1 after it; roads and bypasses in both layers; nodes below `firstThruNode` other
 * than the origin carry no through traffic (a destination station's charge link excepted).
 */
class ReachCache {
  private readonly byOrigin = new Map<number, Uint8Array>();
  private readonly stationKinds: Uint8Array;

  constructor(private readonly network: Network, private readonly usable: Uint8Array) {
    this.stationKinds = Uint8Array.from(network.kind, (_, a) => (this.isHomeLink(a) ? 1 : 0));
  }

  /** States reachable from `origin` (layer 0) for `classCode`. */
  from(origin: number, classCode: number): Uint8Array {
    const key = origin * 3 + classCode;
    let states = this.byOrigin.get(key);
    if (states === undefined) {
      states = this.search(origin, 0, origin, classCode);
      this.byOrigin.set(key, states);
    }
    return states;
  }

  /** States reachable in layer 1 from `node` (the far end of a station link). */
  fromStation(node: number, classCode: number): Uint8Array {
    return this.search(node, 1, -1, classCode);
  }

  private isHomeLink(a: number): boolean {
    const s = this.network.station[a];
    return this.network.kind[a] === LinkKind.charge && s >= 0 && isDestinationStation(this.network.stations[s]);
  }

  private search(start: number, startLayer: number, origin: number, classCode: number): Uint8Array {
    const net = this.network;
    const N = net.nodeIds.length;
    const stationKind = classCode === UserClassCode.charging ? LinkKind.charge : classCode === UserClassCode.v2g ? LinkKind.v2g : -1;
    const v2gClass = classCode === UserClassCode.v2g;
    const seen = new Uint8Array(2 * N);
    const stack = new Int32Array(2 * N);
    let top = 0;
    seen[start + startLayer * N] = 1;
    stack[top++] = start + startLayer * N;
    while (top > 0) {
      const state = stack[--top];
      const layer = state >= N ? 1 : 0;
      const u = state - layer * N;
      const noThrough = u !== origin && net.nodeIds[u] < net.firstThruNode;
      for (let e = net.outStart[u]; e < net.outStart[u + 1]; e++) {
        const a = net.outLinks[e];
        if (this.usable[a] === 0) continue;
        const kind = net.kind[a];
        const home = this.stationKinds[a] === 1;
        if (noThrough && !home) continue;
        const homeAfterV2g = home && v2gClass && layer === 1;
        const toStation = kind === stationKind && !homeAfterV2g;
        if (kind !== LinkKind.road && kind !== LinkKind.bypass && !(toStation && layer === 0) && !homeAfterV2g) continue;
        const next = net.to[a] + (toStation ? N : layer * N);
        if (seen[next] === 0) {
          seen[next] = 1;
          stack[top++] = next;
        }
      }
    }
    return seen;
  }
}
