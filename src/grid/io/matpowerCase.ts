import { basename, resolve } from 'node:path';
import { InputError } from '../../common/errors.js';
import { readTextFile } from '../../common/readTextFile.js';
import type { Feeder } from '../model/feeder.js';
import { buildMatpowerFeeder, type MatpowerRawTable } from './buildMatpowerFeeder.js';
import { parseMatpowerText, type NumericTable } from './parseMatpowerText.js';

const BUS_COLUMNS = ['bus_i', 'type', 'Pd', 'Qd', 'Gs', 'Bs', 'area', 'Vm', 'Va', 'baseKV', 'zone', 'Vmax', 'Vmin'];
const GEN_COLUMNS = ['bus', 'Pg', 'Qg', 'Qmax', 'Qmin', 'Vg', 'mBase', 'status', 'Pmax', 'Pmin'];
const BRANCH_COLUMNS = ['fbus', 'tbus', 'r', 'x', 'b', 'rateA', 'rateB', 'rateC', 'ratio', 'angle', 'status', 'angmin', 'angmax'];
const GENCOST_COLUMNS = ['model', 'startup', 'shutdown', 'n'];

/**
 * Read a MATPOWER-style case file (`.m`, format version 2) into a validated `Feeder`.
 *
 * 1. Parse the literal tables (`parseMatpowerText`): `mpc.baseMVA`, `mpc.bus`, `mpc.gen`,
 *    `mpc.branch`, optional `mpc.gencost`, and the 123-bus file's extra tables
 *    `mpc.caps` (bus, total capacitor MVAr → bus `shuntBMvar`) and `mpc.regs` (bus, fixed
 *    regulator voltage gain of the branch feeding that bus → `FeederBranch.ratio`).
 * 2. Units are MATPOWER's: MW, MVAr, r/x/b in pu on baseMVA.
 * 3. Build, orient and validate as `buildMatpowerFeeder` documents (placeholder generators
 *    with all limits 0 are omitted; line charging is split to the end buses).
 *
 * @param path - the `.m` file.
 * @returns the feeder named after the file (without `.m`), `source` = the absolute path.
 * @throws InputError naming file, line, field and value.
 * @example
 * const feeder = readMatpowerCase('scenarios/data/grid/ieee123-balanced/grid_IEEE123.m');
 * feeder.slackBus; // 114
 */
export function readMatpowerCase(path: string): Feeder {
  const source = resolve(path);
  const text = readTextFile(source);
  const { tables, scalars } = parseMatpowerText(text, source);
  const table = (name: string, columns: readonly string[]): MatpowerRawTable => {
    const found = tables.get(name);
    if (found === undefined) throw new InputError({ source, field: `mpc.${name}` }, 'table missing');
    return rawTable(source, found, name, columns);
  };
  const optional = (name: string, columns: readonly string[]): MatpowerRawTable | undefined =>
    tables.has(name) ? table(name, columns) : undefined;
  const baseMva = scalars.get('baseMVA');
  if (baseMva === undefined) throw missingBaseMva(source, text);
  return buildMatpowerFeeder({
    name: basename(source).replace(/\.m$/i, ''),
    source,
    baseMva,
    bus: table('bus', BUS_COLUMNS),
    gen: table('gen', GEN_COLUMNS),
    branch: table('branch', BRANCH_COLUMNS),
    gencost: optional('gencost', GENCOST_COLUMNS),
    caps: optional('caps', ['bus', 'Mvar']),
    regs: optional('regs', ['bus', 'ratio']),
    loadUnitsPerMw: 1,
    impedanceInOhm: false,
  });
}

/** `mpc.baseMVA` absent as a number: name the line when it is there in another form (a string, a table). */
function missingBaseMva(source: string, text: string): InputError {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*mpc\.baseMVA\s*=/.test(l));
  if (at < 0) return new InputError({ source, field: 'mpc.baseMVA' }, 'missing: the case must set mpc.baseMVA = <number>;');
  const value = lines[at].replace(/^\s*mpc\.baseMVA\s*=\s*/, '').replace(/;.*$/, '').trim();
  return new InputError({ source, field: `line ${at + 1}: mpc.baseMVA`, value }, 'must be a plain number, e.g. mpc.baseMVA = 10;');
}

function rawTable(source: string, table: NumericTable, name: string, columns: readonly string[]): MatpowerRawTable {
  return { source, rows: table.rows, lines: table.lines, columns: columns.map((c) => `mpc.${name} ${c}`) };
}
