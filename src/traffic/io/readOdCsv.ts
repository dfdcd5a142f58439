/**
 * Reader for CSV departure tables `origin,destination,departure,vehicles[,class]`
 * (docs/demand.md): the demand a user brings as a table instead of a TNTP trip file.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../../common/errors.js';
import { readTextFile } from '../../common/readTextFile.js';
import { USER_CLASSES, type UserClass } from '../dynamic/dueTypes.js';

/** The departure window the table's `departure` column refers to. */
export interface OdCsvOptions {
  /** Clock time at which interval 0 starts, minutes since midnight. */
  readonly startMin: number;
  /** Δt, minutes. */
  readonly intervalMin: number;
  /** Departure intervals of the window. */
  readonly intervals: number;
  /** Node ids of the road network: an origin or destination that is not one is an error at its line. */
  readonly nodes?: { has(id: number): boolean };
  /** Network name shown in the unknown-node message. */
  readonly networkName?: string;
}

/** Vehicles of one OD pair (and class, when the table names one) per departure interval. */
export interface OdCsvEntry {
  readonly origin: number;
  readonly destination: number;
  /** The class of the rows (`undefined`: rows without a class, to be split by the class shares). */
  readonly userClass: UserClass | undefined;
  /** Vehicles departing in each interval (length = `intervals`). */
  readonly vehiclesByInterval: Float64Array;
}

