/**
 * One-to-all shortest paths (Dijkstra with a binary heap on the CSR forward star): the
 * one static shortest-path search of `src/traffic`. The static assignment, the path
 * generators (`v2g/kShortestPaths.ts`: Yen, closing links with `Infinity` costs) and the
 * benches use it; only the DUE's time-dependent, two-layer search
 * (`dynamic/classShortestPaths.ts`) is separate, because its link costs depend on the
 * arrival time and station links may cost less than nothing (V2G revenue).
 */
import type { Network } from './network.js';

/**
 * A shortest-path tree and the scratch buffers that built it. Allocate once per
 * network with `createShortestPathTree` and pass it as `output` in loops.
 */
export interface ShortestPathTree {
  /** Label per node (dense index): cheapest cost from the origin; +∞ if unreachable. */
  readonly cost: Float64Array;
  /** Link entering each node on its cheapest path; −1 for the origin and unreachable nodes. */
  readonly predLink: Int32Array;
  /** Reached nodes in the order they were settled (non-decreasing cost); `order[0]` is the origin. */
  readonly order: Int32Array;
  /** Number of valid entries in `order` (= number of reachable nodes). */
  settled: number;
  /** Heap scratch (node per slot, slot per node; −1 = never queued, −2 = settled). */
  readonly heap: Int32Array;
  readonly heapSlot: Int32Array;
}

/** Allocate the buffers of a shortest-path tree for a network with `nodeCount` nodes. */
export function createShortestPathTree(nodeCount: number): ShortestPathTree {
  return {
    cost: new Float64Array(nodeCount),
    predLink: new Int32Array(nodeCount),
    order: new Int32Array(nodeCount),
    settled: 0,
    heap: new Int32Array(nodeCount),
    heapSlot: new Int32Array(nodeCount),
  };
}

/**
 * Dijkstra from `origin` (a DENSE node index, `network.nodeIndex.get(id)`) with the
 * given non-negative link costs (any unit; `Infinity` closes a link).
 *
 * 1. Labels start at +∞, the origin at 0; a binary heap with decrease-key holds
 *    the tentative labels.
 * 2. Settling node u relaxes u's out-links, except when u is a zone that carries
 *    no through traffic (TNTP: external id < `network.firstThruNode`) and u is not
 *    the origin: such paths may end at u but never pass through it.
 * 3. Ties keep the first label found (strict `<`), and among equal labels the node
 *    with the lower index is settled first, so the tree does not depend on the heap's
 *    layout (it is the tree of the textbook scan for the cheapest unsettled node).
 *
 * 4. With `target`, the search stops once the target is settled: its label and path
 *    are final; other nodes' labels are then upper bounds (`order`/`settled` list the
 *    nodes settled so far).
 *
 * Costs do not depend on time here; a time-dependent caller passes the costs it
 * wants for this call. Allocation-free when `output` is given.
 *
 * @param linkCosts cost per link index, ≥ 0 (e.g. minutes)
 * @param target dense index of a node to stop at (default: none, the full tree)
 * @example
 * const tree = shortestPathTree(net, net.freeFlowMin, net.nodeIndex.get(1)!);
 * tree.cost[net.nodeIndex.get(24)!]; // free-flow minutes 1 → 24
 */
export function shortestPathTree(
  network: Network,
  linkCosts: ArrayLike<number>,
  origin: number,
  output?: ShortestPathTree,
  target = -1,
): ShortestPathTree {
  const nodeCount = network.nodeIds.length;
  const tree = output ?? createShortestPathTree(nodeCount);
  const { cost, predLink, order, heap, heapSlot } = tree;
  const { outStart, outLinks, to, nodeIds } = network;
  const firstThru = network.firstThruNode;
  cost.fill(Infinity);
  predLink.fill(-1);
  heapSlot.fill(-1);
  let size = 0;
  let settled = 0;
  cost[origin] = 0;
  heap[0] = origin;
  heapSlot[origin] = 0;
  size = 1;
  while (size > 0) {
    const u = heap[0];
    heapSlot[u] = -2;
    order[settled++] = u;
    size--;
    if (size > 0) {
      // Move the last entry to the root and sift it down.
      const last = heap[size];
      const lastCost = cost[last];
      let slot = 0;
      for (;;) {
        let child = 2 * slot + 1;
        if (child >= size) break;
        // The smaller child by (label, node index).
        let c = heap[child];
        let cCost = cost[c];
        if (child + 1 < size) {
          const right = heap[child + 1];
          const rightCost = cost[right];
          if (rightCost < cCost || (rightCost === cCost && right < c)) {
            child++;
            c = right;
            cCost = rightCost;
          }
        }
        if (cCost > lastCost || (cCost === lastCost && c > last)) break;
        heap[slot] = c;
        heapSlot[c] = slot;
        slot = child;
      }
      heap[slot] = last;
      heapSlot[last] = slot;
    }
    if (u === target) break;
    if (u !== origin && nodeIds[u] < firstThru) continue;
    const base = cost[u];
    for (let p = outStart[u], end = outStart[u + 1]; p < end; p++) {
      const a = outLinks[p];
      const v = to[a];
      const slotV = heapSlot[v];
      if (slotV === -2) continue;
      const candidate = base + linkCosts[a];
      if (!(candidate < cost[v])) continue;
      cost[v] = candidate;
      predLink[v] = a;
      let slot = slotV;
      if (slot === -1) slot = size++;
      // Sift up.
      while (slot > 0) {
        const parent = (slot - 1) >> 1;
        const w = heap[parent];
        if (cost[w] < candidate || (cost[w] === candidate && w < v)) break;
        heap[slot] = w;
        heapSlot[w] = slot;
        slot = parent;
      }
      heap[slot] = v;
      heapSlot[v] = slot;
    }
  }
  tree.settled = settled;
  return tree;
}
