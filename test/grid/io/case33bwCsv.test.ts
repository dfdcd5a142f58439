import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inputErrorMessage } from '../../helpers/inputErrorMessage.ts';
import { readCase33bwCsv } from '../../../src/grid/io/case33bwCsv.ts';

const DATA = join(import.meta.dirname, '../../../scenarios/data/grid/case33bw');
// Zbase = baseKV² / baseMVA, computed here from the README's numbers, not by the reader.
const Z_BASE_OHM = (12.66 * 12.66) / 10;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Copy the bundled CSVs to a temp dir and replace `from` by `to` in one file. */
function corrupted(file: string, from: string, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'case33bw-'));
  temps.push(dir);
  cpSync(DATA, dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, file), text.replace(from, to));
  return dir;
}

const messageOf = inputErrorMessage;

describe('readCase33bwCsv', () => {
  const feeder = readCase33bwCsv(DATA);

  it('reads 33 buses, 37 branches of which 32 in service, one substation', () => {
    expect(feeder.buses).toHaveLength(33);
    expect(feeder.branches).toHaveLength(37);
    expect(feeder.branches.filter((b) => b.inService)).toHaveLength(32);
    expect(feeder.baseMva).toBe(10);
    expect(feeder.baseKv).toBe(12.66);
    expect(feeder.slackBus).toBe(1);
    expect(feeder.slackVoltagePu).toBe(1);
    expect(feeder.generators).toEqual([
      { id: 'gen1', kind: 'substation', bus: 1, pMinMw: 0, pMaxMw: 10, qMinMvar: -10, qMaxMvar: 10, costUsdPerMwh: 20, costUsdPerMw2h: 0 },
    ]);
  });

  it('converts branch ohms to per unit (rows "1,2,0.0922,0.0470" and "7,8,0.7114,0.2351")', () => {
    const b1 = feeder.branches[0];
    expect([b1.id, b1.fromBus, b1.toBus]).toEqual([1, 1, 2]);
    expect(b1.rPu).toBeCloseTo(0.0922 / Z_BASE_OHM, 15);
    expect(b1.xPu).toBeCloseTo(0.047 / Z_BASE_OHM, 15);
    expect(b1.rPu).toBeCloseTo(0.005752591, 9); // 0.0922 / 16.02756 by hand
    const b7 = feeder.branches[6];
    expect([b7.fromBus, b7.toBus]).toEqual([7, 8]);
    expect(b7.rPu).toBeCloseTo(0.044386, 6); // 0.7114 / 16.02756
    expect(b7.xPu).toBeCloseTo(0.014668, 6); // 0.2351 / 16.02756
    expect(b1.rateMva).toBe(Infinity);
    expect(b1.ratio).toBe(1);
  });

  it('keeps the five ties out of service with their data', () => {
    const ties = feeder.branches.filter((b) => !b.inService).map((b) => [b.fromBus, b.toBus, +(b.rPu * Z_BASE_OHM).toFixed(6)]);
    expect(ties).toEqual([[21, 8, 2], [9, 15, 2], [12, 22, 2], [18, 33, 0.5], [25, 29, 0.5]]);
  });

  it('converts loads from kW/kVAr to MW/MVAr (totals 3715 kW, 2300 kVAr)', () => {
    expect(feeder.buses[1]).toMatchObject({ id: 2, pLoadMw: 0.1, qLoadMvar: 0.06, vMinPu: 0.9, vMaxPu: 1.1 });
    expect(feeder.buses[0]).toMatchObject({ id: 1, pLoadMw: 0, vMinPu: 1, vMaxPu: 1 });
    expect(feeder.buses.reduce((s, b) => s + b.pLoadMw, 0)).toBeCloseTo(3.715, 12);
    expect(feeder.buses.reduce((s, b) => s + b.qLoadMvar, 0)).toBeCloseTo(2.3, 12);
  });

  it('names file, line, column and value for a NaN cell', () => {
    const dir = corrupted('branch.csv', '3,4,0.3660', '3,4,NaN');
    const message = messageOf(() => readCase33bwCsv(dir));
    expect(message).toContain('branch.csv: line 4: r_ohm = "NaN": not a number');
  });

  it('names file, line, column and value for a negative reactance', () => {
    const dir = corrupted('branch.csv', '3,4,0.3660,0.1864', '3,4,0.3660,-0.1864');
    expect(messageOf(() => readCase33bwCsv(dir))).toContain('branch.csv: line 4: x_ohm = -0.1864: must be ≥ 0');
  });

  it('names the line of an unknown bus in a generator and in a branch', () => {
    const gen = corrupted('gen.csv', '1,0,0,10', '34,0,0,10');
    expect(messageOf(() => readCase33bwCsv(gen))).toContain('gen.csv: line 2: bus = 34: unknown bus');
    const br = corrupted('branch.csv', '3,4,0.3660', '3,40,0.3660');
    expect(messageOf(() => readCase33bwCsv(br))).toContain('branch.csv: line 4: tbus = 40: unknown bus');
  });

  it('reports a missing slack (no type-3 bus) and a duplicate bus id', () => {
    const noSlack = corrupted('bus.csv', '1,3,0,0', '1,1,0,0');
    expect(messageOf(() => readCase33bwCsv(noSlack))).toContain('missing slack');
    const duplicate = corrupted('bus.csv', '3,1,90,40', '2,1,90,40');
    expect(messageOf(() => readCase33bwCsv(duplicate))).toContain('bus.csv: line 4: bus_i = 2: duplicate bus id');
  });

  it('reports Vmin > Vmax and Pmin > Pmax with their lines', () => {
    const v = corrupted('bus.csv', '2,1,100,60,0,0,1,1,0,12.66,1,1.1,0.9', '2,1,100,60,0,0,1,1,0,12.66,1,0.9,1.1');
    expect(messageOf(() => readCase33bwCsv(v))).toContain('bus.csv: line 3: Vmin_pu = 1.1: lower limit above Vmax_pu = 0.9');
    const p = corrupted('gen.csv', '1,100,1,10,0', '1,100,1,10,20');
    expect(messageOf(() => readCase33bwCsv(p))).toContain('gen.csv: line 2: Pmin = 20: lower limit above Pmax = 10');
  });

  it('reports a closed tie as a cycle and a missing file', () => {
    const closed = corrupted('branch.csv', '21,8,2.0000,2.0000,0,0,0,0,0,0,0', '21,8,2.0000,2.0000,0,0,0,0,0,0,1');
    expect(messageOf(() => readCase33bwCsv(closed))).toContain('not radial');
    expect(messageOf(() => readCase33bwCsv(join(DATA, 'nope')))).toContain('bus.csv: file not found');
  });
});
