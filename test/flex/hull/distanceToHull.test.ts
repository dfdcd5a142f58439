/**
 * distanceToHull: the Frank–Wolfe bracket against distances computed by hand (squares, cubes,
 * segments) and a property: lower ≤ exact ≤ upper for the exact distance to a segment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceToHull } from '../../../src/flex/hull/distanceToHull.ts';

const square = [[0, 0], [1, 0], [1, 1], [0, 1]];
const cube = [0, 1].flatMap((x) => [0, 1].flatMap((y) => [0, 1].map((z) => [x, y, z])));

/** Exact distance from p to the segment ab (projection clipped to [0, 1]). */
function segmentDistance(p: number[], a: number[], b: number[]): number {
  const ab = b.map((v, j) => v - a[j]);
  const len2 = ab.reduce((s, v) => s + v * v, 0);
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, p.reduce((s, v, j) => s + (v - a[j]) * ab[j], 0) / len2));
  return Math.hypot(...p.map((v, j) => v - (a[j] + t * ab[j])));
}

describe('distanceToHull (bracket within 1e-6 of hand-computed distances)', () => {
  it('is 1 from (2, 0.5) to the unit square and √2 from (2, 2) (to 1e-6)', () => {
    const side = distanceToHull([2, 0.5], square);
    expect(side.upper).toBeCloseTo(1, 6);
    expect(side.lower).toBeCloseTo(1, 6);
    const corner = distanceToHull([2, 2], square);
    expect(corner.upper).toBeCloseTo(Math.SQRT2, 6);
  });

  it('is 0 (to 1e-6) for a point inside the unit cube and 0.5 from (0.5, 0.5, 1.5)', () => {
    expect(distanceToHull([0.3, 0.6, 0.2], cube).upper).toBeLessThanOrEqual(1e-6);
    const above = distanceToHull([0.5, 0.5, 1.5], cube);
    expect(above.upper).toBeCloseTo(0.5, 6);
    expect(above.lower).toBeCloseTo(0.5, 6);
  });

  it('brackets the exact distance to a segment in 3-D: lower ≤ exact ≤ upper, width ≤ 1e-6 (property)', () => {
    const coord = fc.double({ min: -5, max: 5, noNaN: true });
    const point = fc.tuple(coord, coord, coord);
    fc.assert(fc.property(point, point, point, (p, a, b) => {
      const exact = segmentDistance(p, a, b);
      const { upper, lower } = distanceToHull(p, [a, b]);
      expect(lower).toBeLessThanOrEqual(exact + 1e-9);
      expect(upper).toBeGreaterThanOrEqual(exact - 1e-9);
      expect(upper - lower).toBeLessThanOrEqual(1e-6 + 1e-9);
    }), { numRuns: 300 });
  });
});
