import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { normalizeDirections } from '../../../src/flex/directions/normalizeDirections.ts';

describe('normalizeDirections', () => {
  it('returns unit copies in order, repeats kept', () => {
    expect(normalizeDirections([[3, 4], [0, -2], [3, 4]])).toEqual([[0.6, 0.8], [0, -1], [0.6, 0.8]]);
  });

  it('empty direction set → InputError', () => {
    expect(() => normalizeDirections([])).toThrow(InputError);
    expect(() => normalizeDirections([])).toThrow('flex/directions/normalizeDirections: directions = []: must contain at least one direction');
  });

  it('non-finite coordinate → InputError naming directions[i][j]', () => {
    expect(() => normalizeDirections([[1, 0], [Number.NaN, 1]])).toThrow(/directions\[1\]\[0\] = NaN/);
    expect(() => normalizeDirections([[1, Infinity]])).toThrow(/directions\[0\]\[1\] = Infinity/);
  });

  it('mismatched dimensions → InputError (against the first or the given dimension)', () => {
    expect(() => normalizeDirections([[1, 0], [1, 0, 0]])).toThrow(/directions\[1\] = \[1,0,0\]: must have 2 coordinates/);
    expect(() => normalizeDirections([[1, 0]], { dimension: 3 })).toThrow(/directions\[0\]/);
  });

  it('zero vector → InputError; custom source named', () => {
    expect(() => normalizeDirections([[0, 0]], { source: '--directions' })).toThrow('--directions: directions[0] = [0,0]: must be non-zero');
  });
});
