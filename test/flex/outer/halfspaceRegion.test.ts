import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { halfspaceRegion, type RegionHalfspace } from '../../../src/flex/outer/halfspaceRegion.ts';

/** The 2n rows of the box Π [lo_i, hi_i]. */
function boxRows(lo: readonly number[], hi: readonly number[]): RegionHalfspace[] {
  const n = lo.length;
  const rows: RegionHalfspace[] = [];
  for (let i = 0; i < n; i++) {
    const e = new Array<number>(n).fill(0);
    e[i] = 1;
    rows.push({ normal: e, offsetMw: hi[i] });
    rows.push({ normal: e.map((x) => -x), offsetMw: -lo[i] });
  }
  return rows;
}

describe('halfspaceRegion', () => {
  it('should give the volume of a box exactly (1e-12 relative) and its 2^n vertices, n = 1…6 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
            fc.array(fc.double({ min: 0.1, max: 4, noNaN: true }), { minLength: n, maxLength: n }),
          ),
        ),
        ([lo, width]) => {
          const hi = lo.map((l, i) => l + width[i]);
          const mid = lo.map((l, i) => (l + hi[i]) / 2);
          const r = halfspaceRegion(boxRows(lo, hi), [mid]);
          const exact = width.reduce((a, w) => a * w, 1);
          if (lo.length === 1) expect(r.vertices).toHaveLength(2);
          else {
            expect(r.volume).toBeCloseTo(exact, 10);
            expect(Math.abs(r.volume - exact) / exact).toBeLessThan(1e-12);
            expect(r.vertices).toHaveLength(2 ** lo.length);
          }
          expect(r.affineRank).toBe(lo.length);
        },
      ),
      { numRuns: 40, seed: 3 },
    );
  });

  it('should give the unit cube cut by x+y+z ≤ s the volume 1 − (3 − s)³/6, s ∈ [2, 3] (1e-12)', () => {
    for (const s of [2, 2.25, 2.5, 2.9]) {
      const rows = [...boxRows([0, 0, 0], [1, 1, 1]), { normal: [1, 1, 1].map((x) => x / Math.sqrt(3)), offsetMw: s / Math.sqrt(3) }];
      const r = halfspaceRegion(rows, [[0.4, 0.4, 0.4]]);
      expect(Math.abs(r.volume - (1 - (3 - s) ** 3 / 6))).toBeLessThan(1e-12);
    }
  });

  it('should give the corner simplex x, y, z ≥ 0, x+y+z ≤ 1 the volume 1/6, ignoring a redundant row (1e-12)', () => {
    const rows: RegionHalfspace[] = [
      { normal: [-1, 0, 0], offsetMw: 0 }, { normal: [0, -1, 0], offsetMw: 0 }, { normal: [0, 0, -1], offsetMw: 0 },
      { normal: [1, 1, 1].map((x) => x / Math.sqrt(3)), offsetMw: 1 / Math.sqrt(3) },
      { normal: [1, 0, 0], offsetMw: 5 },
    ];
    const r = halfspaceRegion(rows, [[0.2, 0.2, 0.2]]);
    expect(Math.abs(r.volume - 1 / 6)).toBeLessThan(1e-12);
    expect(r.vertices).toHaveLength(4);
  });

  it('should contain boundary points within the tolerance and reject points just outside (1e-9 MW)', () => {
    const r = halfspaceRegion(boxRows([0, 0], [2, 1]), [[1, 0.5]]);
    expect(r.contains([2, 1], 1e-9)).toBe(true);
    expect(r.contains([2 + 5e-10, 0.5], 1e-9)).toBe(true);
    expect(r.contains([2 + 2e-9, 0.5], 1e-9)).toBe(false);
    expect(r.contains([-1e-6, 0.5], 1e-9)).toBe(false);
  });

  it('should report a flat region (zero width along one axis) with volume 0 and its lower rank', () => {
    const r = halfspaceRegion(boxRows([0, 1], [2, 1]), [[0, 1], [2, 1]]);
    expect(r.volume).toBe(0);
    expect(r.affineRank).toBe(1);
    expect(r.contains([1, 1], 1e-9)).toBe(true);
  });
});

describe('halfspaceRegion with near-duplicate rows', () => {
  it('should keep the box volume exact (1e-12) when axis rows reappear with subnormal perturbations and tiny offset changes', () => {
    const rows = boxRows([-1.6, -1.6, -1.6], [3.6, 1.3, 2.0]);
    rows.push({ normal: [1, -3.5e-323, -1.1e-163], offsetMw: 3.6 }, { normal: [7e-323, -1, 3.5e-323], offsetMw: 1.6 });
    rows.push({ normal: [3e-323, 6e-116, 1], offsetMw: 2.0 + 4e-14 }, { normal: [-8.8e-275, 1, -5e-324], offsetMw: 1.3 + 2e-14 });
    const r = halfspaceRegion(rows, [[0, 0, 0]]);
    expect(Math.abs(r.volume - 5.2 * 2.9 * 3.6)).toBeLessThan(1e-12 * 60);
    expect(r.vertices).toHaveLength(8);
  });
});

describe('halfspaceRegion on random polytopes', () => {
  /** Every feasible intersection of n rows (brute force), hulled by quickhull: an independent volume. */
  function bruteVolume(rows: RegionHalfspace[], n: number): number {
    const pts: number[][] = [];
    const pick: number[] = [];
    const solve = (idx: number[]): number[] | undefined => {
      const a = idx.map((k) => [...rows[k].normal]);
      const b = idx.map((k) => rows[k].offsetMw);
      for (let c = 0; c < n; c++) {
        let p = c;
        for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
        if (Math.abs(a[p][c]) < 1e-9) return undefined;
        [a[c], a[p]] = [a[p], a[c]];
        [b[c], b[p]] = [b[p], b[c]];
        for (let r = 0; r < n; r++) {
          if (r === c) continue;
          const f = a[r][c] / a[c][c];
          for (let j = 0; j < n; j++) a[r][j] -= f * a[c][j];
          b[r] -= f * b[c];
        }
      }
      return b.map((x, i) => x / a[i][i]);
    };
    const rec = (start: number): void => {
      if (pick.length === n) {
        const v = solve(pick);
        if (v && rows.every((h) => h.normal.reduce((s, x, i) => s + x * v[i], 0) <= h.offsetMw + 1e-9)) pts.push(v);
        return;
      }
      for (let k = start; k < rows.length; k++) {
        pick.push(k);
        rec(k + 1);
        pick.pop();
      }
    };
    rec(0);
    return convexHullOf(pts).volume;
  }

  it('should match the hull of the brute-force vertices (1e-9 relative) for random cut boxes in 3 and 4 dimensions (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 4 }).chain((n) =>
          fc.array(fc.tuple(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n }), fc.double({ min: 0.3, max: 1.2, noNaN: true })), { minLength: 1, maxLength: 8 }).map((cuts) => ({ n, cuts })),
        ),
        ({ n, cuts }) => {
          const rows = boxRows(new Array(n).fill(-1), new Array(n).fill(1));
          for (const [a, b] of cuts) {
            const norm = Math.hypot(...a);
            if (norm > 0) rows.push({ normal: a.map((x) => x / norm), offsetMw: b });
          }
          const r = halfspaceRegion(rows, [new Array(n).fill(0)]);
          const brute = bruteVolume(rows, n);
          expect(Math.abs(r.volume - brute)).toBeLessThanOrEqual(1e-9 * brute);
        },
      ),
      { numRuns: 25, seed: 8 },
    );
  });
});
