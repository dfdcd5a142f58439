/**
 * The seed-002 game resolved to indices (docs/static-equilibria.md §2.1): EV agents,
 * road delay model (the network's BPR or the paper's linear delay), stations, DSO
 * data with LinDistFlow sensitivities, and the growing route set (columns) of the
 * column generation. The complementarity system on these data is `gweSystem.ts`.
 */
import { InputError } from '../common/errors.js';
import { loadFeeder } from '../grid/io/loadFeeder.js';
import type { Feeder } from '../grid/model/feeder.js';
import { distFlowSensitivity, type DistFlowSensitivity } from '../grid/problems/marketDistFlowSensitivity.js';
import { BUNDLED_NETWORKS, loadBundledNetwork, type BundledNetworkName } from '../traffic/io/loadBundledNetwork.js';
import { readTntpNetwork } from '../traffic/io/readTntpNetwork.js';
import type { Network } from '../traffic/network/network.js';
import { stationChoiceOptions, type StationChoiceAgent } from '../traffic/stationChoice/stationChoiceOptions.js';
import { shortestPathTree } from '../traffic/network/shortestPathTree.js';
import type { GweScenario } from './gweScenario.js';

/** Road travel-time model per link: t = t0Min (1 + alpha (w / capVehPerH)^power). */
export interface GweRoads {
  readonly t0Min: Float64Array;
  readonly capVehPerH: Float64Array;
  readonly alpha: Float64Array;
  readonly power: Float64Array;
  readonly backgroundVehPerH: Float64Array;
  /** Coupling limit (15b) per road, veh/h. */
  readonly limitVehPerH: Float64Array;
}

/** One agent with its origin's dense node index. */
export interface GweAgent extends StationChoiceAgent {
  readonly originIndex: number;
}

/** The route set: one column = (agent, station, route); grows by column generation. */
export interface GweColumns {
  readonly agent: number[];
  readonly station: number[];
  /** Route links of column c: links[linkStart[c] .. linkStart[c + 1]). */
  readonly linkStart: number[];
  readonly links: number[];
  /** 1 for the agent's preferred option (fastest free-flow route to the nearest station). */
  readonly preferred: number[];
}

/** Everything the equilibrium system needs, resolved to indices. */
export interface GweModel {
  readonly scenario: GweScenario;
  readonly source: string;
  readonly network: Network;
  readonly feeder: Feeder;
  readonly sens: DistFlowSensitivity;
  readonly agents: readonly GweAgent[];
  readonly roads: GweRoads;
  /** Dense road node of each station, and its feeder bus position. */
  readonly stationNode: Int32Array;
  readonly stationBus: Int32Array;
  /** Congestion price slope κ_s / (n_s μ_s), $ per vehicle per veh/h of arrivals (eq. 5). */
  readonly stationSlopeUsd: Float64Array;
  readonly genBus: Int32Array;
  /** Limited branches (index) and ratings MW. */
  readonly lineBranch: Int32Array;
  readonly lineRateMw: Float64Array;
  readonly loadMw: Float64Array;
  readonly loadMvar: Float64Array;
  readonly columns: GweColumns;
}

/**
 * Road travel time of link a at flow w, minutes.
 * @example
 * gweLinkTimeMin(model.roads, 0, 30); // t0 (1 + α (30 / c)^power)
 */
export function gweLinkTimeMin(r: GweRoads, a: number, w: number): number {
  return r.t0Min[a] * (1 + r.alpha[a] * Math.pow(w / r.capVehPerH[a], r.power[a]));
}

/**
 * Derivative of the road travel time of link a at flow w, minutes per veh/h.
 * @example
 * gweLinkSlopeMin(model.roads, 0, 30); // t0 α / c for the linear delay
 */
export function gweLinkSlopeMin(r: GweRoads, a: number, w: number): number {
  const p = r.power[a];
  return (r.t0Min[a] * r.alpha[a] * p * Math.pow(w / r.capVehPerH[a], p - 1)) / r.capVehPerH[a];
}

