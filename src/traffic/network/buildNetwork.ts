/**
 * Build a `Network` (dense indices, typed arrays, CSR forward star) from a plain
 * list of links, validating every value at the boundary (docs/architecture.md).
 */
import { InputError } from '../../common/errors.js';
import { assembleNetwork } from './assembleNetwork.js';
import { insertStations } from './insertStations.js';
import { LinkKind, type LinkKindName, type Network, type Station } from './network.js';
import { validateStation } from './validateStation.js';

/** One directed link, with external node ids. */
export interface LinkSpec {
  readonly from: number;
  readonly to: number;
  /** Link kind (docs/model.md §2); default `'road'`. */
  readonly kind?: LinkKindName;
  /** veh/h for road links; server count for station links. Must be ≥ 0. */
  readonly capacity: number;
  /** Free-flow travel time τ_a, minutes, ≥ 0. */
  readonly freeFlowMin: number;
  /** Length in km (or the source file's length unit, see the reader), default 0. */
  readonly lengthKm?: number;
  /** BPR coefficient b, default 0.15. */
  readonly bprB?: number;
  /** BPR power, default 4. */
  readonly bprPower?: number;
  /** Toll in network units (TNTP), default 0. */
  readonly toll?: number;
  /** TNTP link type, default 1. */
  readonly linkType?: number;
  /** Index into `NetworkSpec.stations` for pre-wired station links, default −1. */
  readonly station?: number;
}

/** Everything `buildNetwork` needs. */
export interface NetworkSpec {
  readonly name: string;
  /** File or module the data came from, used in error messages. */
  readonly source: string;
  readonly links: readonly LinkSpec[];
  /** External node ids; default: every id that appears in `links`. Extra ids become isolated nodes. */
  readonly nodes?: readonly number[];
  /** Zones are external ids 1…zoneCount; default: the node count. */
  readonly zoneCount?: number;
  /** Nodes with id < firstThruNode carry no through traffic; default 1 (none restricted). */
  readonly firstThruNode?: number;
  /**
   * Stations. If no link refers to a station (`station` ≥ 0), they are inserted at
   * their nodes with `insertStations`; otherwise the links are taken as already
   * wired and this is just the station table they index.
   */
  readonly stations?: readonly Station[];
  /** Generalized-cost weights (TNTP): minutes per toll unit and per length unit; default 0. */
  readonly tollFactor?: number;
  readonly distanceFactor?: number;
}

const KIND_CODES: Readonly<Record<string, number>> = LinkKind;

/**
 * Build a network from a link list.
 *
 * 1. Validate every link (finite numbers, capacity/time/length/BPR ≥ 0, known kind,
 *    no self-loop, station index in range); the first bad value throws an
 *    `InputError` naming `spec.source`, the field `links[i].name` and the value.
 * 2. Number nodes densely in ascending external-id order (TNTP nodes 1…N get 0…N−1).
 * 3. Store links column-wise in link order (link index = position in `spec.links`)
 *    and build the CSR forward star.
 * 4. Insert `spec.stations` (docs/model.md §2) unless the links are pre-wired.
 *
 * @example
 * const net = buildNetwork({ name: 'two', source: 'test', links: [
 *   { from: 1, to: 2, capacity: 1000, freeFlowMin: 5 },
 *   { from: 2, to: 1, capacity: 1000, freeFlowMin: 5 }] });
 * net.outLinks.subarray(net.outStart[0], net.outStart[1]); // → [0]
 */
