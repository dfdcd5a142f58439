/**
 * Test helper, independent of the solver: BPR times, shortest paths by Bellman-Ford
 * (honouring firstThruNode) and the TNTP relative gap of given link flows, plus the
 * node-balance residual of those flows against the demand.
 */
import type { Network, OdDemand } from '../../../src/traffic/network/network.ts';

export function checkEquilibrium(net: Network, demand: readonly OdDemand[], flows: Float64Array, fixed?: Float64Array) {
  const L = net.from.length;
  const N = net.nodeIds.length;
  const cost = new Float64Array(L);
  let objective = 0;
  for (let a = 0; a < L; a++) {
    const x = flows[a];
    const ratio = x / net.capacity[a];
    const extra = fixed ? fixed[a] : net.tollFactor * net.toll[a] + net.distanceFactor * net.lengthKm[a];
    cost[a] = net.freeFlowMin[a] * (1 + net.bprB[a] * Math.pow(ratio, net.bprPower[a])) + extra;
    objective += net.freeFlowMin[a] * x * (1 + (net.bprB[a] * Math.pow(ratio, net.bprPower[a])) / (net.bprPower[a] + 1)) + extra * x;
  }
  let total = 0;
  for (let a = 0; a < L; a++) total += flows[a] * cost[a];
  const byOrigin = new Map<number, OdDemand[]>();
  for (const od of demand) if (od.origin !== od.destination) byOrigin.set(od.origin, [...(byOrigin.get(od.origin) ?? []), od]);
  let shortest = 0;
  const balance = new Float64Array(N);
  for (const [o, ods] of byOrigin) {
    const oi = net.nodeIndex.get(o)!;
    const d = new Float64Array(N).fill(Infinity);
    d[oi] = 0;
    for (let changed = true; changed; ) {
      changed = false;
      for (let a = 0; a < L; a++) {
        const i = net.from[a];
        if (i !== oi && net.nodeIds[i] < net.firstThruNode) continue;
        if (d[i] + cost[a] < d[net.to[a]]) {
          d[net.to[a]] = d[i] + cost[a];
          changed = true;
        }
      }
    }
    for (const od of ods) {
      const di = net.nodeIndex.get(od.destination)!;
      shortest += od.vehPerH * d[di];
      balance[oi] -= od.vehPerH;
      balance[di] += od.vehPerH;
    }
  }
  for (let a = 0; a < L; a++) {
    balance[net.from[a]] += flows[a];
    balance[net.to[a]] -= flows[a];
  }
  const maxImbalance = balance.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return { relativeGap: total > 0 ? (total - shortest) / total : 0, objective, maxImbalance, minFlow: Math.min(...flows) };
}
