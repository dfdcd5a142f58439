/**
 * MATPOWER text: a repeated-row block may not declare more rows than the file has characters
 * (issue 14 item 4, docs/limits.md "Readers"): `ones(1e11,1)*[…]` is one `InputError` naming
 * file, line, table and value instead of `RangeError: Invalid array length`; other shapes
 * (`zeros`, `ones(N,M)`) stay refused as unsupported. Through `validate`: exit 1, one line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMatpowerText } from '../../../src/grid/io/parseMatpowerText.ts';
import { REFERENCE, ROOT, runMain } from '../../helpers/cli.ts';
import { thrownInputError } from '../../helpers/inputErrorMessage.ts';

const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-mpc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ones(N,1)*[row] bounded by the file length', () => {
  it('refuses ones(100000000000,1) naming file, line, table and the block', () => {
    const text = 'mpc.baseMVA = 1;\nmpc.gencost = ones(100000000000,1)*[2 0 0 3 0 20 0];\n';
    const e = thrownInputError(() => parseMatpowerText(text, 'big.m'));
    expect(e.location).toEqual({ source: 'big.m', field: 'line 2: mpc.gencost', value: 'ones(100000000000,1)' });
  });

  it('refuses ones(1e11,1) and zeros(n,m) as unsupported constructs (InputError, not RangeError)', () => {
    expect(thrownInputError(() => parseMatpowerText('mpc.gencost = ones(1e11,1)*[2 0 0 3 0 20 0];', 'a.m')).message).toContain('only ones(N,1)*[row] is supported');
    expect(thrownInputError(() => parseMatpowerText('mpc.gencost = zeros(100000000000,7);', 'a.m')).message).toContain('a.m: line 1: mpc.gencost');
  });

  it('accepts N up to the file length (property: N copies of the row, exact)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 40 }), (n) => {
      const text = `mpc.t = ones(${n},1)*[1 2 3];`.padEnd(60, ' '); // 60 characters ≥ n
      expect(parseMatpowerText(text, 'x.m').tables.get('t')!.rows).toEqual(Array.from({ length: n }, () => [1, 2, 3]));
    }));
  });

  it('refuses N = file length + 1 and accepts N = file length (the bound itself)', () => {
    const at = (n: number) => `mpc.t = ones(${n},1)*[1];`.padEnd(40, ' ');
    expect(() => parseMatpowerText(at(40), 'x.m')).not.toThrow();
    expect(thrownInputError(() => parseMatpowerText(at(41), 'x.m')).message).toContain('more than the file has characters (40)');
  });
});

describe('validate with the bundled 123-bus case and a gencost bomb', () => {
  it('exit 1, one line naming the .m file, the line and mpc.gencost', async () => {
    const original = readFileSync(join(ROOT, 'scenarios/data/grid/ieee123-balanced/grid_IEEE123.m'), 'utf8');
    const bomb = original.replace(/ones\(\s*\d+\s*,\s*1\s*\)/, 'ones(100000000000,1)');
    expect(bomb).not.toBe(original);
    const m = join(dir, 'bomb.m');
    writeFileSync(m, bomb);
    const s = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    s.feeder.case = m;
    const file = join(dir, 'bomb.json');
    writeFileSync(file, JSON.stringify(s));
    const { code, stdout, stderr } = await runMain(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/bomb\.m: line \d+: mpc\.gencost = "ones\(100000000000,1\)": 100000000000 rows/)]);
  });
});
