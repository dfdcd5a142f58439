import { InputError } from '../../common/errors.js';
import { orientFeeder } from '../data/orientFeeder.js';
import { validateFeeder } from '../data/validateFeeder.js';
import type { Feeder, FeederBranch, FeederBus, FeederGenerator } from '../model/feeder.js';
import { DEFAULT_SHEDDING_PENALTY_USD_PER_MWH } from './defaults.js';

/** One MATPOWER table as read from a file: numeric rows, their 1-based lines, column names for messages. */
export interface MatpowerRawTable {
  /** File the table came from. */
  readonly source: string;
  readonly rows: readonly (readonly number[])[];
  readonly lines: readonly number[];
  /** Column names as the file calls them (used in error messages). */
  readonly columns: readonly string[];
}

/** The MATPOWER tables of a case, with the units they are written in. */
export interface MatpowerRawCase {
  readonly name: string;
  /** Where the case came from (directory or file), stored as `Feeder.source`. */
  readonly source: string;
  readonly baseMva: number;
  readonly bus: MatpowerRawTable;
  readonly gen: MatpowerRawTable;
  readonly branch: MatpowerRawTable;
  readonly gencost?: MatpowerRawTable;
  /** `bus, MVAr` rows: shunt capacitors (123-bus file). */
  readonly caps?: MatpowerRawTable;
  /** `bus, ratio` rows: fixed regulator voltage gains at a branch's downstream bus (123-bus file). */
  readonly regs?: MatpowerRawTable;
  /** Pd/Qd units per MW/MVAr (1000 for case33bw's kW, 1 for MATPOWER's MW). */
  readonly loadUnitsPerMw: number;
  /** True when branch r, x are in ohms (converted with Zbase = baseKV² / baseMVA). */
  readonly impedanceInOhm: boolean;
}

// MATPOWER column positions (0-based), as in MATPOWER's idx_bus / idx_brch / idx_gen.
const BUS = { id: 0, type: 1, pd: 2, qd: 3, gs: 4, bs: 5, vm: 7, baseKv: 9, vmax: 11, vmin: 12 } as const;
const BRANCH = { f: 0, t: 1, r: 2, x: 3, b: 4, rateA: 5, ratio: 8, status: 10 } as const;
const GEN = { bus: 0, qmax: 3, qmin: 4, vg: 5, status: 7, pmax: 8, pmin: 9 } as const;

/**
 * Turn MATPOWER tables into a validated, oriented `Feeder` (shared by the CSV and `.m` readers).
 *
 * 1. Slack = the one bus of type 3; its voltage is the Vg of its first in-service
 *    generator, which becomes the `substation` generator. Other in-service generators are
 *    `dg`; placeholders with all P and Q limits 0 (the 123-bus file has 85) are omitted.
 * 2. Loads ÷ `loadUnitsPerMw`; Gs, Bs in MW/MVAr at 1 pu; line charging `b` (pu) is split half
 *    to each end bus as a shunt (π model); caps rows add to the bus shunt `shuntBMvar`.
 * 3. r, x: ohm → pu with Zbase = baseKV²/baseMVA when `impedanceInOhm`. rateA 0 → `Infinity`;
 *    status 0 → `inService: false` (kept). A MATPOWER tap τ (from side, 0 = none) becomes the
 *    exact to-end form: `ratio = 1/τ`, r and x × τ². Phase shifts are ignored (radial DistFlow).
 * 4. Costs from gencost model 2 (polynomial, up to quadratic): c2 → `costUsdPerMw2h`, c1 → `costUsdPerMwh`.
 * 5. Orient branches away from the slack (`orientFeeder`), then multiply the `ratio` of the
 *    branch feeding each regs bus by its gain, and run `validateFeeder`.
 *
 * @throws InputError naming file, line, column and value for per-row problems, or the feeder
 *   source and field for topology problems (cycle, disconnected bus).
 * @example
 * const feeder = buildMatpowerFeeder({ name, source, baseMva: 10, bus, gen, branch, loadUnitsPerMw: 1000, impedanceInOhm: true });
 */
