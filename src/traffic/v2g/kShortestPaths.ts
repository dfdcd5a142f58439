/**
 * Yen's k shortest loopless paths on the road links of a network (fixed link
 * costs), used to pre-generate base routes for the seed-000 path patterns
 * (seed 000 §II-B4, Algorithm 1: "augmenting base routes"). Every shortest path is
 * the network's one Dijkstra, `shortestPathTree`, stopped at the destination.
 */
import { LinkKind, type Network } from '../network/network.js';
import { createShortestPathTree, shortestPathTree, type ShortestPathTree } from '../network/shortestPathTree.js';

/**
 * Links of the cheapest `origin`→`destination` path under `linkCosts` (`Infinity` closes a
 * link), or null when there is none.
 */
function cheapestPath(net: Network, linkCosts: Float64Array, origin: number, destination: number, tree: ShortestPathTree): number[] | null {
  shortestPathTree(net, linkCosts, origin, tree, destination);
  if (!(tree.cost[destination] < Infinity)) return null;
  const links: number[] = [];
  for (let v = destination; v !== origin; v = net.from[tree.predLink[v]]) links.push(tree.predLink[v]);
  return links.reverse();
}

const pathCost = (costs: ArrayLike<number>, links: readonly number[]): number => links.reduce((s, a) => s + costs[a], 0);

/**
 * The `k` cheapest loopless origin→destination paths (dense node indices), cheapest
 * first, as link-index arrays. Fewer are returned when fewer exist.
 *
 * Steps (Yen 1971): 1. shortest path; 2. for each spur node of the last found path,
 * close the links that continue already-found paths with the same root and the links
 * into the root's nodes, find a spur path and join; 3. keep the cheapest candidate; repeat.
 * Only `road` links are used, and zones below `network.firstThruNode` are not passed
 * through (the rule of `shortestPathTree`, as in the assignments).
 *
 * @param net - the network (only `road` links are used).
 * @param costs - non-negative cost per link (e.g. free-flow minutes).
 * @example
 * const routes = kShortestPaths(net, net.freeFlowMin, net.nodeIndex.get(1)!, net.nodeIndex.get(20)!, 5);
 */
export function kShortestPaths(net: Network, costs: ArrayLike<number>, origin: number, destination: number, k: number): number[][] {
  const linkCount = net.from.length;
  const roadCosts = new Float64Array(linkCount);
  for (let a = 0; a < linkCount; a++) roadCosts[a] = net.kind[a] === LinkKind.road ? costs[a] : Infinity;
  const tree = createShortestPathTree(net.nodeIds.length);
  const first = cheapestPath(net, roadCosts, origin, destination, tree);
  if (first === null || origin === destination) return [];
  const found: number[][] = [first];
  const candidates: number[][] = [];
  const key = (p: readonly number[]): string => p.join(',');
  const seen = new Set<string>([key(first)]);
  const spurCosts = new Float64Array(linkCount);
  const bannedNode = new Uint8Array(net.nodeIds.length);
  while (found.length < k) {
    const last = found[found.length - 1];
    for (let i = 0; i < last.length; i++) {
      const root = last.slice(0, i);
      const rootKey = key(root);
      const spurNode = i === 0 ? origin : net.to[last[i - 1]];
      spurCosts.set(roadCosts);
      for (const p of found) {
        if (p.length > i && key(p.slice(0, i)) === rootKey) spurCosts[p[i]] = Infinity;
      }
      // The spur path may not revisit the origin or the root's nodes (loopless).
      bannedNode.fill(0);
      bannedNode[origin] = 1;
      for (const a of root) bannedNode[net.to[a]] = 1;
      bannedNode[spurNode] = 0;
      for (let a = 0; a < linkCount; a++) if (bannedNode[net.to[a]]) spurCosts[a] = Infinity;
      const spur = cheapestPath(net, spurCosts, spurNode, destination, tree);
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
