import { Matrix, SVD } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { loadHighs, type HighsRuntime } from '../../../src/grid/solver/loadHighs.ts';
import { rng } from './helpers.ts';

/**
 * Random clouds checked against references that share no code with the hull: facet
 * planes from ml-matrix's SVD (the null vector of the facet's edge matrix), and
 * extremeness decided by an LP in HiGHS (is the point a convex combination of the others?).
 */

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

/** Unit normal of the hyperplane through the facet's d points: the null vector of its d − 1 edges (SVD, edges padded to d × d). */
function facetNormal(pts: number[][]): number[] {
  const d = pts[0].length;
  const edges = new Matrix([...pts.slice(1).map((p) => p.map((x, j) => x - pts[0][j])), new Array<number>(d).fill(0)]);
  return new SVD(edges, { computeLeftSingularVectors: false }).rightSingularVectors.getColumn(d - 1);
}

/** Whether `point` is a convex combination of `others` (feasibility LP in HiGHS). */
function inHullOf(highs: HighsRuntime, others: number[][], point: number[]): boolean {
  const term = (c: number, name: string) => `${c < 0 ? '-' : '+'} ${Math.abs(c).toPrecision(17)} ${name}`;
  const rows = point.map((x, j) => ` c${j}: ${others.map((q, i) => term(q[j], `l${i}`)).join(' ')} = ${x.toPrecision(17)}`);
  const lp = ['Minimize', ` obj: ${others.map((_, i) => `l${i}`).join(' + ')}`, 'Subject To', ...rows,
    ` sum: ${others.map((_, i) => `l${i}`).join(' + ')} = 1`, 'End'].join('\n');
  const status = highs.solve(lp).Status;
  // The objective Σλ = 1 is bounded, so "infeasible or unbounded" means infeasible.
  if (status !== 'Optimal' && status !== 'Infeasible' && status !== 'Primal infeasible or unbounded') throw new Error(`LP status ${status}`);
  return status === 'Optimal';
}

describe('convexHullOf on random clouds in 2-D … 5-D (independent references)', () => {
  let highs: HighsRuntime;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  for (const d of [2, 3, 4, 5]) {
    it(`${d}-D: every input point satisfies every facet inequality; vertices are exactly the extreme input points`, () => {
      const random = rng(400 + d);
      for (let trial = 0; trial < (d === 5 ? 2 : 3); trial++) {
        const m = [40, 60, 80, 100][d - 2];
        // Uniform in a cube plus a few points near the unit sphere, so there are vertices and interior points.
        const pts = Array.from({ length: m }, (_, i) => {
          const p = Array.from({ length: d }, () => 2 * random() - 1);
          if (i % 4 !== 0) return p;
          const r = Math.hypot(...p);
          return p.map((x) => (1.5 * x) / r);
        });
        const hull = convexHullOf(pts);
        expect(hull.affineRank).toBe(d);
        const centroid = pts[0].map((_, j) => pts.reduce((s, p) => s + p[j], 0) / m);

        // (a) each facet is a supporting hyperplane: all points on its inner side (1e-9).
        for (const facet of hull.facets) {
          expect(facet).toHaveLength(d);
          const verts = facet.map((i) => pts[i]);
          let normal = facetNormal(verts);
          const offset = (x: number[]) => normal.reduce((s, n, j) => s + n * (x[j] - verts[0][j]), 0);
          if (offset(centroid) > 0) normal = normal.map((x) => -x);
          expect(Math.max(...pts.map(offset))).toBeLessThanOrEqual(1e-9);
          expect(offset(centroid)).toBeLessThan(-1e-6); // and none passes through the interior
        }

        // (b) vertices = the input points that are not convex combinations of the others.
        const extreme = pts.flatMap((p, i) => (inHullOf(highs, pts.filter((_, k) => k !== i), p) ? [] : [i]));
        expect(hull.vertices).toEqual(extreme);
        // Every facet is spanned by vertices.
        expect(hull.facets.flat().every((i) => extreme.includes(i))).toBe(true);
      }
    });
  }
});

describe('convexHullOf exact volumes of simple polytopes, 2-D … 6-D', () => {
  for (const d of [2, 3, 4, 5, 6]) {
    it(`${d}-D: unit cube 1, unit simplex 1/${d}!, cross-polytope 2^${d}/${d}!`, () => {
      const cube = Array.from({ length: 2 ** d }, (_, mask) => Array.from({ length: d }, (_, j) => (mask >> j) & 1));
      expect(convexHullOf(cube).volume).toBeCloseTo(1, 12);
      const simplex = [new Array<number>(d).fill(0), ...Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)))];
      expect(Math.abs(convexHullOf(simplex).volume * factorial(d) - 1)).toBeLessThan(1e-12);
      const cross = Array.from({ length: 2 * d }, (_, i) => Array.from({ length: d }, (_, j) => (j === i >> 1 ? (i & 1 ? -1 : 1) : 0)));
      const hull = convexHullOf(cross);
      expect(Math.abs(hull.volume - 2 ** d / factorial(d)) / (2 ** d / factorial(d))).toBeLessThan(1e-12);
      expect(hull.vertices).toHaveLength(2 * d);
      expect(hull.facets).toHaveLength(2 ** d);
    });
  }
});
