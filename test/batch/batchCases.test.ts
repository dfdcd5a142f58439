/** Batch cases: the Cartesian product of --grid options and CSV rows of overrides. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCases, gridCases } from '../../src/batch/batchCases.ts';

describe('gridCases', () => {
  it('is the Cartesian product, first grid slowest, named case-01 …', () => {
    const cases = gridCases(['demand.scale=0.8,1,1.2', 'classes.v2gShare=0,0.1']);
    expect(cases.map((c) => c.name)).toEqual(['case-01', 'case-02', 'case-03', 'case-04', 'case-05', 'case-06']);
    expect(cases[1].overrides).toEqual(['demand.scale=0.8', 'classes.v2gShare=0.1']);
    expect(cases[4].overrides).toEqual(['demand.scale=1.2', 'classes.v2gShare=0']);
  });

  it('has Π(value counts) distinct cases for any grid (fast-check)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (counts) => {
      const grids = counts.map((n, g) => `p${g}=${Array.from({ length: n }, (_, i) => i).join(',')}`);
      const cases = gridCases(grids);
      expect(cases.length).toBe(counts.reduce((a, b) => a * b, 1));
      expect(new Set(cases.map((c) => c.overrides.join('|'))).size).toBe(cases.length);
    }));
  });

  it('keeps commas inside JSON values, and refuses a grid without "=", an empty list or a path twice', () => {
    expect(gridCases(['demand.profile=[0.8,0.9],[1,1]']).map((c) => c.overrides[0])).toEqual(['demand.profile=[0.8,0.9]', 'demand.profile=[1,1]']);
    expect(() => gridCases(['demand.scale'])).toThrow(/must be path=v1,v2/);
    expect(() => gridCases(['demand.scale='])).toThrow(/lists no value/);
    expect(() => gridCases(['a=1', 'a=2'])).toThrow(/given by two --grid options/);
  });
});

describe('csvCases', () => {
  it('reads one case per row, an empty cell leaving the base value; refuses ragged rows naming the row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-cases-'));
    const file = join(dir, 'cases.csv');
    writeFileSync(file, 'demand.scale,classes.v2gShare\n0.8,0\n1.2,\n');
    expect(csvCases(file).map((c) => c.overrides)).toEqual([['demand.scale=0.8', 'classes.v2gShare=0'], ['demand.scale=1.2']]);
    writeFileSync(file, 'demand.scale,classes.v2gShare\n0.8\n');
    expect(() => csvCases(file)).toThrow(/row 2.*has 1 cells; the header has 2/);
  });
});