export function buildNetwork(spec: NetworkSpec): Network {
  const source = spec.source;
  const fail = (field: string, value: unknown, reason: string): never => {
    throw new InputError({ source, field, value }, reason);
  };
  const links = spec.links;
  const idSet = new Set<number>();
  if (spec.nodes !== undefined) {
    spec.nodes.forEach((id, i) => {
      if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) fail(`nodes[${i}]`, id, 'must be a non-negative integer');
      idSet.add(id);
    });
  }
  const stationCount = spec.stations?.length ?? 0;
  let prewired = false;
  links.forEach((link, i) => {
    const at = `links[${i}]`;
    for (const end of ['from', 'to'] as const) {
      const id = link[end];
      if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) fail(`${at}.${end}`, id, 'must be a non-negative integer node id');
      if (spec.nodes !== undefined && !idSet.has(id)) fail(`${at}.${end}`, id, 'unknown node');
      idSet.add(id);
    }
    if (link.from === link.to) fail(`${at}.to`, link.to, 'self-loop (to = from)');
    if (link.kind !== undefined && KIND_CODES[link.kind] === undefined) fail(`${at}.kind`, link.kind, 'unknown link kind');
    const nonNegative: [string, number | undefined][] = [
      ['capacity', link.capacity], ['freeFlowMin', link.freeFlowMin], ['lengthKm', link.lengthKm],
      ['bprB', link.bprB], ['bprPower', link.bprPower],
    ];
    for (const [field, value] of nonNegative) {
      if (value === undefined && (field === 'capacity' || field === 'freeFlowMin')) fail(`${at}.${field}`, value, 'is required');
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) fail(`${at}.${field}`, value, 'must be a finite number ≥ 0');
    }
    if (link.toll !== undefined && !Number.isFinite(link.toll)) fail(`${at}.toll`, link.toll, 'must be finite');
    if (link.linkType !== undefined && !Number.isInteger(link.linkType)) fail(`${at}.linkType`, link.linkType, 'must be an integer');
    const s = link.station ?? -1;
    if (!Number.isInteger(s) || s < -1 || s >= stationCount) fail(`${at}.station`, s, `must be −1 or a station index < ${stationCount}`);
    if (s >= 0) prewired = true;
  });
  for (const field of ['tollFactor', 'distanceFactor'] as const) {
    const v = spec[field];
    if (v !== undefined && !Number.isFinite(v)) fail(field, v, 'must be finite');
  }

  if (prewired) spec.stations!.forEach((st, i) => validateStation(st, i, source));

  const nodeIds = Int32Array.from([...idSet].sort((a, b) => a - b));
  const index = new Map<number, number>();
  nodeIds.forEach((id, i) => index.set(id, i));
  const zoneCount = spec.zoneCount ?? nodeIds.length;
  if (!Number.isInteger(zoneCount) || zoneCount < 0) fail('zoneCount', zoneCount, 'must be a non-negative integer');
  const firstThruNode = spec.firstThruNode ?? 1;
  if (!Number.isInteger(firstThruNode)) fail('firstThruNode', firstThruNode, 'must be an integer');

  const n = links.length;
  const network = assembleNetwork({
    name: spec.name,
    source,
    nodeIds,
    zoneCount,
    firstThruNode,
    from: Int32Array.from(links, (l) => index.get(l.from)!),
    to: Int32Array.from(links, (l) => index.get(l.to)!),
    kind: Uint8Array.from(links, (l) => KIND_CODES[l.kind ?? 'road']),
    capacity: Float64Array.from(links, (l) => l.capacity),
    lengthKm: Float64Array.from(links, (l) => l.lengthKm ?? 0),
    freeFlowMin: Float64Array.from(links, (l) => l.freeFlowMin),
    bprB: Float64Array.from(links, (l) => l.bprB ?? 0.15),
    bprPower: Float64Array.from(links, (l) => l.bprPower ?? 4),
    toll: Float64Array.from(links, (l) => l.toll ?? 0),
    linkType: Int32Array.from(links, (l) => l.linkType ?? 1),
    station: n === 0 ? new Int32Array(0) : Int32Array.from(links, (l) => l.station ?? -1),
    stations: prewired ? [...(spec.stations ?? [])] : [],
    tollFactor: spec.tollFactor ?? 0,
    distanceFactor: spec.distanceFactor ?? 0,
  });
  if (!prewired && stationCount > 0) return insertStations(network, spec.stations!);
  return network;
}
