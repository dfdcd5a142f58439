import { determinant, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { convexPolygon, randomFrame3, rng, shoelaceArea } from './helpers.ts';

function boxCorners(sides: number[], offset: number[] = sides.map(() => 0)): number[][] {
  const n = sides.length;
  const out: number[][] = [];
  for (let mask = 0; mask < 2 ** n; mask++) out.push(sides.map((s, j) => offset[j] + ((mask >> j) & 1 ? s : 0)));
  return out;
}

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

describe('convexHullOf', () => {
  describe('exact volumes', () => {
    it('unit cube has volume 1, 8 vertices, 12 triangular facets', () => {
      const hull = convexHullOf(boxCorners([1, 1, 1]));
      expect(hull.dimension).toBe(3);
      expect(hull.affineRank).toBe(3);
      expect(hull.volume).toBeCloseTo(1, 12);
      expect(hull.measure).toBe(hull.volume);
      expect(hull.vertices).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(hull.facets).toHaveLength(12);
      expect(hull.interiorPoint).toEqual([0.5, 0.5, 0.5]);
      expect(hull.degenerate).toBeUndefined();
      expect(hull.area).toBeUndefined();
      expect(hull.constantTotal).toBeUndefined();
    });

    it('boxes with random sides in 2–5 D have volume = product of sides (rel 1e-12)', () => {
      const random = rng(7);
      for (let n = 2; n <= 5; n++) {
        for (let trial = 0; trial < (n === 5 ? 2 : 5); trial++) {
          const sides = Array.from({ length: n }, () => 0.1 + 5 * random());
          const offset = Array.from({ length: n }, () => 100 * (random() - 0.5));
          const hull = convexHullOf(boxCorners(sides, offset));
          const expected = sides.reduce((a, b) => a * b, 1);
          expect(Math.abs(hull.volume - expected) / expected).toBeLessThan(1e-12);
          expect(hull.vertices).toHaveLength(2 ** n);
        }
      }
    });

    it('interior points of a box are not vertices and do not change the volume', () => {
      const pts = [...boxCorners([2, 3, 4]), [1, 1, 1], [1, 1.5, 0], [2, 3, 4], [0.5, 2, 3]];
      const hull = convexHullOf(pts);
      expect(hull.volume).toBeCloseTo(24, 10);
      expect(hull.vertices).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('random simplices in 2–6 D have volume |det|/n! (ml-matrix determinant, rel 1e-10)', () => {
      const random = rng(11);
      for (let n = 2; n <= 6; n++) {
        const pts = Array.from({ length: n + 1 }, () => Array.from({ length: n }, () => 4 * random() - 2));
        const edges = new Matrix(pts.slice(1).map((p) => p.map((x, j) => x - pts[0][j])));
        const expected = Math.abs(determinant(edges)) / factorial(n);
        const hull = convexHullOf(pts);
        expect(hull.affineRank).toBe(n);
        expect(Math.abs(hull.volume - expected) / expected).toBeLessThan(1e-10);
        expect(hull.facets).toHaveLength(n + 1);
        expect(hull.facets.every((f) => f.length === n)).toBe(true);
      }
    });

    it('cross-polytope of radius r in 2–5 D has volume (2r)^n / n!', () => {
      for (let n = 2; n <= 5; n++) {
        const r = 1.5;
        const pts: number[][] = [];
        for (let i = 0; i < n; i++) {
          for (const s of [r, -r]) pts.push(Array.from({ length: n }, (_, j) => (j === i ? s : 0)));
        }
        const hull = convexHullOf(pts);
        const expected = (2 * r) ** n / factorial(n);
        expect(hull.volume).toBeCloseTo(expected, 10);
        expect(hull.facets).toHaveLength(2 ** n);
      }
    });

    it('2-D: area of a random convex polygon equals the shoelace formula, interior points ignored (rel 1e-12)', () => {
      const random = rng(3);
      for (let trial = 0; trial < 10; trial++) {
        const poly = convexPolygon(random, 5 + Math.floor(random() * 20));
        const inner = Array.from({ length: 10 }, () => {
          const a = poly[Math.floor(random() * poly.length)];
          const b = poly[Math.floor(random() * poly.length)];
          const t = random();
          return [0.5 * (t * a[0] + (1 - t) * b[0]), 0.5 * (t * a[1] + (1 - t) * b[1])];
        });
        const hull = convexHullOf([...inner, ...poly]);
        const expected = shoelaceArea(poly);
        expect(Math.abs(hull.volume - expected) / expected).toBeLessThan(1e-12);
        expect(hull.vertices).toEqual(poly.map((_, i) => i + inner.length));
      }
    });

    it('orients every facet outward (positive det with the interior point as apex)', () => {
      const random = rng(5);
      const pts = Array.from({ length: 40 }, () => [random(), random(), random()]);
      const hull = convexHullOf(pts);
      const c = hull.interiorPoint;
      for (const f of hull.facets) {
        const m = new Matrix(f.map((i) => pts[i].map((x, j) => x - c[j])));
        expect(determinant(m)).toBeGreaterThan(0);
      }
    });
  });

  describe('degenerate inputs are reported, not thrown', () => {
    it('a planar polygon in 3-D: rank 2, volume 0, area = shoelace of the 2-D polygon (rel 1e-9)', () => {
      const random = rng(21);
      for (let trial = 0; trial < 5; trial++) {
        const poly = convexPolygon(random, 12);
        const [e1, e2] = randomFrame3(random);
        const offset = [5 * random(), 5 * random(), 5 * random()];
        const pts = poly.map(([u, v]) => offset.map((o, j) => o + u * e1[j] + v * e2[j]));
        const hull = convexHullOf(pts);
        const expected = shoelaceArea(poly);
        expect(hull.affineRank).toBe(2);
        expect(hull.volume).toBe(0);
        expect(Math.abs(hull.area! - expected) / expected).toBeLessThan(1e-9);
        expect(hull.measure).toBe(hull.area);
        expect(hull.affineBasis).toHaveLength(2);
        expect(hull.vertices).toHaveLength(12);
        expect(hull.facets).toHaveLength(12);
        expect(hull.degenerate).toMatch(/flat: affine rank 2 < dimension 3/);
      }
    });

    it('collinear points in 3-D: rank 1, length between the extreme points', () => {
      const p0 = [1, -2, 3];
      const u = [0.3, 0.4, 1.2];
      const ts = [0.5, -1.25, 2, 0, 1.75, 2, -1.25];
      const hull = convexHullOf(ts.map((t) => p0.map((x, j) => x + t * u[j])));
      expect(hull.affineRank).toBe(1);
      expect(hull.volume).toBe(0);
      expect(hull.area).toBeUndefined();
      expect(hull.measure).toBeCloseTo(3.25 * Math.hypot(...u), 12);
      expect(hull.vertices).toHaveLength(2);
      expect(hull.vertices.map((i) => ts[i]).sort()).toEqual([-1.25, 2]);
      expect(hull.degenerate).toMatch(/length/);
    });

    it('one point: rank 0, measure 0, the point is the only vertex', () => {
      const hull = convexHullOf([[1, 2, 3]]);
      expect(hull).toMatchObject({ dimension: 3, affineRank: 0, volume: 0, measure: 0, vertices: [0], facets: [] });
      expect(hull.interiorPoint).toEqual([1, 2, 3]);
      expect(hull.degenerate).toMatch(/single point/);
    });

    it('repeated copies of one point: rank 0', () => {
      const hull = convexHullOf([[1, 2], [1, 2], [1, 2]]);
      expect(hull.affineRank).toBe(0);
      expect(hull.vertices).toEqual([0]);
      expect(hull.degenerate).toMatch(/coincide/);
    });

    it('duplicated vertices count once and leave the volume unchanged', () => {
      const corners = boxCorners([1, 2, 3]);
      const hull = convexHullOf([...corners, ...corners, corners[3]]);
      expect(hull.volume).toBeCloseTo(6, 12);
      expect(hull.vertices).toHaveLength(8);
    });

    it('empty set: rank −1, volume 0, no vertices', () => {
      const hull = convexHullOf([]);
      expect(hull).toMatchObject({ dimension: 0, affineRank: -1, volume: 0, measure: 0, vertices: [], facets: [] });
      expect(hull.degenerate).toMatch(/empty/);
    });

    it('points on Σx = 7 in 3-D report constantTotal 7 (STA case)', () => {
      const random = rng(9);
      const pts = Array.from({ length: 15 }, () => {
        const a = 4 * random();
        const b = 4 * random();
        return [a, b, 7 - a - b];
      });
      const hull = convexHullOf(pts);
      expect(hull.affineRank).toBe(2);
      expect(hull.constantTotal).toBeCloseTo(7, 12);
      expect(hull.degenerate).toMatch(/Σx = 7/);
      // The area seen in the (x, y) plane, scaled by the tilt of Σx = 7 (√3), is the true area.
      const hull2 = convexHullOf(pts.map((p) => [p[0], p[1]]));
      expect(hull.area!).toBeCloseTo(hull2.volume * Math.sqrt(3), 10);
    });

    it('points on Σx = 7 in 4-D report constantTotal 7; a tilted plane does not', () => {
      const random = rng(13);
      const onSum = Array.from({ length: 20 }, () => {
        const v = [random(), random(), random()].map((x) => 5 * x);
        return [...v, 7 - v[0] - v[1] - v[2]];
      });
      expect(convexHullOf(onSum).constantTotal).toBeCloseTo(7, 12);
      const tilted = onSum.map((p) => [p[0], p[1], p[2], 7 - p[0] - p[1] - 2 * p[2]]);
      const hull = convexHullOf(tilted);
      expect(hull.affineRank).toBe(3);
      expect(hull.constantTotal).toBeUndefined();
    });

    it('a full-dimensional set has no constantTotal; a rank n−2 set on Σx = c has none either', () => {
      expect(convexHullOf(boxCorners([1, 1, 1])).constantTotal).toBeUndefined();
      expect(convexHullOf([[1, 2, 4], [2, 1, 4], [3, 0, 4]]).constantTotal).toBeUndefined();
    });

    it('noise below the tolerance is flat, above it full (tolerance option)', () => {
      const random = rng(17);
      const pts = Array.from({ length: 30 }, () => {
        const a = random();
        const b = random();
        return [a, b, 1 - a - b + 1e-7 * (random() - 0.5)];
      });
      expect(convexHullOf(pts).affineRank).toBe(3);
      const loose = convexHullOf(pts, { tolerance: 1e-5 });
      expect(loose.affineRank).toBe(2);
      expect(loose.constantTotal).toBeCloseTo(1, 6);
    });
  });

  it('does not modify its input (deep-frozen points in 2-D, 3-D, 4-D and a flat set)', () => {
    const random = rng(23);
    for (const n of [2, 3, 4]) {
      const pts = Object.freeze(Array.from({ length: 20 }, () => Object.freeze(Array.from({ length: n }, () => random()))));
      expect(() => convexHullOf(pts)).not.toThrow();
    }
    const flat = Object.freeze([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.2, 0.3, 0.5]].map((p) => Object.freeze(p)));
    expect(convexHullOf(flat).affineRank).toBe(2);
  });

  describe('bad input throws InputError naming the field and value', () => {
    it('non-finite coordinate', () => {
      expect(() => convexHullOf([[0, 0], [1, Number.NaN]])).toThrow(InputError);
      expect(() => convexHullOf([[0, 0], [1, Number.NaN]])).toThrow('flex/hull/convexHullOf: points[1][1] = NaN: must be a finite number');
      expect(() => convexHullOf([[0, Infinity]])).toThrow(/points\[0\]\[1\] = Infinity/);
    });
    it('mismatched dimensions', () => {
      expect(() => convexHullOf([[0, 0], [1, 2, 3]])).toThrow(/points\[1\] = \[1,2,3\]: must have 2 coordinates/);
    });
    it('zero-length points', () => {
      expect(() => convexHullOf([[]])).toThrow(/points\[0\]/);
    });
    it('bad tolerance', () => {
      expect(() => convexHullOf([[0, 0]], { tolerance: -1 })).toThrow(/options.tolerance = -1/);
    });
  });
});