export function buildMatpowerFeeder(raw: MatpowerRawCase): Feeder {
  requireWidth(raw.bus, 13);
  requireWidth(raw.branch, 11);
  requireWidth(raw.gen, 10);
  if (!(raw.baseMva > 0) || !Number.isFinite(raw.baseMva)) {
    throw new InputError({ source: raw.source, field: 'baseMVA', value: raw.baseMva }, 'must be a finite number > 0');
  }

  const slackRows = raw.bus.rows.map((row, i) => (row[BUS.type] === 3 ? i : -1)).filter((i) => i >= 0);
  if (slackRows.length === 0) {
    throw new InputError({ source: raw.bus.source, field: `${raw.bus.columns[BUS.type]}`, value: 'no bus of type 3' }, 'missing slack: exactly one bus must have type 3 (reference/substation)');
  }
  if (slackRows.length > 1) {
    throw fieldError(raw.bus, slackRows[1], BUS.type, 'a second slack bus (type 3); exactly one is allowed');
  }
  const slackRow = raw.bus.rows[slackRows[0]];
  const slackBus = slackRow[BUS.id];
  const baseKv = slackRow[BUS.baseKv];
  if (raw.impedanceInOhm && !(baseKv > 0)) throw fieldError(raw.bus, slackRows[0], BUS.baseKv, 'must be > 0 to convert ohms to per unit');
  const zBaseOhm = raw.impedanceInOhm ? (baseKv * baseKv) / raw.baseMva : 1;

  const busPosition = new Map<number, number>();
  const buses = raw.bus.rows.map((row, i): { -readonly [K in keyof FeederBus]: FeederBus[K] } => {
    const id = row[BUS.id];
    if (!Number.isInteger(id)) throw fieldError(raw.bus, i, BUS.id, 'bus id must be an integer');
    if (busPosition.has(id)) throw fieldError(raw.bus, i, BUS.id, 'duplicate bus id');
    busPosition.set(id, i);
    if (row[BUS.vmin] > row[BUS.vmax]) throw fieldError(raw.bus, i, BUS.vmin, `lower limit above ${raw.bus.columns[BUS.vmax]} = ${row[BUS.vmax]}`);
    return {
      id,
      pLoadMw: row[BUS.pd] / raw.loadUnitsPerMw,
      qLoadMvar: row[BUS.qd] / raw.loadUnitsPerMw,
      shuntGMw: row[BUS.gs],
      shuntBMvar: row[BUS.bs],
      vMinPu: row[BUS.vmin],
      vMaxPu: row[BUS.vmax],
    };
  });
  const knownBus = (table: MatpowerRawTable, i: number, column: number): number => {
    const position = busPosition.get(table.rows[i][column]);
    if (position === undefined) throw fieldError(table, i, column, 'unknown bus');
    return position;
  };

  const branches = raw.branch.rows.map((row, i): FeederBranch => {
    const f = knownBus(raw.branch, i, BRANCH.f);
    const t = knownBus(raw.branch, i, BRANCH.t);
    for (const column of [BRANCH.r, BRANCH.x]) if (row[column] < 0) throw fieldError(raw.branch, i, column, 'must be ≥ 0');
    const tap = row[BRANCH.ratio] === 0 ? 1 : row[BRANCH.ratio];
    if (!(tap > 0)) throw fieldError(raw.branch, i, BRANCH.ratio, 'must be ≥ 0 (0 = no transformer)');
    const rate = row[BRANCH.rateA];
    if (rate < 0) throw fieldError(raw.branch, i, BRANCH.rateA, 'must be ≥ 0 (0 = unrated)');
    const inService = row[BRANCH.status] !== 0;
    const chargingMvar = (row[BRANCH.b] * raw.baseMva) / 2;
    if (inService && chargingMvar !== 0) {
      buses[f].shuntBMvar += chargingMvar;
      buses[t].shuntBMvar += chargingMvar;
    }
    return {
      id: i + 1,
      fromBus: row[BRANCH.f],
      toBus: row[BRANCH.t],
      rPu: (row[BRANCH.r] / zBaseOhm) * tap * tap,
      xPu: (row[BRANCH.x] / zBaseOhm) * tap * tap,
      rateMva: rate === 0 ? Infinity : rate,
      ratio: 1 / tap,
      inService,
    };
  });

  const costs = readCosts(raw);
  const generators: FeederGenerator[] = [];
  let slackVoltagePu = slackRow[BUS.vm];
  raw.gen.rows.forEach((row, i) => {
    knownBus(raw.gen, i, GEN.bus);
    if (row[GEN.status] <= 0) return;
    if (row[GEN.pmin] > row[GEN.pmax]) throw fieldError(raw.gen, i, GEN.pmin, `lower limit above ${raw.gen.columns[GEN.pmax]} = ${row[GEN.pmax]}`);
    if (row[GEN.qmin] > row[GEN.qmax]) throw fieldError(raw.gen, i, GEN.qmin, `lower limit above ${raw.gen.columns[GEN.qmax]} = ${row[GEN.qmax]}`);
    const isSubstation = row[GEN.bus] === slackBus && !generators.some((g) => g.kind === 'substation');
    const placeholder = row[GEN.pmin] === 0 && row[GEN.pmax] === 0 && row[GEN.qmin] === 0 && row[GEN.qmax] === 0;
    if (placeholder && !isSubstation) return;
    if (isSubstation) slackVoltagePu = row[GEN.vg];
    generators.push({
      id: `gen${i + 1}`,
      kind: isSubstation ? 'substation' : 'dg',
      bus: row[GEN.bus],
      pMinMw: row[GEN.pmin],
      pMaxMw: row[GEN.pmax],
      qMinMvar: row[GEN.qmin],
      qMaxMvar: row[GEN.qmax],
      costUsdPerMwh: costs[i]?.c1 ?? 0,
      costUsdPerMw2h: costs[i]?.c2 ?? 0,
    });
  });
  if (!generators.some((g) => g.kind === 'substation')) {
    throw new InputError({ source: raw.gen.source, field: `${raw.gen.columns[GEN.bus]}`, value: slackBus }, 'no in-service generator at the slack bus (the substation connection)');
  }

  if (raw.caps !== undefined) {
    requireWidth(raw.caps, 2);
    raw.caps.rows.forEach((row, i) => {
      buses[knownBus(raw.caps!, i, 0)].shuntBMvar += row[1];
    });
  }

  const oriented = orientFeeder({
    name: raw.name,
    source: raw.source,
    baseMva: raw.baseMva,
    baseKv,
    buses,
    branches,
    generators,
    slackBus,
    slackVoltagePu,
    sheddingPenaltyUsdPerMwh: DEFAULT_SHEDDING_PENALTY_USD_PER_MWH,
  });
  const feeder = raw.regs === undefined ? oriented : applyRegulators(oriented, raw.regs);
  validateFeeder(feeder);
  return feeder;
}

