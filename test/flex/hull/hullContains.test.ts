import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { hullContains } from '../../../src/flex/hull/hullContains.ts';
import { rng } from './helpers.ts';

describe('hullContains', () => {
  const cube = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => [m & 1, (m >> 1) & 1, (m >> 2) & 1].map((x) => 2 * x));
  const cubeHull = convexHullOf(cube);

  it('box [0,2]^3: random points inside iff every coordinate is in [0, 2]', () => {
    const random = rng(1);
    for (let t = 0; t < 500; t++) {
      const p = [4 * random() - 1, 4 * random() - 1, 4 * random() - 1];
      expect(hullContains(cubeHull, cube, p)).toBe(p.every((x) => x >= 0 && x <= 2));
    }
  });

  it('boundary points count as inside; just outside does not (tolerance 1e-6)', () => {
    expect(hullContains(cubeHull, cube, [2, 1, 1])).toBe(true);
    expect(hullContains(cubeHull, cube, [2, 2, 2])).toBe(true);
    expect(hullContains(cubeHull, cube, [2 + 1e-7, 1, 1], 1e-6)).toBe(true);
    expect(hullContains(cubeHull, cube, [2 + 1e-5, 1, 1], 1e-6)).toBe(false);
  });

  it('5-D cross-polytope: inside iff the 1-norm is ≤ 1', () => {
    const pts: number[][] = [];
    for (let i = 0; i < 5; i++) for (const s of [1, -1]) pts.push([0, 1, 2, 3, 4].map((j) => (j === i ? s : 0)));
    const hull = convexHullOf(pts);
    const random = rng(2);
    for (let t = 0; t < 300; t++) {
      const p = [0, 1, 2, 3, 4].map(() => 0.8 * (random() - 0.5));
      const l1 = p.reduce((s, x) => s + Math.abs(x), 0);
      if (Math.abs(l1 - 1) < 1e-6) continue;
      expect(hullContains(hull, pts, p)).toBe(l1 <= 1);
    }
  });

  it('flat triangle in 3-D (x + y + z = 6): on-plane points by barycentric test, off-plane points out', () => {
    const tri = [[6, 0, 0], [0, 6, 0], [0, 0, 6]];
    const hull = convexHullOf(tri);
    expect(hull.affineRank).toBe(2);
    expect(hullContains(hull, tri, [2, 2, 2])).toBe(true);
    expect(hullContains(hull, tri, [3, 3, 0])).toBe(true);
    expect(hullContains(hull, tri, [7, -1, 0])).toBe(false);
    expect(hullContains(hull, tri, [2, 2, 2.01])).toBe(false);
    expect(hullContains(hull, tri, [2, 2, 2.01], 0.1)).toBe(true);
  });

  it('segment and point hulls', () => {
    const seg = [[0, 0], [2, 2]];
    const segHull = convexHullOf(seg);
    expect(hullContains(segHull, seg, [1, 1])).toBe(true);
    expect(hullContains(segHull, seg, [3, 3])).toBe(false);
    expect(hullContains(segHull, seg, [1, 1.1])).toBe(false);
    const pt = [[1, 2, 3]];
    const ptHull = convexHullOf(pt);
    expect(hullContains(ptHull, pt, [1, 2, 3])).toBe(true);
    expect(hullContains(ptHull, pt, [1, 2, 3.001])).toBe(false);
  });

  it('empty hull contains nothing', () => {
    expect(hullContains(convexHullOf([]), [], [])).toBe(false);
  });

  it('a flat hull built with a loose tolerance still contains all its points', () => {
    const random = rng(3);
    const pts = Array.from({ length: 30 }, () => {
      const a = random();
      const b = random();
      return [a, b, 1 - a - b + 1e-6 * (random() - 0.5)];
    });
    const hull = convexHullOf(pts, { tolerance: 1e-4 });
    expect(hull.affineRank).toBe(2);
    expect(pts.every((p) => hullContains(hull, pts, p))).toBe(true);
  });

  it('bad query point: InputError', () => {
    expect(() => hullContains(cubeHull, cube, [1, 1])).toThrow(InputError);
    expect(() => hullContains(cubeHull, cube, [1, 1, Number.NaN])).toThrow(/point\[2\] = NaN/);
  });
});
