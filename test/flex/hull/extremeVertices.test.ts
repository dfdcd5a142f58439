import { describe, expect, it } from 'vitest';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';

function corners(d: number, side: number): number[][] {
  return Array.from({ length: 2 ** d }, (_, mask) => Array.from({ length: d }, (_, j) => ((mask >> j) & 1 ? side : 0)));
}

describe('hull vertices are extreme points (exactly degenerate input)', () => {
  for (const d of [2, 3, 4, 5]) {
    it(`${d}-D: edge midpoints and face centres listed before the corners are not vertices`, () => {
      const c = corners(d, 2);
      // Midpoints of edges along axis 0 and centres of the faces x_1 = 0 and x_1 = 2.
      const extra = c.filter((p) => p[0] === 0).map((p) => [1, ...p.slice(1)]);
      extra.push([1, 0, ...new Array(d - 2).fill(1)], [1, 2, ...new Array(d - 2).fill(1)]);
      const pts = [...extra, ...c];
      const hull = convexHullOf(pts);
      expect(hull.volume).toBeCloseTo(2 ** d, 10);
      expect(hull.vertices).toEqual(c.map((_, i) => i + extra.length));
      // In 2-D the boundary is the square itself: 4 edges between corners (midpoints dropped).
      if (d === 2) expect(hull.facets).toHaveLength(4);
      if (d === 2) expect(hull.facets.flat().every((i) => i >= extra.length)).toBe(true);
      expect(hull.interiorPoint.every((x) => Math.abs(x - 1) < 1e-12)).toBe(true);
    });
  }
});
