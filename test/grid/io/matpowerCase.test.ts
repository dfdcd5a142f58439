import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputErrorMessage } from '../../helpers/inputErrorMessage.ts';
import { readMatpowerCase } from '../../../src/grid/io/matpowerCase.ts';

const IEEE123 = join(import.meta.dirname, '../../../scenarios/data/grid/ieee123-balanced/grid_IEEE123.m');
const tempDir = mkdtempSync(join(tmpdir(), 'matpower-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let fileCount = 0;
function caseFile(text: string): string {
  fileCount += 1;
  const path = join(tempDir, `case${fileCount}.m`);
  writeFileSync(path, text);
  return path;
}

const messageOf = inputErrorMessage;

/** A 3-bus case in MATPOWER syntax with tabs, commas, comments, `...` and ones(N,1)*[row]. */
const TINY = `function mpc = tiny
% a comment line with [brackets] and mpc.bus = [ inside
mpc.version = '2';
mpc.baseMVA = 10;   % trailing comment
mpc.bus = [
\t1\t3\t0\t0\t0\t0\t1\t1\t0\t12.66\t1\t1.05\t0.95;
\t2\t1\t1.5\t0.5\t0\t0.2\t1\t1\t0\t12.66\t1\t1.1\t0.9;  % bus 2 has a 0.2 MVAr shunt
  3, 1, 0.5, 0.2, 0, 0, 1, 1, 0, 12.66, 1, 1.1, 0.9
];
mpc.gen = [
  1 0 0 5 -5 1.02 10 1 8 0 0 0 0 0 0 0 0 0 0 0 0;
  3 0 0 0 0 1 10 1 0 0 0 0 0 0 0 0 0 0 0 0 0;
  3 0 0 1 -1 1 10 1 2 0.5 0 0 0 0 0 0 0 0 0 0 0;
  2 0 0 1 -1 1 10 0 2 0 0 0 0 0 0 0 0 0 0 0 0;
];
mpc.branch = [
  1 2 0.01 0.02 0.004 5 0 0 0 0 1 -360 360;
  3 2 0.02 0.04 0 0 0 0 0.95 0 1 -360 360;
];
mpc.gencost = [2 0 0 3 0.1 25 3;...
  ones(3,1)*[2 0 0 2 40 0 0]];
`;

describe('readMatpowerCase', () => {
  it('reads the 123-bus balanced feeder: 114 buses, 113 branches, slack 114, 1 substation', () => {
    const feeder = readMatpowerCase(IEEE123);
    expect(feeder.name).toBe('grid_IEEE123');
    expect(feeder.buses).toHaveLength(114);
    expect(feeder.branches).toHaveLength(113);
    expect(feeder.branches.every((b) => b.inService)).toBe(true);
    expect(feeder.baseMva).toBe(1);
    expect(feeder.baseKv).toBe(4.16);
    expect(feeder.slackBus).toBe(114);
    expect(feeder.slackVoltagePu).toBe(1);
    // 86 generator rows: the slack one plus 85 placeholders with all limits 0 (omitted).
    expect(feeder.generators).toEqual([
      { id: 'gen1', kind: 'substation', bus: 114, pMinMw: -200, pMaxMw: 200, qMinMvar: -200, qMaxMvar: 200, costUsdPerMwh: 1, costUsdPerMw2h: 0 },
    ]);
    expect(feeder.buses.reduce((s, b) => s + b.pLoadMw, 0)).toBeCloseTo(3.49, 10);
    expect(feeder.buses.reduce((s, b) => s + b.qLoadMvar, 0)).toBeCloseTo(1.92, 10);
  });

  it('keeps per-unit branch data and adds caps and half the line charging to bus shunts', () => {
    const feeder = readMatpowerCase(IEEE123);
    const b1 = feeder.branches[0];
    expect([b1.fromBus, b1.toBus, b1.rPu, b1.xPu]).toEqual([1, 2, 0.002545703, 0.002580752]);
    // Bus 83: cap 0.600 MVAr + b/2 of branch 82-83 (0.00000465129 pu on 1 MVA).
    const bus83 = feeder.buses.find((b) => b.id === 83)!;
    expect(bus83.shuntBMvar).toBeCloseTo(0.6 + 0.00000465129 / 2, 12);
    // Bus 2: only the charging of branch 1-2.
    expect(feeder.buses.find((b) => b.id === 2)!.shuntBMvar).toBeCloseTo(0.00000259216 / 2, 15);
    // Regs at 9, 26, 67 all have gain 1 in the shipped file.
    expect(feeder.branches.every((b) => b.ratio === 1)).toBe(true);
  });

  it('orients every branch away from the slack (114 → 1 first)', () => {
    const feeder = readMatpowerCase(IEEE123);
    const slackBranch = feeder.branches.find((b) => b.fromBus === 114 || b.toBus === 114)!;
    expect([slackBranch.fromBus, slackBranch.toBus]).toEqual([114, 1]);
  });

  it('applies a non-unit regulator gain to the branch feeding its bus', () => {
    const text = readFileSync(IEEE123, 'utf8').replace('mpc.regs = [\n9   1', 'mpc.regs = [\n9   0.99');
    expect(text).toContain('9   0.99');
    const feeder = readMatpowerCase(caseFile(text));
    const into9 = feeder.branches.filter((b) => b.ratio !== 1);
    expect(into9.map((b) => [b.fromBus, b.toBus, b.ratio])).toEqual([[8, 9, 0.99]]);
  });

  it('parses tabs, commas, comments, continuations and ones(N,1)*[row]; converts taps, omits placeholders', () => {
    const feeder = readMatpowerCase(caseFile(TINY));
    expect(feeder.baseMva).toBe(10);
    expect(feeder.buses.map((b) => [b.id, b.pLoadMw, b.qLoadMvar])).toEqual([[1, 0, 0], [2, 1.5, 0.5], [3, 0.5, 0.2]]);
    // Bus 2: Bs 0.2 MVAr + half of branch 1's b (0.004 pu × 10 MVA / 2 = 0.02 MVAr at each end).
    expect(feeder.buses[1].shuntBMvar).toBeCloseTo(0.2 + 0.02, 12);
    expect(feeder.buses[0].shuntBMvar).toBeCloseTo(0.02, 12);
    expect(feeder.slackVoltagePu).toBe(1.02);
    expect(feeder.generators.map((g) => [g.id, g.kind, g.bus, g.costUsdPerMwh, g.costUsdPerMw2h])).toEqual([
      ['gen1', 'substation', 1, 25, 0.1],
      ['gen3', 'dg', 3, 40, 0], // gen2 is a placeholder, gen4 is out of service
    ]);
    expect(feeder.branches[0].rateMva).toBe(5);
    // Branch 2 (3→2, tap 0.95 at bus 3) is oriented 2→3 by the reader. Tap τ at the from side
    // equals ratio 1/τ at the to side with z·τ²; flipping it gives ratio τ, z·τ²/τ² = z … at bus 3:
    const b2 = feeder.branches[1];
    expect([b2.fromBus, b2.toBus]).toEqual([2, 3]);
    expect(b2.ratio).toBeCloseTo(0.95, 12);
    expect(b2.rPu).toBeCloseTo(0.02, 12);
    expect(b2.xPu).toBeCloseTo(0.04, 12);
  });

  it('names file, line and value for NaN', () => {
    const path = caseFile(TINY.replace('3, 1, 0.5, 0.2', '3, 1, NaN, 0.2'));
    expect(messageOf(() => readMatpowerCase(path))).toMatch(/case\d+\.m: line 8: mpc\.bus column 3 = "NaN": NaN is not allowed/);
  });

  it('names file, line, field and value for negative r, unknown buses and reversed limits', () => {
    const negative = caseFile(TINY.replace('1 2 0.01 0.02', '1 2 -0.01 0.02'));
    expect(messageOf(() => readMatpowerCase(negative))).toContain('line 17: mpc.branch r = -0.01: must be ≥ 0');
    const unknown = caseFile(TINY.replace('3 2 0.02', '3 7 0.02'));
    expect(messageOf(() => readMatpowerCase(unknown))).toContain('line 18: mpc.branch tbus = 7: unknown bus');
    const gen = caseFile(TINY.replace('  3 0 0 1 -1 1 10 1 2 0.5', '  3 0 0 -1 1 1 10 1 2 0.5'));
    expect(messageOf(() => readMatpowerCase(gen))).toContain('line 13: mpc.gen Qmin = 1: lower limit above mpc.gen Qmax = -1');
  });

  it('refuses statements that change a table after it is defined (MATPOWER unit conversions)', () => {
    const path = caseFile(`${TINY}\nmpc.bus(:, [3, 4]) = mpc.bus(:, [3, 4]) / 1e3;\n`);
    expect(messageOf(() => readMatpowerCase(path))).toContain('mpc.bus = "mpc.bus(:, [3, 4]) = mpc.bus(:, [3, 4]) / 1e3;": statements that modify a table');
  });

  it('reports an unclosed matrix, a ragged row, a missing table and a missing slack', () => {
    expect(messageOf(() => readMatpowerCase(caseFile(TINY.replace('];\nmpc.gencost', ';\nmpc.gencost'))))).toBeTruthy();
    expect(messageOf(() => readMatpowerCase(caseFile('mpc.baseMVA = 1;\nmpc.bus = [1 3 0\n')))).toContain('line 2: mpc.bus = "[": matrix is never closed');
    expect(messageOf(() => readMatpowerCase(caseFile('mpc.bus = [1 2 3;\n 4 5];')))).toContain('line 2: mpc.bus = "2 columns": row length differs');
    expect(messageOf(() => readMatpowerCase(caseFile(TINY.replace('mpc.branch', 'mpc.lines'))))).toContain('mpc.branch: table missing');
    expect(messageOf(() => readMatpowerCase(caseFile(TINY.replace('1\t3\t0', '1\t1\t0'))))).toContain('missing slack');
  });
});
