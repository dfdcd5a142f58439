import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { affineRank } from '../../../src/flex/hull/affineRank.ts';

function dot(a: number[], b: number[]): number {
  return a.reduce((s, x, j) => s + x * b[j], 0);
}

describe('affineRank', () => {
  it('empty set: rank −1', () => {
    expect(affineRank([])).toMatchObject({ rank: -1, origin: [], basis: [] });
  });

  it('one point or copies of it: rank 0, origin = the point', () => {
    expect(affineRank([[1, 2, 3]])).toMatchObject({ rank: 0, origin: [1, 2, 3], basis: [] });
    expect(affineRank([[1, 2, 3], [1, 2, 3]]).rank).toBe(0);
  });

  it('collinear points: rank 1 with the line direction as basis', () => {
    const r = affineRank([[0, 0, 0], [1, 2, 2], [2, 4, 4], [-1, -2, -2]]);
    expect(r.rank).toBe(1);
    expect(Math.abs(dot(r.basis[0], [1 / 3, 2 / 3, 2 / 3]))).toBeCloseTo(1, 12);
    expect(r.origin).toEqual([0.5, 1, 1]);
  });

  it('points on x + y + z = 7: rank 2, basis orthonormal and orthogonal to (1, 1, 1)', () => {
    const r = affineRank([[1, 2, 4], [2, 1, 4], [3, 3, 1], [7, 0, 0]]);
    expect(r.rank).toBe(2);
    for (const b of r.basis) {
      expect(dot(b, b)).toBeCloseTo(1, 12);
      expect(dot(b, [1, 1, 1])).toBeCloseTo(0, 12);
    }
    expect(dot(r.basis[0], r.basis[1])).toBeCloseTo(0, 12);
    expect(r.residual).toBeLessThanOrEqual(r.threshold);
  });

  it('fewer points than dimensions: rank m − 1 at most', () => {
    expect(affineRank([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0]]).rank).toBe(2);
  });

  it('a single far-off point makes the set full-rank even if the others are flat', () => {
    const pts = Array.from({ length: 50 }, (_, i) => [Math.cos(i), Math.sin(i), 0]);
    pts.push([0, 0, 1e-3]);
    expect(affineRank(pts).rank).toBe(3);
    expect(affineRank(pts, 1e-2).rank).toBe(2);
  });

  it('relative tolerance: scaling the points does not change the rank', () => {
    const pts = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1e-7]];
    for (const s of [1e-6, 1, 1e6]) {
      const scaled = pts.map((p) => p.map((x) => x * s));
      expect(affineRank(scaled).rank).toBe(3);
      expect(affineRank(scaled, 1e-6).rank).toBe(2);
    }
  });

  it('noise at rounding level around a large offset is rank 0', () => {
    expect(affineRank([[1000, 1000], [1000 + 1e-13, 1000]]).rank).toBe(0);
  });

  it('bad input: InputError naming the field', () => {
    expect(() => affineRank([[1, 2], [3]])).toThrow(InputError);
    expect(() => affineRank([[1, 2]], Number.NaN)).toThrow(/tolerance = NaN/);
  });
});
