/**
 * The cases of a scenario batch: the Cartesian product of `--grid 'path=v1,v2,…'` options
 * (the first grid varies slowest), or the rows of a CSV file of overrides (header: the
 * scenario paths; one case per row), each case a list of `--set` strings.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../common/errors.js';
import { readTextFile } from '../common/readTextFile.js';

/** One case: its folder name and the overrides it adds to the base scenario's. */
export interface BatchCase {
  /** `case-01`, `case-02`, … (zero-padded to the case count), in case order. */
  readonly name: string;
  /** `path=value` strings, applied after the base `--set` overrides. */
  readonly overrides: readonly string[];
}

/** Most cases in one batch (a typo like `0:1000` expanding to millions is refused). */
export const MAX_BATCH_CASES = 10_000;

/**
 * Cases of the Cartesian product of the grids.
 *
 * @param grids - `path=v1,v2,…` strings (a value may be JSON, e.g. `prices.kind="tou"`)
 * @throws InputError for a grid without `=`, an empty value list, a path given twice, or too many cases
 * @example
 * gridCases(['demand.scale=0.8,1', 'classes.v2gShare=0,0.1']).map((c) => c.overrides);
 * // [['demand.scale=0.8','classes.v2gShare=0'], ['demand.scale=0.8','classes.v2gShare=0.1'], ['demand.scale=1', …], …]
 */
export function gridCases(grids: readonly string[]): BatchCase[] {
  const axes = grids.map((g) => {
    const eq = g.indexOf('=');
    if (eq <= 0) throw new InputError({ source: 'ev-cosim batch', field: '--grid', value: g }, 'must be path=v1,v2,…, e.g. demand.scale=0.8,1,1.2');
    const path = g.slice(0, eq).trim();
    const values = splitValues(g.slice(eq + 1));
    if (values.length === 0) throw new InputError({ source: 'ev-cosim batch', field: '--grid', value: g }, 'lists no value');
    return { path, values };
  });
  const paths = axes.map((a) => a.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice !== undefined) throw new InputError({ source: 'ev-cosim batch', field: '--grid', value: twice }, 'is given by two --grid options; list all its values in one');
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_BATCH_CASES) throw new InputError({ source: 'ev-cosim batch', field: '--grid', value: grids.join(' ') }, `makes ${count} cases, more than ${MAX_BATCH_CASES}`);
  let rows: string[][] = [[]];
  for (const a of axes) rows = rows.flatMap((r) => a.values.map((v) => [...r, `${a.path}=${v}`]));
  return named(rows);
}

/**
 * Cases from a CSV file: header = scenario paths, one row per case; an empty cell leaves
 * that path at the base value.
 *
 * @throws InputError naming the file, row and column for a malformed table
 * @example
 * csvCases('cases.csv'); // header "demand.scale,classes.v2gShare", rows "0.8,0" …
 */
export function csvCases(file: string): BatchCase[] {
  const text = readTextFile(file);
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new InputError({ source: file, field: 'csv' }, `is not a CSV table: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (records.length < 2) throw new InputError({ source: file, field: 'rows', value: records.length }, 'needs a header of scenario paths and at least one case row');
  const [header, ...rows] = records;
  header.forEach((h, c) => {
    if (h === '') throw new InputError({ source: file, field: `column ${c + 1}` }, 'has an empty header; the header names scenario paths, e.g. demand.scale');
  });
  if (rows.length > MAX_BATCH_CASES) throw new InputError({ source: file, field: 'rows', value: rows.length }, `more than ${MAX_BATCH_CASES} cases`);
  return named(rows.map((r, i) => {
    if (r.length !== header.length) throw new InputError({ source: file, field: `row ${i + 2}`, value: r.length }, `has ${r.length} cells; the header has ${header.length}`);
    return r.flatMap((v, c) => (v === '' ? [] : [`${header[c]}=${v}`]));
  }));
}

function named(rows: readonly string[][]): BatchCase[] {
  const width = Math.max(2, String(rows.length).length);
  return rows.map((overrides, i) => ({ name: `case-${String(i + 1).padStart(width, '0')}`, overrides }));
}

/** Split `v1,v2,…` at top-level commas (not inside JSON brackets or quotes). */
function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && (ch === '[' || ch === '{')) depth++;
    else if (!quoted && (ch === ']' || ch === '}')) depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((v) => v !== '');
}
