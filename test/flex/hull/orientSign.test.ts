import { describe, expect, it } from 'vitest';
import { orientSign } from '../../../src/flex/hull/orientSign.ts';

describe('orientSign (internal exact predicate)', () => {
  const scratch = new Float64Array(64);

  it('2-D: sign of det[p1−p0, p2−p0] for a counter-clockwise, clockwise and collinear triple', () => {
    expect(orientSign([[0, 0], [1, 0], [0, 1]], 2, scratch)).toBe(1);
    expect(orientSign([[0, 0], [0, 1], [1, 0]], 2, scratch)).toBe(-1);
    expect(orientSign([[0, 0], [1, 1], [3, 3]], 2, scratch)).toBe(0);
  });

  it('is exact where floating point is not: det of near-2^52 integers is −8 (BigInt reference)', () => {
    const x = 2 ** 52;
    const [a, b, c, d] = [x - 1, x - 3, x - 5, x - 7];
    // Independent reference in BigInt: a·d − b·c.
    const exact = BigInt(a) * BigInt(d) - BigInt(b) * BigInt(c);
    expect(exact).toBe(-8n);
    expect(orientSign([[0, 0], [a, b], [c, d]], 2, scratch)).toBe(-1);
  });

  it('exactly coplanar points with non-dyadic coordinates far from the origin give 0 in 3-D', () => {
    const o = [1e6 + 0.1, -2e6 + 0.3, 5e5 + 0.7];
    // Points o + integer combinations of two integer vectors, all exactly representable.
    const u = [1, 2, 0];
    const v = [0, 1, 3];
    const pts = [[0, 0], [1, 0], [0, 1], [2, 5]].map(([s, t]) => o.map((x, j) => x + s * u[j] + t * v[j]));
    // The sums are rounded, so only check that the answer matches an exact BigInt evaluation.
    const scale = 2 ** 40;
    const big = pts.map((p) => p.map((x) => BigInt(x * scale)));
    const m = big.slice(1).map((p) => p.map((x, j) => x - big[0][j]));
    const det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const expected = det === 0n ? 0 : det > 0n ? 1 : -1;
    expect(orientSign(pts, 3, scratch)).toBe(expected);
  });

  it('6-D: a lifted unit simplex has sign +1, with two rows swapped −1, with a repeated point 0', () => {
    const d = 6;
    const simplex = [new Array(d).fill(0), ...Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)))];
    expect(orientSign(simplex, d, scratch)).toBe(1);
    const swapped = [simplex[0], simplex[2], simplex[1], ...simplex.slice(3)];
    expect(orientSign(swapped, d, scratch)).toBe(-1);
    expect(orientSign([...simplex.slice(0, d), simplex[1]], d, scratch)).toBe(0);
  });
});
