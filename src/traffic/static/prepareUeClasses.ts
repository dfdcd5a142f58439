/**
 * Internal: validate UE classes and demand against a network and group demand by
 * (class, origin) into bush definitions for the Algorithm-B engine.
 */
import { InputError } from '../../common/errors.js';
import { LinkKind, type Network } from '../network/network.js';
import { createShortestPathTree, shortestPathTree } from '../network/shortestPathTree.js';
import type { BprTable } from './linkCosts.js';
import type { UeClass } from './ueTypes.js';

/** Demand of one class from one origin (dense node indices). */
export interface BushSpec {
  readonly classIndex: number;
  readonly origin: number;
  readonly destinations: Int32Array;
  readonly vehPerH: Float64Array;
}

/** Per-class fixed link costs (minutes, +∞ = forbidden) and bushes. */
export interface PreparedClasses {
  readonly fixedCostMin: Float64Array[];
  readonly bushes: BushSpec[];
  readonly totalDemand: number;
}

/**
 * 1. Fixed cost per class and link: tollFactor·toll + distanceFactor·length + extra
 *    (must be ≥ 0: Dijkstra and bush acyclicity need non-negative costs).
 * 2. Demand: known nodes, finite flow ≥ 0; intrazonal and zero entries are skipped.
 * 3. Every OD pair with demand must have a path for its class: otherwise an
 *    `InputError` says whether a zero-capacity link would be needed, whether no
 *    link enters the destination zone (it cannot be reached), or that there is no path.
 */
export function prepareUeClasses(network: Network, classes: readonly UeClass[], bpr: BprTable, source: string): PreparedClasses {
  const linkCount = network.from.length;
  const nodeCount = network.nodeIds.length;
  if (classes.length === 0) throw new InputError({ source, field: 'classes', value: 0 }, 'at least one class is needed');
  const fixedCostMin = classes.map((cls, k) => {
    const at = `classes[${k}] (${cls.name})`;
    const tollFactor = cls.tollFactor ?? (cls.valueOfTimePerMin !== undefined ? 1 / cls.valueOfTimePerMin : network.tollFactor);
    const distanceFactor = cls.distanceFactor ?? network.distanceFactor;
    if (!Number.isFinite(tollFactor)) throw new InputError({ source, field: `${at}.tollFactor`, value: tollFactor }, 'must be finite');
    if (!Number.isFinite(distanceFactor)) throw new InputError({ source, field: `${at}.distanceFactor`, value: distanceFactor }, 'must be finite');
    if (cls.extraCostMin !== undefined && cls.extraCostMin.length !== linkCount) {
      throw new InputError({ source, field: `${at}.extraCostMin.length`, value: cls.extraCostMin.length }, `must equal the link count ${linkCount}`);
    }
    const cost = new Float64Array(linkCount);
    for (let a = 0; a < linkCount; a++) {
      const kind = network.kind[a];
      const extra = cls.extraCostMin !== undefined ? cls.extraCostMin[a] : kind === LinkKind.charge || kind === LinkKind.v2g ? Infinity : 0;
      const c = tollFactor * network.toll[a] + distanceFactor * network.lengthKm[a] + extra;
      if (!(c >= 0)) throw new InputError({ source, field: `${at}: link ${linkLabel(network, a)} fixed cost (min)`, value: c }, 'must be ≥ 0');
      cost[a] = c;
    }
    return cost;
  });

  const bushes: BushSpec[] = [];
  let totalDemand = 0;
  const open = createShortestPathTree(nodeCount);
  const reached = new Uint8Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  classes.forEach((cls, k) => {
    const byOrigin = new Map<number, Map<number, number>>();
    cls.demand.forEach((od, i) => {
      const at = `classes[${k}] (${cls.name}).demand[${i}]`;
      const o = network.nodeIndex.get(od.origin);
      const d = network.nodeIndex.get(od.destination);
      if (o === undefined) throw new InputError({ source, field: `${at}.origin`, value: od.origin }, 'unknown node');
      if (d === undefined) throw new InputError({ source, field: `${at}.destination`, value: od.destination }, 'unknown node: demand on a zone that cannot be reached');
      if (!(Number.isFinite(od.vehPerH) && od.vehPerH >= 0)) throw new InputError({ source, field: `${at}.vehPerH`, value: od.vehPerH }, 'must be a finite number ≥ 0');
      if (o === d || od.vehPerH === 0) return;
      const row = byOrigin.get(o) ?? new Map<number, number>();
      row.set(d, (row.get(d) ?? 0) + od.vehPerH);
      byOrigin.set(o, row);
    });
    const fixed = fixedCostMin[k];
    for (const o of [...byOrigin.keys()].sort((x, y) => x - y)) {
      const row = byOrigin.get(o)!;
      const destinations = Int32Array.from([...row.keys()].sort((x, y) => x - y));
      reachable(network, bpr, fixed, o, reached, queue);
      for (const d of destinations) if (reached[d] !== 1) reportNoPath(network, bpr, fixed, o, d, row.get(d)!, source, open);
      const vehPerH = Float64Array.from(destinations, (d) => row.get(d)!);
      vehPerH.forEach((v) => (totalDemand += v));
      bushes.push({ classIndex: k, origin: o, destinations, vehPerH });
    }
  });
  return { fixedCostMin, bushes, totalDemand };
}

