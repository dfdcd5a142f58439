/**
 * Feasibility of the seed-002 coupling limits before solving (docs/static-equilibria.md §2.2):
 * the road limits (15b) can carry every EV from its origin to some station iff the
 * maximum flow from the origins (supply = agent populations) to the station nodes on
 * road headroom (limit − background) reaches the total EV demand; all EVs are alike to
 * the roads, so this single-commodity test is exact for the roads. The station
 * capacities (15a) need at least Σ m_i e_i kW in total. Failing either, no equilibrium
 * meets the limits (tolls would grow without bound): a clear input error instead.
 */
import { InputError } from '../common/errors.js';
import type { GweModel } from './gweModel.js';

/**
 * Maximum flow (Edmonds–Karp) from the agents' origins to the station nodes on road headroom, veh/h.
 * @example
 * gweRoadMaxFlow(model); // ≥ Σ vehPerH when the road limits are feasible
 */
export function gweRoadMaxFlow(m: GweModel): number {
  const net = m.network;
  const V = net.nodeIds.length;
  const S = V;
  const T = V + 1;
  const heads: number[] = [];
  const caps: number[] = [];
  const out: number[][] = Array.from({ length: V + 2 }, () => []);
  const arc = (u: number, v: number, c: number): void => {
    out[u].push(heads.length); heads.push(v); caps.push(c);
    out[v].push(heads.length); heads.push(u); caps.push(0);
  };
  for (let a = 0; a < net.from.length; a++) arc(net.from[a], net.to[a], Math.max(0, m.roads.limitVehPerH[a] - m.roads.backgroundVehPerH[a]));
  m.agents.forEach((a) => arc(S, a.originIndex, a.vehPerH));
  m.stationNode.forEach((node) => arc(node, T, Infinity));
  let total = 0;
  const predArc = new Int32Array(V + 2);
  for (;;) {
    predArc.fill(-1);
    const queue = [S];
    predArc[S] = -2;
    for (let k = 0; k < queue.length && predArc[T] === -1; k++) {
      const u = queue[k];
      for (const e of out[u]) {
        if (caps[e] > 1e-12 && predArc[heads[e]] === -1) { predArc[heads[e]] = e; queue.push(heads[e]); }
      }
    }
    if (predArc[T] === -1) return total;
    let push = Infinity;
    for (let v = T; v !== S; v = heads[predArc[v] ^ 1]) push = Math.min(push, caps[predArc[v]]);
    for (let v = T; v !== S; v = heads[predArc[v] ^ 1]) { caps[predArc[v]] -= push; caps[predArc[v] ^ 1] += push; }
    total += push;
  }
}

/**
 * Throw an InputError naming the scenario file and field when the limits cannot be met.
 * @throws InputError on `roadLimitShareOfCapacity` or `stations`.
 * @example
 * assertGweFeasible(model);
 */
export function assertGweFeasible(m: GweModel): void {
  const sc = m.scenario;
  if (sc.roadLimitShareOfCapacity < sc.backgroundShareOfCapacity) {
    throw new InputError({ source: m.source, field: 'roadLimitShareOfCapacity', value: sc.roadLimitShareOfCapacity }, `below backgroundShareOfCapacity (${sc.backgroundShareOfCapacity}): every road is over its limit without EVs`);
  }
  const demand = m.agents.reduce((s, a) => s + a.vehPerH, 0);
  const carried = gweRoadMaxFlow(m);
  if (carried < demand * (1 - 1e-9)) {
    throw new InputError({ source: m.source, field: 'roadLimitShareOfCapacity', value: sc.roadLimitShareOfCapacity },
      `road limits cannot carry the EVs to the stations: at most ${carried.toFixed(3)} of ${demand.toFixed(3)} veh/h (maximum flow on limit − background)`);
  }
  const energyKw = m.agents.reduce((s, a) => s + a.vehPerH * a.energyKwh, 0);
  const capacityKw = sc.stations.reduce((s, st) => s + st.capacityKw, 0);
  if (capacityKw < energyKw) {
    throw new InputError({ source: m.source, field: 'stations', value: `${capacityKw} kW in total` }, `station capacities are below the EV demand of ${energyKw.toFixed(1)} kW`);
  }
}
