import { basename, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../common/errors.js';
import { readTextFile } from '../../common/readTextFile.js';
import type { Feeder } from '../model/feeder.js';
import { buildMatpowerFeeder, type MatpowerRawTable } from './buildMatpowerFeeder.js';

/**
 * System MVA base of case33bw (`mpc.baseMVA = 10`; the CSVs do not carry it).
 *
 * @example
 * const zBaseOhm = (12.66 * 12.66) / CASE33BW_BASE_MVA; // 16.02756 Ω
 */
export const CASE33BW_BASE_MVA = 10;

/**
 * Read a feeder stored as case33bw-style CSV tables (`bus.csv`, `branch.csv`, `gen.csv`,
 * `gencost.csv`: MATPOWER's columns in order, with a header row; see
 * `scenarios/data/grid/case33bw/README.md`).
 *
 * Units as in MATPOWER's case33bw.m *before* its own conversion: loads in kW/kVAr
 * (→ MW/MVAr), r and x in ohms (→ pu with Zbase = baseKV²/baseMVA = 12.66²/10 =
 * 16.02756 Ω), baseMVA 10. Status-0 tie branches are kept with `inService: false`,
 * rateA 0 → unrated (`Infinity`), ratio 0 → 1; the slack is the type-3 bus at the Vg
 * of its generator, which becomes the `substation` at the gencost c1 price ($/MWh).
 * The result is oriented away from the slack and validated (`validateFeeder`).
 *
 * @param dir - directory holding the four CSV files.
 * @returns the feeder, named after the directory, `source` = the directory path.
 * @throws InputError naming file, line, column and value (missing file or column, NaN, negative r/x, …).
 * @example
 * const feeder = readCase33bwCsv('scenarios/data/grid/case33bw');
 * feeder.buses.length; // 33
 */
export function readCase33bwCsv(dir: string): Feeder {
  const source = resolve(dir);
  return buildMatpowerFeeder({
    name: basename(source),
    source,
    baseMva: CASE33BW_BASE_MVA,
    bus: readTable(join(source, 'bus.csv'), 13, ['bus_i', 'type', 'Pd_kW', 'Qd_kVAr']),
    branch: readTable(join(source, 'branch.csv'), 11, ['fbus', 'tbus', 'r_ohm', 'x_ohm']),
    gen: readTable(join(source, 'gen.csv'), 10),
    gencost: readTable(join(source, 'gencost.csv'), 4),
    loadUnitsPerMw: 1000,
    impedanceInOhm: true,
  });
}

/**
 * Read one CSV table: header row, then numeric rows (line numbers kept for messages).
 * Columns are read by position; the header must name the first `named` columns as
 * given (case-insensitive), so a table in other units (`Pd` in MW, `r` in pu) is refused,
 * not read 1000× off.
 */
function readTable(path: string, minColumns: number, named: readonly string[] = []): MatpowerRawTable {
  const text = readTextFile(path);
  let records: string[][];
  let lines: number[];
  try {
    const parsed = parse(text, { skip_empty_lines: true, trim: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    records = parsed.map((p) => p.record);
    lines = parsed.map((p) => p.info.lines);
  } catch (error) {
    const message = (error as Error).message;
    const line = /on line (\d+)/.exec(message)?.[1];
    const reason = message.replace(/\s*on line \d+\.?$/, '').replace(/^Invalid Record Length: expect (\d+), got (\d+)$/, 'expected $1 columns as in the header, found $2');
    throw new InputError({ source: path, ...(line === undefined ? {} : { field: `line ${line}` }) }, `not valid CSV: ${reason}`);
  }
  if (records.length === 0) throw new InputError({ source: path, field: 'line 1' }, 'empty file: a header row is expected');
  const columns = records[0];
  if (columns.length < minColumns) {
    throw new InputError({ source: path, field: 'line 1: header', value: columns.join(',') }, `at least ${minColumns} columns expected`);
  }
  named.forEach((name, c) => {
    if (columns[c].toLowerCase() !== name.toLowerCase()) {
      throw new InputError(
        { source: path, field: `line 1: header column ${c + 1}`, value: columns[c] },
        `expected "${name}" (columns are read by position in MATPOWER's order, loads in kW/kVAr, r and x in ohms: ${named.join(',')},…)`,
      );
    }
  });
  const rows = records.slice(1).map((record, r) =>
    record.map((cell, c) => {
      const value = /^[+-]?Inf$/.test(cell) ? (cell.startsWith('-') ? -Infinity : Infinity) : cell === '' ? Number.NaN : Number(cell);
      if (Number.isNaN(value)) {
        throw new InputError({ source: path, field: `line ${lines[r + 1]}: ${columns[c] ?? `column ${c + 1}`}`, value: cell }, 'not a number');
      }
      return value;
    }),
  );
  return { source: path, rows, lines: lines.slice(1), columns };
}
