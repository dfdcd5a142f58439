/** Public API of src/traffic (re-exports only). */
export { LinkKind } from './network/network.ts';
export type { LinkKindName, LinkKindCode, Station, Network, OdDemand } from './network/network.ts';
export { buildNetwork } from './network/buildNetwork.ts';
export type { LinkSpec, NetworkSpec } from './network/buildNetwork.ts';
export { insertStations } from './network/insertStations.ts';
export { shortestPathTree, createShortestPathTree } from './network/shortestPathTree.ts';
export type { ShortestPathTree } from './network/shortestPathTree.ts';
export { readTntpNetwork } from './io/readTntpNetwork.ts';
export type { ReadTntpNetworkOptions } from './io/readTntpNetwork.ts';
export { readTntpTrips } from './io/readTntpTrips.ts';
export { readTntpNodes } from './io/readTntpNodes.ts';
export type { TntpNode } from './io/readTntpNodes.ts';
export { loadBundledNetwork, bundledNetworkFiles, bundledTransportPath, BUNDLED_NETWORKS } from './io/loadBundledNetwork.ts';
export type { BundledNetworkName } from './io/loadBundledNetwork.ts';
export { solveStaticUe } from './static/solveStaticUe.ts';
export { solveMultiClassUe } from './static/solveMultiClassUe.ts';
export type { StaticUeOptions, StaticUeResult, UeClass, UeIterationRecord, UePath } from './static/ueTypes.ts';
