/**
 * The networks shipped in `scenarios/data/transport/` (attribution in each folder's
 * README), loaded by name from any working directory.
 */
import { fileURLToPath } from 'node:url';
import type { Network, OdDemand } from '../network/network.js';
import { readTntpNetwork, type ReadTntpNetworkOptions } from './readTntpNetwork.js';
import { readTntpTrips } from './readTntpTrips.js';

import { BUNDLED_NETWORKS, type BundledNetworkName } from './bundledNetworkNames.js';

export { BUNDLED_NETWORKS, type BundledNetworkName };

interface BundledFiles {
  readonly net: string;
  readonly trips: string;
  readonly options: ReadTntpNetworkOptions;
}

/**
 * Files and README facts per network:
 * - SiouxFalls: fft in 0.01 h ("often treated as minutes"), length = fft; no toll/distance weights.
 * - Anaheim: minutes and feet; toll and distance weights 0.
 * - ChicagoSketch: minutes, miles, cents; weights 0.02 min/cent and 0.04 min/mile;
 *   `<FIRST THRU NODE> 1` kept as in the file (the public objective 17,313,018.7387 is
 *   reproduced with it).
 * - NguyenDupuis: the TNTP-like `NguyenDupuis_net.txt` (fft minutes, capacity veh/h,
 *   BPR 0.15/4; the extra design-cost column is ignored, its toll column has weight 0)
 *   and `NguyenDupuis_trips.txt` (1→2 400, 1→3 800, 4→2 600, 4→3 200 veh/h).
 */
const FILES: Readonly<Record<BundledNetworkName, BundledFiles>> = {
  SiouxFalls: { net: 'SiouxFalls/SiouxFalls_net.tntp', trips: 'SiouxFalls/SiouxFalls_trips.tntp', options: {} },
  Anaheim: { net: 'Anaheim/Anaheim_net.tntp', trips: 'Anaheim/Anaheim_trips.tntp', options: { lengthUnitKm: 0.0003048 } },
  ChicagoSketch: {
    net: 'ChicagoSketch/ChicagoSketch_net.tntp',
    trips: 'ChicagoSketch/ChicagoSketch_trips.tntp',
    options: { tollFactor: 0.02, distanceFactor: 0.04, lengthUnitKm: 1.609344 },
  },
  NguyenDupuis: { net: 'NguyenDupuis/NguyenDupuis_net.txt', trips: 'NguyenDupuis/NguyenDupuis_trips.txt', options: { name: 'NguyenDupuis' } },
};

/** Absolute path of a file in the bundled transport data folder. */
export function bundledTransportPath(relative: string): string {
  return fileURLToPath(new URL(`../../../scenarios/data/transport/${relative}`, import.meta.url));
}

/** Paths of a bundled network's link and trip files. */
export function bundledNetworkFiles(name: BundledNetworkName): { netPath: string; tripsPath: string; options: ReadTntpNetworkOptions } {
  const files = FILES[name];
  return { netPath: bundledTransportPath(files.net), tripsPath: bundledTransportPath(files.trips), options: files.options };
}

/**
 * Load a bundled network and its OD demand (veh/h), with the README's toll and
 * distance weights and length units applied.
 *
 * @example
 * const { network, demand } = loadBundledNetwork('SiouxFalls');
 * network.from.length; // 76 links; demand totals 360,600 veh/h
 */
export function loadBundledNetwork(name: BundledNetworkName): { network: Network; demand: OdDemand[] } {
  const { netPath, tripsPath, options } = bundledNetworkFiles(name);
  return { network: readTntpNetwork(netPath, options), demand: readTntpTrips(tripsPath) };
}
