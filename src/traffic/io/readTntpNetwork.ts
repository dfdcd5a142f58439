/**
 * Reader for TNTP `_net.tntp` link files (Bar-Gera's format, as in
 * bstabler/TransportationNetworks).
 */
import { basename } from 'node:path';
import { InputError } from '../../common/errors.js';
import { buildNetwork, type LinkSpec } from '../network/buildNetwork.js';
import type { Network } from '../network/network.js';
import { metadataInteger, parseMetadata, readLines, stripComment } from './tntpText.js';

/** Options of `readTntpNetwork`; all optional. */
export interface ReadTntpNetworkOptions {
  /** Network name; default: the file name without `_net.tntp`. */
  readonly name?: string;
  /** Generalized-cost minutes per toll unit (TNTP toll factor; in the README, not the file). Default 0. */
  readonly tollFactor?: number;
  /** Generalized-cost minutes per file length unit (TNTP distance factor). Default 0. */
  readonly distanceFactor?: number;
  /**
   * Kilometres per file length unit (miles: 1.609344, feet: 0.0003048). Lengths are
   * stored in km and `distanceFactor` is rescaled to minutes per km, so generalized
   * costs are unchanged. Default 1 (the file's unit is taken as km).
   */
  readonly lengthUnitKm?: number;
  /** Override `<FIRST THRU NODE>` (e.g. for files whose header says 1 although zones are centroids). */
  readonly firstThruNode?: number;
}

const COLUMNS = ['init_node', 'term_node', 'capacity', 'length', 'free_flow_time', 'b', 'power', 'speed', 'toll', 'link_type'] as const;

/**
 * Read a TNTP network file.
 *
 * 1. Metadata: `<NUMBER OF ZONES>`, `<NUMBER OF NODES>`, `<NUMBER OF LINKS>` (required),
 *    `<FIRST THRU NODE>` (default 1), up to `<END OF METADATA>`; other keys are ignored.
 * 2. Body: `~` starts a comment; each link line holds at least the 10 columns
 *    init_node, term_node, capacity (veh/h), length, free_flow_time (min), b, power,
 *    speed, toll, link_type, optionally more, and an optional `;` terminator.
 * 3. Checks, each an `InputError` naming file, line, column and value: declared counts the
 *    file cannot hold (more links than body lines, more zones than nodes, more nodes than
 *    2 × links + zones; checked before anything is allocated from them), a non-number,
 *    too few columns, a node outside 1…<NUMBER OF NODES>, negative capacity, length,
 *    time, b or power, and a link count different from `<NUMBER OF LINKS>`.
 *    Zero capacity is allowed here (an error only if such a link must carry demand).
 * 4. Nodes are 1…<NUMBER OF NODES> (dense index = id − 1), zones 1…<NUMBER OF ZONES>;
 *    zones below `<FIRST THRU NODE>` carry no through traffic.
 *
 * @example
 * const net = readTntpNetwork('scenarios/data/transport/SiouxFalls/SiouxFalls_net.tntp');
 * net.from.length; // 76
 */
export function readTntpNetwork(path: string, options: ReadTntpNetworkOptions = {}): Network {
  const lines = readLines(path);
  const meta = parseMetadata(lines, path);
  const zoneCount = metadataInteger(meta, 'NUMBER OF ZONES', path);
  const nodeCount = metadataInteger(meta, 'NUMBER OF NODES', path);
  const linkCount = metadataInteger(meta, 'NUMBER OF LINKS', path);
  const firstThruNode = options.firstThruNode ?? metadataInteger(meta, 'FIRST THRU NODE', path, 1);
  checkDeclaredCounts(path, lines.length - meta.bodyStart, { zoneCount, nodeCount, linkCount });
  const unitKm = options.lengthUnitKm ?? 1;
  if (!(Number.isFinite(unitKm) && unitKm > 0)) throw new InputError({ source: path, field: 'lengthUnitKm', value: unitKm }, 'must be > 0');

  const links: LinkSpec[] = [];
  for (let i = meta.bodyStart; i < lines.length; i++) {
    let body = stripComment(lines[i]);
    if (body === '') continue;
    if (body.endsWith(';')) body = body.slice(0, -1).trim();
    const fields = body.split(/\s+/);
    const at = `line ${i + 1}`;
    if (fields.length < COLUMNS.length) {
      throw new InputError({ source: path, field: at, value: lines[i].trim() }, `expected ${COLUMNS.length} columns (${COLUMNS.join(' ')}), found ${fields.length}`);
    }
    const values = COLUMNS.map((column, c) => {
      const value = Number(fields[c]);
      if (fields[c] === '' || !Number.isFinite(value)) throw new InputError({ source: path, field: `${at}: ${column}`, value: fields[c] }, 'not a number');
      return value;
    });
    const [from, to, capacity, length, fft, b, power, , toll, linkType] = values;
    for (const [c, id] of [[0, from], [1, to]] as const) {
      if (!Number.isInteger(id) || id < 1 || id > nodeCount) {
        throw new InputError({ source: path, field: `${at}: ${COLUMNS[c]}`, value: id }, `unknown node (nodes are 1…${nodeCount})`);
      }
    }
    for (const c of [2, 3, 4, 5, 6]) {
      if (values[c] < 0) throw new InputError({ source: path, field: `${at}: ${COLUMNS[c]}`, value: values[c] }, 'must be ≥ 0');
    }
    if (from === to) throw new InputError({ source: path, field: `${at}: term_node`, value: to }, 'self-loop (term_node = init_node)');
    links.push({ from, to, capacity, lengthKm: length * unitKm, freeFlowMin: fft, bprB: b, bprPower: power, toll,
      linkType: Math.trunc(linkType) });
  }
  if (links.length !== linkCount) {
    throw new InputError({ source: path, field: '<NUMBER OF LINKS>', value: linkCount }, `but the file has ${links.length} link lines`);
  }
  return buildNetwork({
    name: options.name ?? basename(path).replace(/_net\.tntp$|\.tntp$|_net\.txt$|\.txt$/i, ''),
    source: path,
    links,
    nodes: Array.from({ length: nodeCount }, (_, i) => i + 1),
    zoneCount,
    firstThruNode,
    tollFactor: options.tollFactor ?? 0,
    distanceFactor: (options.distanceFactor ?? 0) / unitKm,
  });
}

/**
 * Bound the declared counts by the file before anything is allocated from them: one link
 * per body line, at most two new nodes per link beyond the zones, zones among the nodes.
 * (A `<NUMBER OF NODES> 2000000000` would otherwise allocate per node and exhaust memory.)
 */
function checkDeclaredCounts(path: string, bodyLines: number, counts: { zoneCount: number; nodeCount: number; linkCount: number }): void {
  const { zoneCount, nodeCount, linkCount } = counts;
  if (linkCount > bodyLines) {
    throw new InputError({ source: path, field: '<NUMBER OF LINKS>', value: linkCount }, `but the file has only ${bodyLines} lines after <END OF METADATA> (one link per line)`);
  }
  if (zoneCount > nodeCount) {
    throw new InputError({ source: path, field: '<NUMBER OF ZONES>', value: zoneCount }, `exceeds <NUMBER OF NODES> = ${nodeCount} (zones are nodes 1…zones)`);
  }
  if (nodeCount > 2 * linkCount + zoneCount) {
    throw new InputError(
      { source: path, field: '<NUMBER OF NODES>', value: nodeCount },
      `exceeds 2 × <NUMBER OF LINKS> + <NUMBER OF ZONES> = ${2 * linkCount + zoneCount}: the links cannot reach that many nodes`,
    );
  }
}
