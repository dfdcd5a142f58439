/**
 * Reader for TNTP `_trips.tntp` OD tables.
 */
import { InputError } from '../../common/errors.js';
import type { OdDemand } from '../network/network.js';
import { metadataInteger, parseMetadata, readLines, stripComment } from './tntpText.js';

/**
 * Most zones of a trip table: OD pairs are keyed `origin · (zones + 1) + destination`, exact
 * in a double up to ~9.4e7 zones; 10 million is far beyond any published table (Chicago
 * regional: 1,790) and keeps a typo like `<NUMBER OF ZONES> 2000000000` a clear error.
 */
export const MAX_ZONES = 10_000_000;

/** Options of `readTntpTrips`. */
export interface ReadTntpTripsOptions {
  /** Node ids of the road network the table is for: a zone that is not one is an error at its line. */
  readonly nodes?: { has(id: number): boolean };
  /** Network name shown in the unknown-node message. */
  readonly networkName?: string;
}

/**
 * Read a TNTP trip table into OD demands (external zone ids, flows in the file's
 * unit, usually veh/h).
 *
 * 1. Metadata: `<NUMBER OF ZONES>` (required, at most `MAX_ZONES`), up to `<END OF METADATA>`.
 * 2. Body: `Origin o` starts a block; entries `d : flow` end with `;` (several per
 *    line); `~` starts a comment.
 * 3. Zero entries are dropped; entries are returned in file order. Intrazonal
 *    entries (o = d) are kept (assignment skips them: they use no link).
 * 4. Errors (`InputError` naming file, line, field, value): an entry before any
 *    `Origin`, a malformed entry, a non-number, a negative flow, an origin or
 *    destination outside 1…<NUMBER OF ZONES>, a repeated OD pair, and (with
 *    `options.nodes`) a zone that is not a node of the road network; an empty file
 *    fails on its missing metadata.
 *
 * @param path - the file, shown as given in messages.
 * @param options - `nodes`: the road network's node ids (each zone must be one) and `networkName` for the message.
 * @example
 * const demand = readTntpTrips('scenarios/data/transport/SiouxFalls/SiouxFalls_trips.tntp');
 * demand.reduce((s, d) => s + d.vehPerH, 0); // 360600
 */
export function readTntpTrips(path: string, options: ReadTntpTripsOptions = {}): OdDemand[] {
  const lines = readLines(path);
  const meta = parseMetadata(lines, path);
  const zoneCount = metadataInteger(meta, 'NUMBER OF ZONES', path);
  if (zoneCount > MAX_ZONES) {
    throw new InputError({ source: path, field: '<NUMBER OF ZONES>', value: zoneCount }, `more than ${MAX_ZONES.toLocaleString('en-US')} zones is not supported`);
  }
  const demand: OdDemand[] = [];
  // Repeated-pair check: a byte per OD cell for usual sizes, a set beyond 16 M cells.
  const cells = (zoneCount + 1) * (zoneCount + 1);
  const seenCells = cells <= 1 << 24 ? new Uint8Array(cells) : undefined;
  const seenSet = seenCells === undefined ? new Set<number>() : undefined;
  let origin = -1;
  const zone = (raw: string, at: string, field: string): number => {
    const id = Number(raw);
    if (raw === '' || !Number.isInteger(id)) throw new InputError({ source: path, field: `${at}: ${field}`, value: raw }, 'not an integer zone id');
    if (id < 1 || id > zoneCount) {
      throw new InputError({ source: path, field: `${at}: ${field}`, value: id }, `not a zone (zones are 1…${zoneCount}): demand cannot reach it`);
    }
    if (options.nodes !== undefined && !options.nodes.has(id)) {
      throw new InputError({ source: path, field: `${at}: ${field}`, value: id }, `no such node in road network ${options.networkName ?? ''}`.trimEnd());
    }
    return id;
  };
  for (let i = meta.bodyStart; i < lines.length; i++) {
    const body = stripComment(lines[i]);
    if (body === '') continue;
    const at = `line ${i + 1}`;
    const header = /^origin\s+(\S+)\s*;?$/i.exec(body);
    if (header !== null) {
      origin = zone(header[1], at, 'origin');
      continue;
    }
    // Hand-rolled scan of "d : flow;" entries (the Chicago table has 150,000 of them).
    let start = 0;
    while (start < body.length) {
      let end = body.indexOf(';', start);
      if (end < 0) end = body.length;
      const colon = body.indexOf(':', start);
      const entry = body.slice(start, end).trim();
      start = end + 1;
      if (entry === '') continue;
      if (colon < 0 || colon > end) throw new InputError({ source: path, field: at, value: entry }, 'expected "destination : flow;"');
      if (origin < 0) throw new InputError({ source: path, field: at, value: entry }, 'entry before any "Origin" line');
      const split = entry.indexOf(':');
      const destination = zone(entry.slice(0, split).trim(), at, 'destination');
      const rawFlow = entry.slice(split + 1).trim();
      const flow = rawFlow === '' ? Number.NaN : Number(rawFlow);
      if (!Number.isFinite(flow)) throw new InputError({ source: path, field: `${at}: flow ${origin}→${destination}`, value: rawFlow }, 'not a number');
      if (flow < 0) throw new InputError({ source: path, field: `${at}: flow ${origin}→${destination}`, value: flow }, 'must be ≥ 0');
      const key = origin * (zoneCount + 1) + destination;
      if (seenCells !== undefined ? seenCells[key] === 1 : seenSet!.has(key)) throw new InputError({ source: path, field: `${at}: flow ${origin}→${destination}`, value: flow }, 'OD pair given twice');
      if (seenCells !== undefined) seenCells[key] = 1;
      else seenSet!.add(key);
      if (flow > 0) demand.push({ origin, destination, vehPerH: flow });
    }
  }
  return demand;
}
