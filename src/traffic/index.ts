/** Public API of src/traffic (re-exports only). */
export { LinkKind } from './network/network.ts';
export type { LinkKindName, LinkKindCode, Station, Network, OdDemand } from './network/network.ts';
export { buildNetwork } from './network/buildNetwork.ts';
export type { LinkSpec, NetworkSpec } from './network/buildNetwork.ts';
export { insertStations } from './network/insertStations.ts';
export { shortestPathTree, createShortestPathTree } from './network/shortestPathTree.ts';
export type { ShortestPathTree } from './network/shortestPathTree.ts';