function buildRoads(sc: GweScenario, net: Network): GweRoads {
  const A = net.from.length;
  const d = sc.delay;
  const t0Min = d.kind === 'linear' ? Float64Array.from(net.lengthKm, (l) => (60 * l) / d.speedKmPerH) : Float64Array.from(net.freeFlowMin);
  const capVehPerH = d.kind === 'linear' ? Float64Array.from(net.lengthKm, (l) => d.capacityVehPerKm * l) : Float64Array.from(net.capacity);
  const alpha = d.kind === 'linear' ? new Float64Array(A).fill(d.alpha) : Float64Array.from(net.bprB);
  const power = d.kind === 'linear' ? new Float64Array(A).fill(1) : Float64Array.from(net.bprPower);
  return {
    t0Min, capVehPerH, alpha, power,
    backgroundVehPerH: Float64Array.from(capVehPerH, (c) => c * sc.backgroundShareOfCapacity),
    limitVehPerH: Float64Array.from(capVehPerH, (c) => c * sc.roadLimitShareOfCapacity),
  };
}

/** Agents: `perOrigin` per origin with evenly spaced quantiles of θ and e (energy rotated by origin). */
function buildAgents(sc: GweScenario, net: Network, source: string): GweAgent[] {
  const q = (lo: number, hi: number, k: number, count: number): number => (count === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (count - 1));
  const agents: GweAgent[] = [];
  sc.agents.origins.forEach((origin, oi) => {
    const originIndex = net.nodeIndex.get(origin);
    if (originIndex === undefined) throw new InputError({ source, field: `agents.origins[${oi}]`, value: origin }, `unknown node of network ${net.name}`);
    for (let k = 0; k < sc.agents.perOrigin; k++) {
      const ke = (k + oi) % sc.agents.perOrigin;
      agents.push({
        origin, originIndex, vehPerH: sc.agents.vehPerH,
        valueOfTimeUsdPerH: q(sc.agents.valueOfTimeUsdPerH[0], sc.agents.valueOfTimeUsdPerH[1], k, sc.agents.perOrigin),
        energyKwh: q(sc.agents.energyKwh[0], sc.agents.energyKwh[1], ke, sc.agents.perOrigin),
      });
    }
  });
  return agents;
}

/**
 * Add a column unless the agent already has the same (station, route); returns its index or −1.
 * @example
 * addGweColumn(model.columns, 0, 2, [4, 9], 0);
 */
export function addGweColumn(cols: GweColumns, agent: number, station: number, route: readonly number[], preferred: number): number {
  for (let c = 0; c < cols.agent.length; c++) {
    if (cols.agent[c] !== agent || cols.station[c] !== station) continue;
    const len = cols.linkStart[c + 1] - cols.linkStart[c];
    if (len !== route.length) continue;
    let same = true;
    for (let k = 0; k < len && same; k++) same = cols.links[cols.linkStart[c] + k] === route[k];
    if (same) return -1;
  }
  cols.agent.push(agent);
  cols.station.push(station);
  cols.links.push(...route);
  cols.linkStart.push(cols.links.length);
  cols.preferred.push(preferred);
  return cols.agent.length - 1;
}

/**
 * Links of the tree path to `target` (dense), origin first.
 * @example
 * treeRoute(tree.predLink, net.from, net.nodeIndex.get(3)!); // [link 1→3]
 */
export function treeRoute(predLink: Int32Array, from: Int32Array, target: number): number[] {
  const route: number[] = [];
  for (let v = target; predLink[v] >= 0; v = from[predLink[v]]) route.push(predLink[v]);
  return route.reverse();
}

/** Run a reader; an InputError it throws is re-raised naming the scenario file and field first. */
function inField<T>(source: string, field: string, value: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError) throw new InputError({ source, field, value }, e.message);
    throw e;
  }
}