/** Breadth-first search over usable links (open, finite class cost), honouring firstThruNode. */
function reachable(network: Network, bpr: BprTable, fixed: Float64Array, origin: number, reached: Uint8Array, queue: Int32Array): void {
  reached.fill(0);
  reached[origin] = 1;
  queue[0] = origin;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const u = queue[head++];
    if (u !== origin && network.nodeIds[u] < network.firstThruNode) continue;
    for (let p = network.outStart[u]; p < network.outStart[u + 1]; p++) {
      const a = network.outLinks[p];
      const v = network.to[a];
      if (reached[v] === 1 || bpr.closed[a] === 1 || fixed[a] === Infinity) continue;
      reached[v] = 1;
      queue[tail++] = v;
    }
  }
}

function linkLabel(network: Network, a: number): string {
  return `${network.nodeIds[network.from[a]]}→${network.nodeIds[network.to[a]]} (#${a})`;
}

function reportNoPath(network: Network, bpr: BprTable, fixed: Float64Array, o: number, d: number, flow: number, source: string,
  tree: ReturnType<typeof createShortestPathTree>): never {
  const od = `OD ${network.nodeIds[o]}→${network.nodeIds[d]}`;
  // Would the pair be connected if zero-capacity links were open?
  const costs = Float64Array.from(network.freeFlowMin, (t, a) => (Number.isFinite(fixed[a]) ? t + fixed[a] : Infinity));
  shortestPathTree(network, costs, o, tree);
  if (tree.cost[d] < Infinity) {
    for (let v = d; tree.predLink[v] >= 0; v = network.from[tree.predLink[v]]) {
      const a = tree.predLink[v];
      if (bpr.closed[a] === 1) {
        throw new InputError({ source: network.source, field: `link ${linkLabel(network, a)} capacity`, value: network.capacity[a] },
          `zero-capacity link would carry the demand of ${od} (${flow} veh/h) in ${source}`);
      }
    }
  }
  let entering = 0;
  for (let a = 0; a < network.to.length; a++) if (network.to[a] === d && Number.isFinite(fixed[a])) entering++;
  if (entering === 0) {
    throw new InputError({ source, field: `${od} demand`, value: flow }, `demand on a zone that cannot be reached: no link of ${network.source} enters node ${network.nodeIds[d]}`);
  }
  throw new InputError({ source, field: `${od} demand`, value: flow }, `OD pair has no path in ${network.source}`);
}
