/**
 * The seed-000 expanded network (§II-B1, Fig. 1): every fast-charging station node
 * k gets a virtual charging node k⁺ and a virtual discharging node k⁻; arcs k→k⁺ and
 * k→k⁻ have zero length, and each out-arc (k, j) is copied as (k⁺, j) and (k⁻, j)
 * with the original length. Paths are stored as road routes plus stops
 * (`V2gPath`); these helpers give the expanded view for reports.
 */
import type { Network } from '../network/network.js';
import type { V2gPath } from './v2gPaths.js';

/** One arc of the expanded network, labelled by node names ("12", "12+", "12-"). */
export interface ExpandedArc {
  readonly from: string;
  readonly to: string;
  readonly lengthKm: number;
  readonly virtual: boolean;
}

/**
 * List the arcs of the expanded network: every road arc, plus for each station node
 * k: k→k⁺, k→k⁻ (0 km) and k⁺→j, k⁻→j for each road arc k→j (its length).
 *
 * @example
 * expandedArcs(net, [12]).filter((a) => a.virtual).length; // 2 + 2·outdegree(12)
 */
export function expandedArcs(net: Network, stationNodes: readonly number[]): ExpandedArc[] {
  const id = (i: number): string => String(net.nodeIds[i]);
  const arcs: ExpandedArc[] = [];
  for (let a = 0; a < net.from.length; a++) arcs.push({ from: id(net.from[a]), to: id(net.to[a]), lengthKm: net.lengthKm[a], virtual: false });
  for (const node of stationNodes) {
    const k = net.nodeIndex.get(node);
    if (k === undefined) continue;
    for (const sign of ['+', '-']) {
      arcs.push({ from: String(node), to: `${node}${sign}`, lengthKm: 0, virtual: true });
      for (let e = net.outStart[k]; e < net.outStart[k + 1]; e++) {
        const a = net.outLinks[e];
        arcs.push({ from: `${node}${sign}`, to: id(net.to[a]), lengthKm: net.lengthKm[a], virtual: true });
      }
    }
  }
  return arcs;
}

/**
 * Node sequence of a path in the expanded network, e.g. `1-3-12-12--13-24-21-20`
 * is written `["1","3","12","12-","13",…]`: a stop inserts k⁺ (charge) or k⁻
 * (discharge) right after its station node.
 *
 * @param route - the path's road links (`V2gPathSet.routes[od][path.route]`).
 * @example
 * expandedPathNodes(net, set.routes[od][p.route], p).join('-'); // '1-3-12-12--13-24-21-20'
 */
export function expandedPathNodes(net: Network, route: ArrayLike<number>, path: V2gPath): string[] {
  const nodes = [String(net.nodeIds[net.from[route[0]]])];
  for (let i = 0; i < route.length; i++) {
    const head = net.nodeIds[net.to[route[i]]];
    nodes.push(String(head));
    for (const st of path.stops) if (st.afterLink === i) nodes.push(`${head}${st.action === 'charge' ? '+' : '-'}`);
  }
  return nodes;
}
