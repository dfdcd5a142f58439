import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { parseMatpowerText } from '../../../src/grid/io/parseMatpowerText.ts';

describe('parseMatpowerText', () => {
  it('reads scalars, skips strings and functions, keeps row line numbers', () => {
    const { tables, scalars } = parseMatpowerText("function mpc = x\nmpc.version = '2';\nmpc.baseMVA = 100;\nmpc.t = [\n1 2;\n% 9 9;\n3 4\n];\n", 'x.m');
    expect(scalars.get('baseMVA')).toBe(100);
    expect(scalars.has('version')).toBe(false);
    expect(tables.get('t')).toEqual({ rows: [[1, 2], [3, 4]], lines: [5, 7], line: 4 });
  });

  it('handles commas, tabs, Inf, exponents, continuations and ones(N,1)*[row]', () => {
    const { tables } = parseMatpowerText('mpc.t = [1,\t-Inf, 2e-3;...\n ones(2,1)*[4 5 6]; [7 8] 9];', 'x.m');
    expect(tables.get('t')!.rows).toEqual([[1, -Infinity, 0.002], [4, 5, 6], [4, 5, 6], [7, 8, 9]]);
  });

  it('keeps a % inside a string and ignores mpc. in comments', () => {
    const { tables, scalars } = parseMatpowerText("mpc.name = 'a%b'; mpc.baseMVA = 5; % mpc.bus = [1]\n", 'x.m');
    expect(scalars.get('baseMVA')).toBe(5);
    expect(tables.size).toBe(0);
  });

  it('throws InputError with file, line, field and value', () => {
    expect(() => parseMatpowerText('mpc.t = [1 2;\n 3 x];', 'f.m')).toThrow(InputError);
    expect(() => parseMatpowerText('mpc.t = [1 2;\n 3 x];', 'f.m')).toThrow('f.m: line 2: mpc.t column 2 = "x": not a number');
    expect(() => parseMatpowerText('mpc.baseMVA = NaN;', 'f.m')).toThrow('f.m: line 1: mpc.baseMVA = "NaN": NaN is not allowed');
    expect(() => parseMatpowerText('mpc.t = ones(2,3)*[1 2];', 'f.m')).toThrow('only ones(N,1)*[row] is supported');
  });
});
