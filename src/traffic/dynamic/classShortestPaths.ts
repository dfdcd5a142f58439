/**
 * Time-dependent least-cost paths of one user class from one origin (the column
 * generation of the DUE, docs/model.md §2): regular paths use no station link, charging
 * paths exactly one charge link, V2G paths exactly one v2g link and, when their trip ends
 * at a destination station, its charge link last (docs/model.md §2 "Destination charging";
 * for the charging class that charge link is its one charge link).
 *
 * Not `network/shortestPathTree.ts` (the one static Dijkstra): here a link's cost is
 * evaluated at the time the vehicle reaches it, the search runs over two layers of states
 * (before / after the station), and a station link may cost less than nothing (V2G
 * revenue), so labels are settled per layer with a lazy-deletion heap.
 */
import { isDestinationStation, LinkKind, type Network } from '../network/network.js';
import { UserClassCode } from './dueTypes.js';
import type { LinkCostModel } from './linkCostModel.js';

/** Labels of a class tree over states `node + layer · nodeCount` (layer 1 = after the station). */
export interface ClassTree {
  readonly cost: Float64Array;
  readonly time: Float64Array;
  readonly predLink: Int32Array;
}

/**
 * Allocate labels for `network` (reuse them across calls: docs/architecture.md).
 *
 * @example
 * const tree = createClassTree(net); // 2 × nodes states
 */
export function createClassTree(network: Network): ClassTree {
  const n = 2 * network.nodeIds.length;
  return { cost: new Float64Array(n), time: new Float64Array(n), predLink: new Int32Array(n) };
}

/**
 * Label-setting search keyed on generalized cost; time labels follow the chosen
 * links (`model.exit`), so link costs are taken when the vehicle reaches them.
 *
 * 1. Layer 0 (before the station): Dijkstra over road and bypass links. A class
 *    station link relaxes a layer-1 label but is not expanded yet, because its cost
 *    may be negative (V2G revenue).
 * 2. Layer 1 (after the station): Dijkstra over road and bypass links seeded with
 *    those labels. Both layers have non-negative link costs, so each phase is exact
 *    for time-independent costs; with time-dependent costs it is the usual FIFO
 *    label-setting heuristic (columns are only candidates: the DUE gap is measured
 *    on the path set).
 * 3. Nodes below `firstThruNode` other than the origin are not passed through (TNTP);
 *    a destination station's charge link (into its sink) may still be taken there.
 * 4. Destination stations: their charge link k → k* is the charging class's station
 *    link like any other (layer 0 → 1); the V2G class may take it in layer 1 only (after
 *    its v2g link), staying in layer 1. The sink k* has no out-links.
 *
 * @param usable per link: 1 if the link may be used (e.g. capacity > 0)
 * @example
 * const tree = createClassTree(net);
 * classShortestPaths(net, model, { origin: 0, departStep: 10, classCode: 1, usable }, tree);
 * extractClassPath(net, tree, dest, 1); // Int32Array of links or null
 */
export function classShortestPaths(
  network: Network,
  model: LinkCostModel,
  query: { origin: number; departStep: number; classCode: number; usable: Uint8Array },
  tree: ClassTree,
): void {
  const N = network.nodeIds.length;
  const { cost, time, predLink } = tree;
  cost.fill(Infinity);
  predLink.fill(-1);
  const stationKind = query.classCode === UserClassCode.charging ? LinkKind.charge
    : query.classCode === UserClassCode.v2g ? LinkKind.v2g : -1;
  const v2gClass = query.classCode === UserClassCode.v2g;
  const heap = new MinHeap(4 * N);
  cost[query.origin] = 0;
  time[query.origin] = query.departStep;
  heap.push(query.origin, 0);
  for (let layer = 0; layer < (stationKind < 0 ? 1 : 2); layer++) {
    if (layer === 1) {
      for (let u = 0; u < N; u++) if (cost[N + u] < Infinity) heap.push(N + u, cost[N + u]);
    }
    const settled = new Uint8Array(N);
    while (heap.size > 0) {
      const key = heap.topKey();
      const state = heap.pop();
      const u = state - layer * N;
      if (settled[u] === 1 || key > cost[state]) continue;
      settled[u] = 1;
      const noThrough = u !== query.origin && network.nodeIds[u] < network.firstThruNode;
      for (let e = network.outStart[u]; e < network.outStart[u + 1]; e++) {
        const a = network.outLinks[e];
        if (query.usable[a] === 0) continue;
        const kind = network.kind[a];
        const home = kind === LinkKind.charge && isDestinationLink(network, a);
        if (noThrough && !home) continue;
        // V2G after discharging: recharge at the destination station, same layer
        const homeAfterV2g = home && v2gClass && layer === 1;
        const toStation = kind === stationKind && !homeAfterV2g;
        if (kind !== LinkKind.road && kind !== LinkKind.bypass && !(toStation && layer === 0) && !homeAfterV2g) continue;
        const x = time[state];
        const c = cost[state] + model.cost(a, x);
        const next = network.to[a] + (toStation ? N : layer * N);
        if (c < cost[next]) {
          cost[next] = c;
          time[next] = model.exit(a, x);
          predLink[next] = a;
          if (!toStation) heap.push(next, c);
        }
      }
    }
  }
}

/**
 * Links of the tree path to `destination` (dense index) for the class, or null
 * when there is none.
 *
 * @example
 * extractClassPath(net, tree, net.nodeIndex.get(3)!, 0);
 */
export function extractClassPath(network: Network, tree: ClassTree, destination: number, classCode: number): Int32Array | null {
  const N = network.nodeIds.length;
  let state = destination + (classCode === UserClassCode.regular ? 0 : N);
  if (!(tree.cost[state] < Infinity)) return null;
  const links: number[] = [];
  while (tree.predLink[state] >= 0) {
    const a = tree.predLink[state];
    links.push(a);
    const layer = state >= N ? 1 : 0;
    const kind = network.kind[a];
    // the layer switch of the class; a V2G path's destination charge link stays in layer 1
    const switchesLayer = kind === LinkKind.v2g
      || (kind === LinkKind.charge && !(classCode === UserClassCode.v2g && isDestinationLink(network, a)));
    state = network.from[a] + (switchesLayer ? 0 : layer * N);
    if (links.length > 4 * N) return null; // guards against a corrupted tree
  }
  return Int32Array.from(links.reverse());
}

/** True for the charge link of a destination station. */
function isDestinationLink(network: Network, a: number): boolean {
  const s = network.station[a];
  return s >= 0 && isDestinationStation(network.stations[s]);
}

/** Binary min-heap of integer items keyed by numbers (duplicates allowed, lazy deletion). */
class MinHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(4, capacity));
    this.items = new Int32Array(Math.max(4, capacity));
  }

  push(item: number, key: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const it = new Int32Array(this.size * 2);
      it.set(this.items);
      this.keys = k;
      this.items = it;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.keys[i] = this.keys[p];
      this.items[i] = this.items[p];
      i = p;
    }
    this.keys[i] = key;
    this.items[i] = item;
  }

  topKey(): number {
    return this.keys[0];
  }

  pop(): number {
    const top = this.items[0];
    const n = --this.size;
    const key = this.keys[n];
    const item = this.items[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= key) break;
      this.keys[i] = this.keys[c];
      this.items[i] = this.items[c];
      i = c;
    }
    this.keys[i] = key;
    this.items[i] = item;
    return top;
  }
}
