/**
 * Joint station-and-route options of seed-002 EV agents (seed 002 §III-A): each
 * agent (a population of EVs with one origin, value of time and energy demand)
 * chooses a charging station as its destination and a route to it. Options are the
 * k shortest free-flow routes from the origin to each station's node.
 */
import { InputError } from '../../common/errors.js';
import type { Network } from '../network/network.js';
import { kShortestPaths } from '../v2g/kShortestPaths.js';

/** One EV agent (a population with common parameters). */
export interface StationChoiceAgent {
  /** Origin node (external id). */
  readonly origin: number;
  /** Population size, veh/h. */
  readonly vehPerH: number;
  /** Value of time θ_i, $/h. */
  readonly valueOfTimeUsdPerH: number;
  /** Energy demand per vehicle, kWh. */
  readonly energyKwh: number;
}

/** All options, CSR by agent. */
export interface StationChoiceOptions {
  readonly optStart: Int32Array;
  /** Station index per option. */
  readonly optStation: Int32Array;
  /** Route links per option, CSR: linkStart[o]..linkStart[o+1] into `links`. */
  readonly linkStart: Int32Array;
  readonly links: Int32Array;
  /** 1 when the option is the agent's preferred one (shortest route to the nearest station). */
  readonly preferred: Uint8Array;
  /** Free-flow minutes per option. */
  readonly freeFlowMin: Float64Array;
}

/**
 * Enumerate options: for each agent and station, up to `routesPerStation` shortest
 * routes (an agent at a station's node gets the empty route). The preferred option of
 * an agent is its fastest free-flow option.
 *
 * @throws InputError for an unknown node or an agent that reaches no station.
 * @example
 * const opts = stationChoiceOptions(net, agents, [5, 10, 15], 2);
 */
export function stationChoiceOptions(net: Network, agents: readonly StationChoiceAgent[], stationNodes: readonly number[], routesPerStation: number): StationChoiceOptions {
  const src = 'traffic/stationChoice';
  const idx = (id: number, field: string): number => {
    const i = net.nodeIndex.get(id);
    if (i === undefined) throw new InputError({ source: src, field, value: id }, `unknown node of network ${net.name}`);
    return i;
  };
  const stations = stationNodes.map((s, k) => idx(s, `stations[${k}].node`));
  const optStart = [0];
  const optStation: number[] = [];
  const linkStart = [0];
  const links: number[] = [];
  const preferred: number[] = [];
  const ff: number[] = [];
  agents.forEach((agent, i) => {
    const o = idx(agent.origin, `agents[${i}].origin`);
    const first = optStation.length;
    stations.forEach((node, s) => {
      const routes = o === node ? [[]] : kShortestPaths(net, net.freeFlowMin, o, node, routesPerStation);
      for (const r of routes) {
        optStation.push(s);
        links.push(...r);
        linkStart.push(links.length);
        ff.push(r.reduce((t, a) => t + net.freeFlowMin[a], 0));
        preferred.push(0);
      }
    });
    if (optStation.length === first) throw new InputError({ source: src, field: `agents[${i}].origin`, value: agent.origin }, 'reaches no station');
    let best = first;
    for (let k = first; k < optStation.length; k++) if (ff[k] < ff[best]) best = k;
    preferred[best] = 1;
    optStart.push(optStation.length);
  });
  return {
    optStart: Int32Array.from(optStart), optStation: Int32Array.from(optStation), linkStart: Int32Array.from(linkStart),
    links: Int32Array.from(links), preferred: Uint8Array.from(preferred), freeFlowMin: Float64Array.from(ff),
  };
}

/**
 * Euclidean projection of `v[start..end)` onto the simplex {x ≥ 0, Σx = 1}, in place
 * (sort-based, Held et al. 1974 / Duchi et al. 2008).
 * @example
 * const v = Float64Array.of(0.8, 0.6, -1); projectOntoSimplex(v, 0, 3); // [0.6, 0.4, 0]
 */
export function projectOntoSimplex(v: Float64Array, start: number, end: number): void {
  const n = end - start;
  const u = Array.from(v.subarray(start, end)).sort((a, b) => b - a);
  let cum = 0;
  let theta = 0;
  for (let k = 0; k < n; k++) {
    cum += u[k];
    const t = (cum - 1) / (k + 1);
    if (u[k] - t > 0) theta = t;
  }
  for (let k = start; k < end; k++) v[k] = Math.max(0, v[k] - theta);
}
