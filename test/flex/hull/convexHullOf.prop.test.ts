import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { hullContains } from '../../../src/flex/hull/hullContains.ts';
import { monotoneChainArea, monotoneChainCorners, randomFrame3, rng, shuffled } from './helpers.ts';

// Dyadic coordinates (k/4) are exact in binary, so translations by dyadic shifts are
// exact too, and they make duplicates, collinear and coplanar subsets common.
const dyadic = fc.integer({ min: -40, max: 40 }).map((k) => k / 4);
// Rounded doubles avoid subnormals, whose "geometry" is all rounding.
const real = fc.double({ min: -10, max: 10, noNaN: true }).map((x) => Math.round(x * 1e6) / 1e6);

function cloud(n: number, coord: fc.Arbitrary<number>) {
  return fc.array(fc.array(coord, { minLength: n, maxLength: n }), { minLength: 1, maxLength: n >= 4 ? 10 : 18 });
}

function close(a: number, b: number, rel: number, abs: number): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

/**
 * Absolute slack of a volume comparison: 1e-12, or for a hull thinner than its flat tolerance
 * (a point within `flatTolerance` of a facet's plane counts as on it, documented) flatTolerance ×
 * a bound on the surface, 2n · extentⁿ⁻¹: which near-coplanar points stay vertices then depends on
 * the order of the input, and the volume may move by up to that much.
 */
function volumeSlack(pts: readonly (readonly number[])[], hull: ReturnType<typeof convexHullOf>, n: number): { slack: number; thin: boolean } {
  const extent = Math.max(0, ...Array.from({ length: n }, (_, j) => Math.max(...pts.map((p) => p[j])) - Math.min(...pts.map((p) => p[j]))));
  const surfaceBound = 2 * n * extent ** (n - 1);
  const flatTolerance = hull.flatTolerance ?? 0;
  const thin = hull.affineRank === n && hull.volume <= flatTolerance * surfaceBound;
  return { slack: thin ? flatTolerance * surfaceBound : 1e-12, thin };
}

const RUNS = { numRuns: 50 };
// n = 5 is the slowest case; fewer runs keep it fast.
const runsFor = (n: number) => (n === 5 ? { numRuns: 20 } : RUNS);

describe('convexHullOf (properties)', () => {
  for (const n of [2, 3, 4, 5]) {
    describe(`n = ${n}`, () => {
      it('every input point is inside or on the hull', () => {
        fc.assert(fc.property(cloud(n, fc.oneof(dyadic, real)), (pts) => {
          const hull = convexHullOf(pts);
          return pts.every((p) => hullContains(hull, pts, p));
        }), runsFor(n));
      });

      it('volume, measure and affine rank are invariant under permutation of the points (rel 1e-9; thin hulls: volumeSlack)', () => {
        fc.assert(fc.property(cloud(n, fc.oneof(dyadic, real)), fc.integer(), (pts, seed) => {
          const a = convexHullOf(pts);
          const b = convexHullOf(shuffled(pts, rng(seed)));
          const { slack } = volumeSlack(pts, a, n);
          return a.affineRank === b.affineRank && close(a.volume, b.volume, 1e-9, slack) && close(a.measure, b.measure, 1e-9, slack);
        }), runsFor(n));
      });

      it('volume is invariant under translation (exact dyadic shifts, rel 1e-9)', () => {
        const shift = fc.array(fc.integer({ min: -400, max: 400 }).map((k) => k / 4), { minLength: n, maxLength: n });
        fc.assert(fc.property(cloud(n, dyadic), shift, (pts, s) => {
          const a = convexHullOf(pts);
          const b = convexHullOf(pts.map((p) => p.map((x, j) => x + s[j])));
          return a.affineRank === b.affineRank && close(a.volume, b.volume, 1e-9, 1e-12) && close(a.measure, b.measure, 1e-9, 1e-12);
        }), runsFor(n));
      });

      it("the hull of the hull's vertices has the same volume and rank (rel 1e-9; a hull thinner than its flat tolerance: within flatTolerance × 2n·extentⁿ⁻¹)", () => {
        fc.assert(fc.property(cloud(n, fc.oneof(dyadic, real)), (pts) => {
          const a = convexHullOf(pts);
          const b = convexHullOf(a.vertices.map((i) => pts[i]));
          // a thin hull (e.g. five points 1e-6 off a plane, extent 11): see volumeSlack
          const { slack, thin } = volumeSlack(pts, a, n);
          // Same vertex count too, except for flat sets of rank ≥ 3: their projected
          // coordinates are rounded, and a point on an edge may stay listed (documented).
          const sameCount = b.vertices.length === a.vertices.length || (a.affineRank >= 3 && a.affineRank < n) || thin;
          return a.affineRank === b.affineRank && close(a.volume, b.volume, 1e-9, slack) && close(a.measure, b.measure, 1e-9, slack) && sameCount;
        }), runsFor(n));
      });
    });
  }

  it('2-D: volume equals the area of an independent monotone-chain hull (rel 1e-9)', () => {
    fc.assert(fc.property(cloud(2, fc.oneof(dyadic, real)), (pts) => {
      const hull = convexHullOf(pts);
      const expected = monotoneChainArea(pts);
      return close(hull.volume, expected, 1e-9, 1e-12);
    }), RUNS);
  });

  it('2-D: the vertices are the corners of an independent monotone-chain hull, without collinear edge points', () => {
    const key = (p: readonly number[]) => `${p[0]},${p[1]}`;
    const sameCorners = (pts: number[][]): boolean => {
      const hull = convexHullOf(pts);
      if (hull.affineRank < 2) return true;
      const ours = new Set(hull.vertices.map((i) => key(pts[i])));
      const reference = new Set(monotoneChainCorners(pts).map(key));
      return hull.vertices.length === reference.size && [...reference].every((k) => ours.has(k));
    };
    // A cloud where the incremental hull keeps (3, 1), inserted early, although it ends up between (2, 0) and (4, 2).
    expect(sameCorners([[4, 3], [0, 0], [3, 2], [1, 4], [3, 1], [0, 3], [4, 4], [4, 2], [3, 1], [1, 4], [3, 2], [2, 0], [1, 3], [2, 4]])).toBe(true);
    fc.assert(fc.property(cloud(2, dyadic), sameCorners), { numRuns: 300 });
  });

  it('planar sets in 3-D: rank ≤ 2, volume 0, area = independent 2-D hull area (rel 1e-8)', () => {
    fc.assert(fc.property(cloud(2, real), fc.integer(), (flat, seed) => {
      const random = rng(seed);
      const [e1, e2] = randomFrame3(random);
      const o = [10 * random(), 10 * random(), 10 * random()];
      const pts = flat.map(([u, v]) => o.map((x, j) => x + u * e1[j] + v * e2[j]));
      const hull = convexHullOf(pts);
      const expected = monotoneChainArea(flat);
      expect(hull.affineRank).toBeLessThanOrEqual(2);
      expect(hull.volume).toBe(0);
      if (hull.affineRank === 2) expect(close(hull.area!, expected, 1e-8, 1e-9)).toBe(true);
      // Every point of the plane set is on the flat hull.
      expect(pts.every((p) => hullContains(hull, pts, p))).toBe(true);
    }), RUNS);
  });
});
