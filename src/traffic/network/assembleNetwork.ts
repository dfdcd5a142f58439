/**
 * Internal: turn validated struct-of-arrays link data into a `Network` (CSR forward
 * star and per-station link lookup). Shared by `buildNetwork` and `insertStations`;
 * callers validate first, this file trusts its input.
 */
import { LinkKind, type Network, type Station } from './network.js';

/** The raw columns of a network before the CSR index is built (dense node indices). */
export interface NetworkColumns {
  name: string;
  source: string;
  nodeIds: Int32Array;
  zoneCount: number;
  firstThruNode: number;
  from: Int32Array;
  to: Int32Array;
  kind: Uint8Array;
  capacity: Float64Array;
  lengthKm: Float64Array;
  freeFlowMin: Float64Array;
  bprB: Float64Array;
  bprPower: Float64Array;
  toll: Float64Array;
  linkType: Int32Array;
  station: Int32Array;
  stations: readonly Station[];
  tollFactor: number;
  distanceFactor: number;
}

/**
 * Build the CSR forward star (links leaving each node, in link-index order, so the
 * result is deterministic) and the station → link lookup tables.
 */
export function assembleNetwork(columns: NetworkColumns): Network {
  const nodeCount = columns.nodeIds.length;
  const linkCount = columns.from.length;
  const outStart = new Int32Array(nodeCount + 1);
  for (let a = 0; a < linkCount; a++) outStart[columns.from[a] + 1]++;
  for (let i = 0; i < nodeCount; i++) outStart[i + 1] += outStart[i];
  const fill = outStart.slice(0, nodeCount);
  const outLinks = new Int32Array(linkCount);
  for (let a = 0; a < linkCount; a++) outLinks[fill[columns.from[a]]++] = a;

  const nodeIndex = new Map<number, number>();
  for (let i = 0; i < nodeCount; i++) nodeIndex.set(columns.nodeIds[i], i);

  const stationCount = columns.stations.length;
  const stationChargeLink = new Int32Array(stationCount).fill(-1);
  const stationV2gLink = new Int32Array(stationCount).fill(-1);
  const stationBypassLink = new Int32Array(stationCount).fill(-1);
  const stationVirtualNode = new Int32Array(stationCount).fill(-1);
  for (let a = 0; a < linkCount; a++) {
    const s = columns.station[a];
    if (s < 0) continue;
    const k = columns.kind[a];
    if (k === LinkKind.charge) stationChargeLink[s] = a;
    else if (k === LinkKind.v2g) stationV2gLink[s] = a;
    else if (k === LinkKind.bypass) stationBypassLink[s] = a;
    stationVirtualNode[s] = columns.to[a];
  }

  return {
    ...columns,
    nodeIndex,
    outStart,
    outLinks,
    stationChargeLink,
    stationV2gLink,
    stationBypassLink,
    stationVirtualNode,
  };
}
