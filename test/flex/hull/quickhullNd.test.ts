import { determinant, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { quickhullNd } from '../../../src/flex/hull/quickhullNd.ts';
import { rng } from './helpers.ts';

/** Volume of a closed simplicial boundary: Σ |det(v − c)| / d! from the centroid c of its vertices (ml-matrix determinants). */
function volumeOf(facets: number[][], pts: number[][], d: number): number {
  const verts = [...new Set(facets.flat())];
  const c = new Array<number>(d).fill(0);
  for (const i of verts) for (let j = 0; j < d; j++) c[j] += pts[i][j] / verts.length;
  let fact = 1;
  for (let i = 2; i <= d; i++) fact *= i;
  return facets.reduce((s, f) => s + Math.abs(determinant(new Matrix(f.map((i) => pts[i].map((x, j) => x - c[j]))))), 0) / fact;
}

function lattice(d: number, side: number): number[][] {
  const out: number[][] = [];
  for (let code = 0; code < side ** d; code++) {
    let c = code;
    const p: number[] = [];
    for (let j = 0; j < d; j++) { p.push(c % side); c = Math.floor(c / side); }
    out.push(p);
  }
  return out;
}

describe('quickhullNd (internal; the hull engine of every dimension)', () => {
  it('handles many collinear / coplanar points: a 3^d lattice in 2-D … 5-D has volume 2^d', () => {
    for (const d of [2, 3, 4, 5]) {
      const pts = lattice(d, 3);
      const facets = quickhullNd(pts, d);
      expect(volumeOf(facets, pts, d)).toBeCloseTo(2 ** d, 9);
      expect(facets.every((f) => f.length === d)).toBe(true);
    }
  });

  it('a box with sides 1, 1.1, …, 1.4 in 5-D has the product of its sides as volume (1e-10)', () => {
    const pts = lattice(5, 2).map((p) => p.map((x, j) => x * (1 + 0.1 * j)));
    const expected = [1, 1.1, 1.2, 1.3, 1.4].reduce((a, b) => a * b, 1);
    expect(volumeOf(quickhullNd(pts, 5), pts, 5)).toBeCloseTo(expected, 10);
  });

  it('stays exact on nearly coplanar input: box-surface points with 1e-12…1e-7 noise in 3-D, 4-D and 5-D (volume rel 1e-6)', () => {
    for (let seed = 0; seed < 9; seed++) {
      const random = rng(100 + seed);
      const d = 3 + (seed % 3);
      const noise = [1e-12, 1e-9, 1e-7][Math.floor(seed / 3)];
      const sides = Array.from({ length: d }, () => 0.5 + 3 * random());
      const pts: number[][] = [];
      for (let k = 0; k < 40; k++) {
        // A point on a random face of the box, then jittered off it.
        const p = sides.map((s) => s * random());
        const j = Math.floor(random() * d);
        p[j] = random() < 0.5 ? 0 : sides[j];
        pts.push(p.map((x) => x + noise * (random() - 0.5)));
      }
      for (let mask = 0; mask < 2 ** d; mask++) pts.push(sides.map((s, j) => ((mask >> j) & 1 ? s : 0)));
      const expected = sides.reduce((a, b) => a * b, 1);
      expect(Math.abs(volumeOf(quickhullNd(pts, d), pts, d) - expected) / expected).toBeLessThan(1e-6);
    }
  });
});
