import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultDirectionBudget, MAX_ADAPTIVE_AXES, ORTHANT_DIAGONAL_AXES, refinementDirections, startingDirections,
} from '../../../src/flex/directions/adaptiveDirections.ts';
import { InputError } from '../../../src/common/errors.ts';

const norm = (a: readonly number[]) => Math.hypot(...a);

describe('startingDirections', () => {
  it('should give ±axes, then every orthant diagonal for n ≤ 3 (2n + 2^n) and ±(1,…,1)/√n beyond (2n + 2); 2 for n = 1', () => {
    expect(startingDirections(1)).toEqual([[1], [-1]]);
    for (let n = 2; n <= MAX_ADAPTIVE_AXES; n++) {
      const d = startingDirections(n);
      expect(d.length).toBe(n <= ORTHANT_DIAGONAL_AXES ? 2 * n + 2 ** n : 2 * n + 2);
      for (const a of d) expect(norm(a)).toBeCloseTo(1, 12);
      expect(d[2 * n]).toEqual(new Array(n).fill(1 / Math.sqrt(n)));
      expect(d).toContainEqual(new Array(n).fill(-1 / Math.sqrt(n)));
      // no direction twice
      expect(new Set(d.map((a) => a.map((v) => v.toFixed(9)).join(','))).size).toBe(d.length);
    }
    // n = 3: one diagonal per octant (the 8 sign patterns, hand enumeration)
    const signs = startingDirections(3).slice(6).map((a) => a.map((v) => Math.sign(v)).join(''));
    expect([...signs].sort()).toEqual(['-1-1-1', '-1-11', '-11-1', '-111', '1-1-1', '1-11', '11-1', '111']);
    expect(defaultDirectionBudget(5)).toBe(40);
    expect(defaultDirectionBudget(1)).toBe(8);
    expect(defaultDirectionBudget(3)).toBe(24);
  });
  it('should refuse more axes than the method handles', () => {
    expect(() => startingDirections(MAX_ADAPTIVE_AXES + 1)).toThrow(InputError);
    expect(() => startingDirections(0)).toThrow(/integer in \[1, 8\]/);
  });
});