const REQUIRED = ['origin', 'destination', 'departure', 'vehicles'] as const;
const OPTIONAL = ['class'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const HEADER_HINT = 'origin,destination,departure,vehicles[,class]';

/**
 * Read a CSV departure table and sum its rows per OD pair, class and departure interval.
 *
 * 1. The first non-empty line is the header: the columns `origin`, `destination`,
 *    `departure`, `vehicles` and optionally `class`, in any order (case and blanks ignored).
 *    Empty lines and `#` comments are skipped; cells are trimmed; CRLF or LF.
 * 2. Each row: `origin`, `destination` integer road node ids (distinct); `departure` an
 *    `HH:MM` clock time inside the window `[start, start + intervals·Δt)` (it counts in
 *    the interval containing it; a window past midnight wraps) or a 0-based interval index;
 *    `vehicles` a finite number ≥ 0 departing in that interval; `class` empty or one of
 *    `regular`, `charging`, `v2g`.
 * 3. Rows with the same origin, destination, class and interval add up (a list of single
 *    trips with `vehicles = 1` works); entries come in order of first appearance. One pass
 *    over the rows: the work is linear in their number.
 * 4. Errors (`InputError` naming file, line, field and value): empty file, no header, an
 *    unknown or repeated column, a missing required column, a row with the wrong number of
 *    cells, malformed CSV (quotes), a non-integer or unknown node, origin = destination, a
 *    departure outside the window or malformed, negative or non-numeric vehicles, an
 *    unknown class, a table without rows.
 *
 * @param path - the file, shown as given in messages.
 * @param options - the window (start clock, Δt, intervals) and the network's node ids.
 * @example
 * // origin,destination,departure,vehicles
 * // 1,2,17:00,40
 * const entries = readOdCsv('demand.csv', { startMin: 1020, intervalMin: 10, intervals: 12 });
 * entries[0].vehiclesByInterval[0]; // 40
 */
export function readOdCsv(path: string, options: OdCsvOptions): OdCsvEntry[] {
  const text = readTextFile(path);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      skip_empty_lines: true,
      trim: true,
      comment: '#',
      relax_column_count: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new InputError({ source: path, ...(lines === undefined ? {} : { field: `line ${lines}` }) }, `malformed CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new InputError({ source: path }, `empty file: expected a header row ${HEADER_HINT}`);
  const columns = headerColumns(records[0].record, records[0].info.lines, path);
  if (records.length === 1) throw new InputError({ source: path, field: `line ${records[0].info.lines}` }, 'no rows after the header: the table has no trips');
  const { startMin, intervalMin, intervals } = options;
  const windowMin = intervals * intervalMin;
  const entries = new Map<string, OdCsvEntry>();
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r];
    const at = `line ${info.lines}`;
    if (record.length !== columns.count) {
      throw new InputError(
        { source: path, field: at, value: record.join(',') },
        `wrong column count: ${record.length} cells, the header has ${columns.count} (${columns.names.join(',')})`,
      );
    }
    const cell = (c: Column): string => record[columns.index.get(c)!];
    const origin = nodeId(cell('origin'), `${at}: origin`, path, options);
    const destination = nodeId(cell('destination'), `${at}: destination`, path, options);
    if (origin === destination) {
      throw new InputError({ source: path, field: `${at}: destination`, value: destination }, 'equals the origin: such a trip uses no road');
    }
    const interval = departureInterval(cell('departure'), `${at}: departure`, path, startMin, intervalMin, intervals, windowMin);
    const rawVehicles = cell('vehicles');
    const vehicles = rawVehicles === '' ? Number.NaN : Number(rawVehicles);
    if (!Number.isFinite(vehicles)) throw new InputError({ source: path, field: `${at}: vehicles`, value: rawVehicles }, 'not a number');
    if (vehicles < 0) throw new InputError({ source: path, field: `${at}: vehicles`, value: vehicles }, 'must be ≥ 0');
    const userClass = columns.index.has('class') ? classOf(cell('class'), `${at}: class`, path) : undefined;
    const key = `${origin}>${destination}>${userClass ?? ''}`;
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = { origin, destination, userClass, vehiclesByInterval: new Float64Array(intervals) };
      entries.set(key, entry);
    }
    entry.vehiclesByInterval[interval] += vehicles;
  }
  return [...entries.values()];
}

interface HeaderColumns {
  readonly index: ReadonlyMap<Column, number>;
  readonly names: readonly string[];
  readonly count: number;
}

function headerColumns(record: readonly string[], line: number, path: string): HeaderColumns {
  const at = `line ${line}: header`;
  const known: readonly string[] = [...REQUIRED, ...OPTIONAL];
  const index = new Map<Column, number>();
  const names = record.map((raw) => raw.trim().toLowerCase());
  names.forEach((name, c) => {
    if (!known.includes(name)) {
      const hint = /^-?\d/.test(name) ? ` (the first line must be the header ${HEADER_HINT})` : '';
      throw new InputError({ source: path, field: `${at} column ${c + 1}`, value: record[c] }, `unknown column: expected ${known.join(', ')}${hint}`);
    }
    if (index.has(name as Column)) throw new InputError({ source: path, field: `${at} column ${c + 1}`, value: record[c] }, 'duplicate header: column given twice');
    index.set(name as Column, c);
  });
  for (const name of REQUIRED) {
    if (!index.has(name)) throw new InputError({ source: path, field: at, value: record.join(',') }, `missing column "${name}" (expected ${HEADER_HINT})`);
  }
  return { index, names, count: record.length };
}

function nodeId(raw: string, field: string, path: string, options: OdCsvOptions): number {
  const id = raw === '' ? Number.NaN : Number(raw);
  if (!Number.isInteger(id)) {
    const hint = raw.toLowerCase() === 'origin' || raw.toLowerCase() === 'destination' ? ' (a repeated header line?)' : '';
    throw new InputError({ source: path, field, value: raw }, `not an integer node id${hint}`);
  }
  if (options.nodes !== undefined && !options.nodes.has(id)) {
    throw new InputError({ source: path, field, value: id }, `no such node in road network ${options.networkName ?? ''}`.trimEnd());
  }
  return id;
}

const CLOCK = /^(\d{1,2}):(\d{2})$/;

function departureInterval(
  raw: string,
  field: string,
  path: string,
  startMin: number,
  intervalMin: number,
  intervals: number,
  windowMin: number,
): number {
  const clock = CLOCK.exec(raw);
  if (clock !== null) {
    const hours = Number(clock[1]);
    const minutes = Number(clock[2]);
    if (hours > 23 || minutes > 59) throw new InputError({ source: path, field, value: raw }, 'not a time of day HH:MM (24 h)');
    const offsetMin = (((hours * 60 + minutes - startMin) % 1440) + 1440) % 1440;
    if (offsetMin >= windowMin) {
      throw new InputError({ source: path, field, value: raw }, `outside the departure window ${clockText(startMin)}–${clockText(startMin + windowMin)} (${intervals} × ${intervalMin} min)`);
    }
    return Math.floor(offsetMin / intervalMin);
  }
  if (/^\d+$/.test(raw)) {
    const k = Number(raw);
    if (k >= intervals) throw new InputError({ source: path, field, value: k }, `outside the horizon: interval indices are 0…${intervals - 1}`);
    return k;
  }
  throw new InputError({ source: path, field, value: raw }, 'expected a clock time HH:MM or a 0-based interval index');
}

function classOf(raw: string, field: string, path: string): UserClass | undefined {
  if (raw === '') return undefined;
  const name = raw.toLowerCase();
  if ((USER_CLASSES as readonly string[]).includes(name)) return name as UserClass;
  throw new InputError({ source: path, field, value: raw }, `unknown class: expected ${USER_CLASSES.join(', ')} or empty (split by the class shares)`);
}

function clockText(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
