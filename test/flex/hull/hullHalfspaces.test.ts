import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { hullHalfspaces } from '../../../src/flex/hull/hullHalfspaces.ts';
import { rng } from './helpers.ts';

describe('hullHalfspaces', () => {
  it('unit square: four outward unit normals ±e_i with offsets 1 or 0', () => {
    const sq = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const { inequalities, equalities } = hullHalfspaces(convexHullOf(sq), sq);
    expect(equalities).toEqual([]);
    const rows = inequalities.map((r) => [...r.normal.map((x) => Math.round(x * 1e12) / 1e12 + 0), Math.round(r.offset * 1e12) / 1e12 + 0]);
    expect(rows.map((r) => r.join(',')).sort()).toEqual(['-1,0,0', '0,-1,0', '0,1,1', '1,0,1']);
  });

  it('every vertex satisfies all rows with equality on its own facets', () => {
    const random = rng(4);
    const pts = Array.from({ length: 30 }, () => [random(), random(), random()]);
    const hull = convexHullOf(pts);
    const { inequalities } = hullHalfspaces(hull, pts);
    expect(inequalities).toHaveLength(hull.facets.length);
    hull.facets.forEach((f, r) => {
      const row = inequalities[r];
      expect(Math.hypot(...row.normal)).toBeCloseTo(1, 12);
      for (const i of f) expect(row.normal.reduce((s, x, j) => s + x * pts[i][j], 0)).toBeCloseTo(row.offset, 12);
      for (const p of pts) expect(row.normal.reduce((s, x, j) => s + x * p[j], 0)).toBeLessThanOrEqual(row.offset + 1e-12);
    });
  });

  it('flat triangle on x + y + z = 3: one equality with normal ±(1,1,1)/√3, three in-plane inequalities', () => {
    const tri = [[3, 0, 0], [0, 3, 0], [0, 0, 3]];
    const { inequalities, equalities } = hullHalfspaces(convexHullOf(tri), tri);
    expect(equalities).toHaveLength(1);
    const e = equalities[0];
    const s = Math.sign(e.normal[0]);
    for (const x of e.normal) expect(x * s).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(e.offset * s).toBeCloseTo(3 / Math.sqrt(3), 12);
    expect(inequalities).toHaveLength(3);
    for (const row of inequalities) expect(row.normal.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });

  it('empty hull: one infeasible row', () => {
    expect(hullHalfspaces(convexHullOf([]), [])).toEqual({ inequalities: [{ normal: [], offset: -1 }], equalities: [] });
  });

  it('mismatched points: InputError', () => {
    const sq = [[0, 0], [1, 0], [1, 1], [0, 1]];
    expect(() => hullHalfspaces(convexHullOf(sq), [[0, 0, 0]])).toThrow(InputError);
    expect(() => hullHalfspaces(convexHullOf(sq), [[0, 0]])).toThrow(/hull.vertices/);
  });
});
