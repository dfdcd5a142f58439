/**
 * Station insertion (docs/model.md §2): model a charging/V2G station at a road node by
 * three parallel links, so that a path either passes, charges or discharges there, and a
 * destination station by one charge link into a sink.
 */
import { InputError } from '../../common/errors.js';
import { assembleNetwork } from './assembleNetwork.js';
import { isDestinationStation, LinkKind, type Network, type Station } from './network.js';
import { validateStation } from './validateStation.js';

/**
 * Return a new network with `stations` inserted (the input is not modified).
 *
 * For a station at road node k:
 * 1. k is split into k, which keeps k's in-links (and stays the zone/destination),
 *    and a new virtual node k', which takes over k's out-links. Existing links keep
 *    their indices (only `from` of k's out-links changes to k').
 * 2. Three parallel links k→k' are appended, in this order:
 *    `charge` (capacity = chargers, τ = 0, BPR b = 0), `v2g` (capacity = V2G ports,
 *    τ = 0, b = 0) and `bypass` (zero time, capacity +∞, b = 0). Service and
 *    congestion times stay in the `Station` record: the loading and cost models
 *    apply them (docs/model.md §2), the static BPR cost of these links is zero.
 * 3. Hence every path through k passes, charges or discharges there. Choice made
 *    here: a trip that ENDS at k ends at k, before the station (it cannot charge at
 *    its destination's station), and a trip that STARTS at k still traverses one of
 *    the three station links, so it may charge when leaving.
 * 4. Virtual node ids are max existing id + 1, + 2, … (never clashing with real ids,
 *    never zones); `stationVirtualNode[s]` gives k' (dense index) and
 *    `stationChargeLink[s]`, `stationV2gLink[s]`, `stationBypassLink[s]` the links.
 *    New stations are appended to `network.stations` (indices continue).
 * 5. A destination station (`kind: 'destination'`, docs/model.md §2 "Destination
 *    charging") does not split k: it appends one `charge` link k → k* (capacity =
 *    chargers, τ = 0) into a new sink node k* without out-links (`stationVirtualNode[s]`
 *    = k*; its v2g and bypass links are −1). Trips of every class still end at k; the
 *    DUE (`dueProblem`) ends the charging and V2G trips whose destination is k at k*.
 *
 * Errors (`InputError`): a station at an unknown node, a node that already has a
 * station, a duplicate station id, negative chargers/ports/powers/times.
 *
 * @example
 * const withCs = insertStations(net, [{ id: 'CS1', node: 6, chargers: 60, v2gPorts: 40, chargeKw: 60,
 *   chargeServiceMin: 30, v2gKw: 40, v2gServiceMin: 30, chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10 }]);
 * withCs.kind[withCs.stationChargeLink[0]] === LinkKind.charge; // true
 */
export function insertStations(network: Network, stations: readonly Station[]): Network {
  const source = network.source;
  const oldStations = network.stations.length;
  const usedNodes = new Set(network.stations.map((s) => s.node));
  const usedIds = new Set(network.stations.map((s) => s.id));
  stations.forEach((station, j) => {
    const index = oldStations + j;
    validateStation(station, index, source);
    const field = `stations[${index}] (${station.id}).node`;
    if (!network.nodeIndex.has(station.node)) throw new InputError({ source, field, value: station.node }, 'unknown node');
    if (usedNodes.has(station.node)) throw new InputError({ source, field, value: station.node }, 'node already has a station');
    if (usedIds.has(station.id)) {
      throw new InputError({ source, field: `stations[${index}].id`, value: station.id }, 'duplicate station id');
    }
    usedNodes.add(station.node);
    usedIds.add(station.id);
  });

  const nodeCount = network.nodeIds.length;
  const linkCount = network.from.length;
  const added = stations.length;
  const linksOf = (st: Station): number => (isDestinationStation(st) ? 1 : 3);
  const newLinks = linkCount + stations.reduce((n, st) => n + linksOf(st), 0);
  let maxId = -1;
  for (let i = 0; i < nodeCount; i++) if (network.nodeIds[i] > maxId) maxId = network.nodeIds[i];

  const nodeIds = new Int32Array(nodeCount + added);
  nodeIds.set(network.nodeIds);
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(array: T, make: (n: number) => T): T => {
    const out = make(newLinks);
    out.set(array);
    return out;
  };
  const from = grow(network.from, (n) => new Int32Array(n));
  const to = grow(network.to, (n) => new Int32Array(n));
  const kind = grow(network.kind, (n) => new Uint8Array(n));
  const capacity = grow(network.capacity, (n) => new Float64Array(n));
  const lengthKm = grow(network.lengthKm, (n) => new Float64Array(n));
  const freeFlowMin = grow(network.freeFlowMin, (n) => new Float64Array(n));
  const bprB = grow(network.bprB, (n) => new Float64Array(n));
  const bprPower = grow(network.bprPower, (n) => new Float64Array(n));
  const toll = grow(network.toll, (n) => new Float64Array(n));
  const linkType = grow(network.linkType, (n) => new Int32Array(n));
  const station = grow(network.station, (n) => new Int32Array(n));

  let next = linkCount;
  for (let j = 0; j < added; j++) {
    const s = stations[j];
    const k = network.nodeIndex.get(s.node)!;
    const kPrime = nodeCount + j;
    nodeIds[kPrime] = maxId + 1 + j;
    const destination = isDestinationStation(s);
    // k' takes over k's out-links (use the original CSR: earlier insertions never touch k);
    // a destination station's sink k* takes none.
    if (!destination) for (let p = network.outStart[k]; p < network.outStart[k + 1]; p++) from[network.outLinks[p]] = kPrime;
    const service: [number, number][] = destination
      ? [[LinkKind.charge, s.chargers]]
      : [[LinkKind.charge, s.chargers], [LinkKind.v2g, s.v2gPorts], [LinkKind.bypass, Infinity]];
    service.forEach(([code, cap]) => {
      const a = next++;
      from[a] = k;
      to[a] = kPrime;
      kind[a] = code;
      capacity[a] = cap;
      bprPower[a] = 1;
      linkType[a] = 0;
      station[a] = oldStations + j;
    });
  }

  return assembleNetwork({
    name: network.name,
    source,
    nodeIds,
    zoneCount: network.zoneCount,
    firstThruNode: network.firstThruNode,
    from, to, kind, capacity, lengthKm, freeFlowMin, bprB, bprPower, toll, linkType, station,
    stations: [...network.stations, ...stations],
    tollFactor: network.tollFactor,
    distanceFactor: network.distanceFactor,
  });
}
