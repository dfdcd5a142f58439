/**
 * Column generation for the seed-002 route sets (docs/static-equilibria.md §2.2): at a
 * solution of the restricted problem, each agent's cheapest (station, route) option over
 * ALL routes of the network is found by Dijkstra on the priced network (link cost
 * θ_i/60 · t_a(w) + toll_a, station cost added at the station's node). Options cheaper
 * than the agent's equilibrium cost are added; none left ⇒ Wardrop over all routes.
 */
import { kShortestPaths } from '../traffic/v2g/kShortestPaths.js';
import { createShortestPathTree, shortestPathTree } from '../traffic/network/shortestPathTree.js';
import { treeRoute, type GweModel } from './gweModel.js';
import type { GweLayout, GweState } from './gweSystem.js';

/** Cheapest option of one agent over all network routes. */
export interface GweBestOption {
  readonly costUsd: number;
  readonly station: number;
  readonly route: readonly number[];
  /** 1 when it is the agent's preferred option. */
  readonly preferred: number;
}

/** Route of the agent's preferred column, or null. */
function preferredColumn(m: GweModel, agent: number): { station: number; route: number[] } | null {
  const cols = m.columns;
  for (let c = 0; c < cols.agent.length; c++) {
    if (cols.agent[c] === agent && cols.preferred[c]) return { station: cols.station[c], route: cols.links.slice(cols.linkStart[c], cols.linkStart[c + 1]) };
  }
  return null;
}

const sameRoute = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, k) => x === b[k]);

/**
 * Each agent's cheapest option over all routes, at the state of the last evaluation.
 * @example
 * const best = gweBestOptions(model, lay, z, st); best[0].costUsd;
 */
export function gweBestOptions(m: GweModel, lay: GweLayout, z: Float64Array, st: GweState): GweBestOption[] {
  const net = m.network;
  const A = net.from.length;
  const linkCost = new Float64Array(A);
  const tree = createShortestPathTree(net.nodeIds.length);
  const pref = m.scenario.preferenceUsd;
  return m.agents.map((a, i) => {
    for (let l = 0; l < A; l++) linkCost[l] = (a.valueOfTimeUsdPerH / 60) * st.linkTimeMin[l] + Math.max(0, z[lay.toll + l]);
    shortestPathTree(net, linkCost, a.originIndex, tree);
    const preferred = preferredColumn(m, i);
    let best: GweBestOption = { costUsd: Infinity, station: -1, route: [], preferred: 0 };
    m.scenario.stations.forEach((_, s) => {
      const node = m.stationNode[s];
      if (!Number.isFinite(tree.cost[node])) return;
      const stationCost = m.stationSlopeUsd[s] * st.arrivalsVehPerH[s] + (a.energyKwh * (st.dlmp[m.stationBus[s]] + 1000 * Math.max(0, z[lay.nu + s]))) / 1000;
      const route = treeRoute(tree.predLink, net.from, node);
      const isPref = preferred !== null && preferred.station === s && sameRoute(route, preferred.route);
      let cost = tree.cost[node] + stationCost + (isPref ? 0 : pref);
      let chosen = route;
      let chosenPref = isPref ? 1 : 0;
      if (!isPref && preferred !== null && preferred.station === s) {
        // The preferred route pays no preference cost and may beat the cheapest route + preference.
        const cp = preferred.route.reduce((t, l) => t + linkCost[l], 0) + stationCost;
        if (cp < cost) { cost = cp; chosen = preferred.route; chosenPref = 1; }
      }
      if (isPref && pref > 0) {
        // The cheapest non-preferred route to this station is the second-cheapest route.
        const two = kShortestPaths(net, linkCost, a.originIndex, node, 2);
        if (two.length > 1) {
          const c2 = two[1].reduce((t, l) => t + linkCost[l], 0) + stationCost + pref;
          if (c2 < cost) { cost = c2; chosen = two[1]; chosenPref = 0; }
        }
      }
      if (cost < best.costUsd) best = { costUsd: cost, station: s, route: chosen, preferred: chosenPref };
    });
    return best;
  });
}
