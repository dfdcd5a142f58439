/**
 * Yen's k shortest loopless paths on the road links of a network (fixed link
 * costs), used to pre-generate base routes for the seed-000 path patterns
 * (seed 000 §II-B4, Algorithm 1: "augmenting base routes").
 */
import { LinkKind, type Network } from '../network/network.js';

/**
 * Dijkstra from `origin` to `destination` over road links whose `banned[link]` is 0
 * and whose tail node is not in `bannedNode`; returns the link sequence or null.
 */
function dijkstra(
  net: Network, costs: Float64Array, origin: number, destination: number,
  banned: Uint8Array, bannedNode: Uint8Array,
): number[] | null {
  const n = net.nodeIds.length;
  const dist = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  dist[origin] = 0;
  for (;;) {
    let u = -1;
    let best = Infinity;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i] < best) { best = dist[i]; u = i; }
    if (u < 0 || u === destination) break;
    done[u] = 1;
    for (let k = net.outStart[u]; k < net.outStart[u + 1]; k++) {
      const a = net.outLinks[k];
      if (banned[a] || net.kind[a] !== LinkKind.road) continue;
      const v = net.to[a];
      if (bannedNode[v]) continue;
      const d = best + costs[a];
      if (d < dist[v]) { dist[v] = d; via[v] = a; }
    }
  }
  if (dist[destination] === Infinity) return null;
  const links: number[] = [];
  for (let v = destination; v !== origin; v = net.from[via[v]]) links.push(via[v]);
  return links.reverse();
}

const pathCost = (costs: Float64Array, links: readonly number[]): number => links.reduce((s, a) => s + costs[a], 0);

/**
 * The `k` cheapest loopless origin→destination paths (dense node indices), cheapest
 * first, as link-index arrays. Fewer are returned when fewer exist.
 *
 * Steps (Yen 1971): 1. shortest path; 2. for each spur node of the last found path,
 * ban the links that continue already-found paths with the same root and the root's
 * nodes, find a spur path and join; 3. keep the cheapest candidate; repeat.
 *
 * @param net - the network (only `road` links are used).
 * @param costs - non-negative cost per link (e.g. free-flow minutes).
 * @example
 * const routes = kShortestPaths(net, net.freeFlowMin, net.nodeIndex.get(1)!, net.nodeIndex.get(20)!, 5);
 */
export function kShortestPaths(net: Network, costs: Float64Array, origin: number, destination: number, k: number): number[][] {
  const n = net.nodeIds.length;
  const banned = new Uint8Array(net.from.length);
  const bannedNode = new Uint8Array(n);
  const first = dijkstra(net, costs, origin, destination, banned, bannedNode);
  if (first === null || origin === destination) return [];
  const found: number[][] = [first];
  const candidates: number[][] = [];
  const key = (p: readonly number[]): string => p.join(',');
  const seen = new Set<string>([key(first)]);
  while (found.length < k) {
    const last = found[found.length - 1];
    for (let i = 0; i < last.length; i++) {
      const root = last.slice(0, i);
      const spurNode = i === 0 ? origin : net.to[last[i - 1]];
      banned.fill(0);
      bannedNode.fill(0);
      for (const p of found) {
        if (p.length > i && key(p.slice(0, i)) === key(root)) banned[p[i]] = 1;
      }
      bannedNode[origin] = 1;
      for (const a of root) bannedNode[net.to[a]] = 1;
      bannedNode[spurNode] = 0;
      const spur = dijkstra(net, costs, spurNode, destination, banned, bannedNode);
      if (spur === null) continue;
      const total = [...root, ...spur];
      const id = key(total);
      if (!seen.has(id)) { seen.add(id); candidates.push(total); }
    }
    if (candidates.length === 0) break;
    candidates.sort((p, q) => pathCost(costs, p) - pathCost(costs, q));
    found.push(candidates.shift()!);
  }
  return found;
}