describe('refinementDirections', () => {
  // Diamond |x| + |y| ≤ 1 inside the square [−1, 1]²: h_out(u) = |u1| + |u2|. Facet normals (±1, ±1)/√2 with
  // h_in = 1/√2 and h_out = √2, so every diagonal has the gap √2 − 1/√2 = 0.70711 MW (hand computation).
  const diamond = [[1, 0], [0, 1], [-1, 0], [0, -1]];
  const square = (u: readonly number[]) => Math.abs(u[0]) + Math.abs(u[1]);
  it('should return the facet normals with their inner–outer gap (to 1e-9 MW) and gap × facet length × sin(angle to the nearest searched) as score, as directions to minimize', () => {
    const axes = [[1, 0], [-1, 0], [0, 1], [0, -1]];
    const c = refinementDirections(diamond, { count: 10, searched: axes, outerSupport: square });
    expect(c.length).toBe(4);
    for (const k of c) {
      expect(Math.abs(k.outerSupportMw! - k.innerSupportMw - (Math.SQRT2 - Math.SQRT1_2))).toBeLessThan(1e-9);
      // each diamond edge is √2 long and its normal 45° from the searched axes:
      // score = 0.70711 × 1.41421 × sin 45° = 0.70711 MW² (hand computation)
      expect(Math.abs(k.score - Math.SQRT1_2)).toBeLessThan(1e-9);
      expect(Math.abs(k.innerSupportMw - Math.SQRT1_2)).toBeLessThan(1e-9);
      expect(Math.abs(Math.abs(k.direction[0]) - Math.SQRT1_2)).toBeLessThan(1e-9);
      expect(Math.abs(Math.abs(k.direction[1]) - Math.SQRT1_2)).toBeLessThan(1e-9);
      // a = −u: minimizing aᵀP pushes the facet outward, so the current best along a is −h_in.
      expect(Math.min(...diamond.map((p) => k.direction[0] * p[0] + k.direction[1] * p[1]))).toBeCloseTo(-k.innerSupportMw, 12);
    }
    // Deterministic order: ties broken by the coordinates.
    expect(c.map((k) => k.direction.map((v) => Math.sign(v)))).toEqual([[-1, -1], [-1, 1], [1, -1], [1, 1]]);
  });
  it('should rank by the gap, skip searched directions and closed gaps, and respect the count', () => {
    // Outer = the diamond itself except in the first quadrant: only u = (1, 1)/√2 has a gap.
    const outer = (u: readonly number[]) => (u[0] > 0.5 && u[1] > 0.5 ? 2 : Math.max(...diamond.map((p) => u[0] * p[0] + u[1] * p[1])));
    const c = refinementDirections(diamond, { count: 3, searched: [], outerSupport: outer });
    expect(c.length).toBe(1);
    expect(c[0].direction[0]).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(refinementDirections(diamond, { count: 3, searched: [[-1, -1]], outerSupport: outer })).toEqual([]);
    expect(refinementDirections(diamond, { count: 2, searched: [], outerSupport: square }).length).toBe(2);
  });
  it('should rank a long facet with a small gap before a short facet with a larger gap (slab volume, to 1e-9)', () => {
    // Rectangle 4 × 1 inside the outer box [0, 4] × [−0.2, 1.5]: the long top facet (length 4) has the gap 0.5, the
    // long bottom facet 0.2, the short sides (length 1) the gap 0.3 (outer [−0.3, 4.3]). Slab volumes 2, 0.8, 0.3, 0.3.
    const rect = [[0, 0], [4, 0], [4, 1], [0, 1]];
    const box = (u: readonly number[]) => Math.max(u[0] * -0.3, u[0] * 4.3) + Math.max(u[1] * -0.2, u[1] * 1.5);
    const c = refinementDirections(rect, { count: 4, searched: [], outerSupport: box });
    expect(c.map((k) => k.score.toFixed(9))).toEqual(['2.000000000', '0.800000000', '0.300000000', '0.300000000']);
    expect(c[0].direction[1]).toBeCloseTo(-1, 12); // a = −u: minimize −y, i.e. push the top facet up
  });
  it('should weigh the slab volume by the sine of the angle to the nearest searched direction (to 1e-9)', () => {
    // Square [0, 1]² inside the box [−1, 2]²: every facet has gap 1 and length 1. Searched: a = (−1, −0.2)/‖·‖, 11.3° from
    // the right facet's a = (−1, 0): sin 11.31° = 0.19612; the left facet's a = (1, 0) is 168.7° away (> 90°: 1); the top and
    // bottom facets' a = (0, ∓1) are 78.7° and 101.3° away: sin 78.69° = 0.98058, and 1. (Hand computation.)
    const square = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const box = (u: readonly number[]) => Math.max(-u[0], 2 * u[0]) + Math.max(-u[1], 2 * u[1]);
    const c = refinementDirections(square, { count: 4, searched: [[-1, -0.2]], outerSupport: box });
    const byDirection = new Map(c.map((k) => [k.direction.map((v) => Math.round(v)).join(','), k.score]));
    expect(byDirection.get('-1,0')).toBeCloseTo(0.2 / Math.hypot(1, 0.2), 9);
    expect(byDirection.get('1,0')).toBeCloseTo(1, 9);
    expect(byDirection.get('0,-1')).toBeCloseTo(1 / Math.hypot(1, 0.2), 9);
    expect(byDirection.get('0,1')).toBeCloseTo(1, 9);
  });
  it('should rank by facet size without an outer bound, and open a flat hull first', () => {
    // Rectangle 4 × 1: the long facets (length 4) come before the short ones (length 1).
    const rect = [[0, 0], [4, 0], [4, 1], [0, 1]];
    const c = refinementDirections(rect, { count: 4, searched: [] });
    expect(c.map((k) => k.score)).toEqual([4, 4, 1, 1]);
    expect(Math.abs(c[0].direction[1])).toBeCloseTo(1, 12);
    // A segment in the plane: both normals of its line first (score ∞).
    const flat = refinementDirections([[0, 0], [1, 1]], { count: 4, searched: [] });
    expect(flat[0].score).toBe(Number.POSITIVE_INFINITY);
    expect(Math.abs(flat[0].direction[0] + flat[0].direction[1])).toBeLessThan(1e-9);
  });
  it('should never return a direction within the minimum angle of a searched or another returned one (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 5, maxLength: 30 }),
      fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { maxLength: 6 }),
      (points, searchedRaw) => {
        const searched = searchedRaw.filter((a) => norm(a) > 1e-3);
        const c = refinementDirections(points, { count: 6, searched, minAngleDeg: 5 });
        const cos5 = Math.cos((5 * Math.PI) / 180);
        const cos = (a: readonly number[], b: readonly number[]) => (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (norm(a) * norm(b));
        expect(c.length).toBeLessThanOrEqual(6);
        for (let i = 0; i < c.length; i++) {
          expect(norm(c[i].direction)).toBeCloseTo(1, 9);
          for (const a of searched) expect(cos(a, c[i].direction)).toBeLessThan(cos5);
          for (let j = 0; j < i; j++) expect(cos(c[j].direction, c[i].direction)).toBeLessThan(cos5);
        }
      },
    ), { numRuns: 60 });
  });
});