/**
 * Build the model: network, delay model, feeder, agents and the initial route set
 * (per agent and station the free-flow shortest route and `routesPerStation` k-shortest
 * routes; the preferred option is the free-flow shortest route to the nearest station).
 *
 * @throws InputError naming the scenario file and field for unknown nodes, buses, branches.
 * @example
 * const model = buildGweModel(sc, 'scenarios/gwe-ieee33.json'); model.columns.agent.length;
 */
export function buildGweModel(sc: GweScenario, source: string): GweModel {
  // Bundled networks come with trips; seed 002 uses only the roads (a file path needs no trips file).
  const network = inField(source, 'network', sc.network, () =>
    ((BUNDLED_NETWORKS as readonly string[]).includes(sc.network) ? loadBundledNetwork(sc.network as BundledNetworkName).network : readTntpNetwork(sc.network)));
  const feeder = inField(source, 'feeder', sc.feeder, () => loadFeeder(sc.feeder));
  const sens = distFlowSensitivity(feeder);
  const busPos = (bus: number, field: string): number => {
    const p = sens.busIds.indexOf(bus);
    if (p < 0) throw new InputError({ source, field, value: bus }, `unknown bus of feeder ${feeder.name}`);
    return p;
  };
  const stationNode = Int32Array.from(sc.stations, (s, k) => {
    const i = network.nodeIndex.get(s.node);
    if (i === undefined) throw new InputError({ source, field: `stations[${k}].node`, value: s.node }, `unknown node of network ${network.name}`);
    return i;
  });
  const agents = buildAgents(sc, network, source);
  const roads = buildRoads(sc, network);
  const lineBranch = Int32Array.from(sc.lineLimits, (l, k) => {
    const b = feeder.branches.findIndex((br) => (br.fromBus === l.from && br.toBus === l.to) || (br.fromBus === l.to && br.toBus === l.from));
    if (b < 0) throw new InputError({ source, field: `lineLimits[${k}]`, value: [l.from, l.to] }, `no such branch in ${feeder.name}`);
    return b;
  });
  const columns: GweColumns = { agent: [], station: [], linkStart: [0], links: [], preferred: [] };
  const kRoutes = stationChoiceOptions(network, agents, sc.stations.map((s) => s.node), sc.routesPerStation);
  agents.forEach((a, i) => {
    const tree = shortestPathTree(network, roads.t0Min, a.originIndex);
    let nearest = 0;
    stationNode.forEach((node, s) => {
      if (tree.cost[node] < tree.cost[stationNode[nearest]]) nearest = s;
    });
    if (!Number.isFinite(tree.cost[stationNode[nearest]])) throw new InputError({ source, field: 'agents.origins', value: a.origin }, 'reaches no station');
    stationNode.forEach((node, s) => {
      if (Number.isFinite(tree.cost[node])) addGweColumn(columns, i, s, treeRoute(tree.predLink, network.from, node), s === nearest ? 1 : 0);
    });
    for (let o = kRoutes.optStart[i]; o < kRoutes.optStart[i + 1]; o++) {
      addGweColumn(columns, i, kRoutes.optStation[o], Array.from(kRoutes.links.subarray(kRoutes.linkStart[o], kRoutes.linkStart[o + 1])), 0);
    }
  });
  return {
    scenario: sc, source, network, feeder, sens, agents, roads, stationNode,
    stationBus: Int32Array.from(sc.stations, (s, k) => busPos(s.bus, `stations[${k}].bus`)),
    stationSlopeUsd: Float64Array.from(sc.stations, (s) => s.congestionUsd / (s.chargers * s.serviceRatePerH)),
    genBus: Int32Array.from(sc.generators, (g, k) => busPos(g.bus, `generators[${k}].bus`)),
    lineBranch, lineRateMw: Float64Array.from(sc.lineLimits, (l) => l.rateMva),
    loadMw: Float64Array.from(feeder.buses, (b) => b.pLoadMw * sc.loadScale),
    loadMvar: Float64Array.from(feeder.buses, (b) => b.qLoadMvar * sc.loadScale),
    columns,
  };
}