/** Multiply the ratio of the in-service branch feeding each regs bus (its downstream end after orientation). */
function applyRegulators(feeder: Feeder, regs: MatpowerRawTable): Feeder {
  requireWidth(regs, 2);
  const branches = [...feeder.branches];
  regs.rows.forEach((row, i) => {
    const [bus, gain] = row;
    if (!(gain > 0)) throw fieldError(regs, i, 1, 'regulator ratio must be > 0');
    const b = branches.findIndex((branch) => branch.inService && branch.toBus === bus);
    if (b < 0) throw fieldError(regs, i, 0, 'no in-service branch ends at this bus (unknown bus or the slack)');
    branches[b] = { ...branches[b], ratio: branches[b].ratio * gain };
  });
  return { ...feeder, branches };
}

function readCosts(raw: MatpowerRawCase): Array<{ c1: number; c2: number }> {
  const table = raw.gencost;
  if (table === undefined) return [];
  if (table.rows.length < raw.gen.rows.length) {
    throw new InputError({ source: table.source, field: 'gencost rows', value: table.rows.length }, `fewer rows than generators (${raw.gen.rows.length})`);
  }
  return table.rows.map((row, i) => {
    if (row[0] !== 2) throw fieldError(table, i, 0, 'only polynomial costs (model 2) are supported');
    const n = row[3];
    if (!Number.isInteger(n) || n < 0 || n > 3) throw fieldError(table, i, 3, 'polynomial of degree ≤ 2 expected (n ≤ 3)');
    if (row.length < 4 + n) throw fieldError(table, i, 3, `${n} coefficients announced but ${row.length - 4} given`);
    const coefficient = (power: number): number => (power < n ? row[4 + n - 1 - power] : 0);
    return { c1: coefficient(1), c2: coefficient(2) };
  });
}

function requireWidth(table: MatpowerRawTable, width: number): void {
  table.rows.forEach((row, i) => {
    if (row.length < width) {
      throw new InputError({ source: table.source, field: `line ${table.lines[i]}`, value: `${row.length} columns` }, `at least ${width} columns expected`);
    }
  });
}

function fieldError(table: MatpowerRawTable, row: number, column: number, reason: string): InputError {
  const name = table.columns[column] ?? `column ${column + 1}`;
  return new InputError({ source: table.source, field: `line ${table.lines[row]}: ${name}`, value: table.rows[row][column] }, reason);
}
