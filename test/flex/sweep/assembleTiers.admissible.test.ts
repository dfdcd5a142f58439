/**
 * Tiers built from every admissible run (issue 12 items 1–3): rejected runs never enter a
 * tier, every admissible run of the sweep does (design, every search), the tiers stay nested,
 * and the inner hull is set against an outer region. On the fake study with runs marked
 * rejected after the fact; expected counts are computed here by direct loops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OuterRegion } from '../../../src/flex/outer/outerBound.ts';
import { hullContains } from '../../../src/flex/hull/hullContains.ts';
import { admissible, type EvaluatedPoint, type RejectionReason } from '../../../src/flex/search/flexEvaluation.ts';
import { assembleTiers } from '../../../src/flex/sweep/assembleTiers.ts';
import { tierBounds, type FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';
import type { SweepRun } from '../../../src/flex/sweep/runSweep.ts';
import { fakeStudy } from '../fakeStudy.ts';

const REASONS: RejectionReason[] = ['due-not-converged', 'opf-not-exact', 'opf-infeasible', 'shed', 'curtailed'];
const base = await fakeStudy([300, 1000, 3000]);

/** The fake run with point i (in allEvaluated order) rejected for `reasons[i]` when given. */
function withRejections(run: SweepRun, reasonOf: (p: EvaluatedPoint, i: number) => RejectionReason | undefined): SweepRun {
  let i = 0;
  const mark = (p: EvaluatedPoint): EvaluatedPoint => {
    const r = reasonOf(p, i++);
    return r === undefined ? p : { ...p, rejection: r, shedMw: r === 'shed' ? 0.3 : 0, opfStatus: r === 'opf-not-exact' ? 'inexact' : 'optimal' };
  };
  const design = run.design.map(mark);
  const searches = run.searches.map((s) => ({ ...s, evaluated: s.evaluated.map(mark) }));
  return { ...run, design, searches };
}

const key = (p: EvaluatedPoint) => p.x.map((v) => v.toPrecision(12)).join(',');

/** Distinct runs (by coupons) of a sweep, in design-then-search order — written independently of assembleTiers. */
function runsOf(run: SweepRun): EvaluatedPoint[] {
  const seen = new Map<string, EvaluatedPoint>();
  for (const p of [...run.design, ...run.searches.flatMap((s) => s.evaluated)]) if (!seen.has(key(p))) seen.set(key(p), p);
  return [...seen.values()];
}

describe('assembleTiers: every admissible run, no rejected run', () => {
  it('should put every admissible run of the sweep inside its tier hull (distance 1e-9 MW) and no rejected run in any point set', () => {
    // Reject every run whose CS1 load exceeds 1.2 MW ("shed") and every 7th run ("opf-not-exact").
    const run = withRejections(base.result.run, (p, i) => (p.netMw[0] > 1.2 ? 'shed' : i % 7 === 3 ? 'opf-not-exact' : undefined));
    const tiers = assembleTiers(run, [0, 1, 2]);
    const runs = runsOf(run);
    for (const t of tiers) {
      for (const p of t.hullPoints) expect(p.rejection).toBeUndefined();
      const coords = t.hullPoints.map((p) => [...p.netMw]);
      const inTier = runs.filter((p) => admissible(p, t.budgetYuan));
      for (const p of inTier) expect(hullContains(t.hull, coords, [...p.netMw], 1e-9)).toBe(true);
      // Every direction's boundary point is an admissible run too.
      for (const p of t.directionPoints) expect(admissible(p, t.budgetYuan)).toBe(true);
    }
    // The shed rule removed points: the top tier's CS1 range stops at 1.2 MW.
    expect(tiers[2].rangeMw[0].max).toBeLessThanOrEqual(1.2);
    expect(tiers[2].rejected.shed).toBeGreaterThan(0);
  });

  it('should count admissible points and rejected runs by reason so that they add up to the distinct runs of the sweep', () => {
    const run = withRejections(base.result.run, (_p, i) => (i % 5 === 0 ? REASONS[(i / 5) % REASONS.length] : undefined));
    const tiers = assembleTiers(run, [0, 1, 2]);
    const runs = runsOf(run);
    for (const t of tiers) {
      const expected: Record<string, number> = Object.fromEntries([...REASONS, 'over-budget'].map((r) => [r, 0]));
      let served = 0;
      for (const p of runs) {
        if (p.rejection !== undefined) expected[p.rejection]++;
        else if (p.subsidyYuan > t.budgetYuan) expected['over-budget']++;
        else served++;
      }
      expect(t.rejected).toEqual(expected);
      // Distinct load vectors among the served runs (the fake's loads differ unless the coupons are equal).
      const distinctLoads = new Set(runs.filter((p) => admissible(p, t.budgetYuan)).map((p) => p.netMw.map((v) => v.toFixed(12)).join(','))).size;
      expect(t.admissiblePoints).toBe(distinctLoads);
      expect(t.admissiblePoints).toBeLessThanOrEqual(served);
    }
  });

  it('should keep tiers nested with non-decreasing inner volumes for any set of rejected runs (property, 8 cases)', () => {
    const n = runsOf(base.result.run).length;
    fc.assert(fc.property(fc.array(fc.boolean(), { minLength: n + 200, maxLength: n + 200 }), (mask) => {
      const run = withRejections(base.result.run, (_p, i) => (mask[i] ? 'shed' : undefined));
      const tiers = assembleTiers(run, [0, 1, 2]);
      for (let k = 1; k < tiers.length; k++) {
        const [small, large] = [tiers[k - 1], tiers[k]];
        expect(large.innerVolume).toBeGreaterThanOrEqual(small.innerVolume);
        expect(large.admissiblePoints).toBeGreaterThanOrEqual(small.admissiblePoints);
        for (const p of small.hullPoints) expect(large.hullPoints).toContain(p);
      }
    }), { numRuns: 8 });
  });

  it('should leave a tier empty, without direction points, when every run is rejected', () => {
    const run = withRejections(base.result.run, () => 'due-not-converged');
    const tiers = assembleTiers(run, [0, 1, 2]);
    for (const t of tiers) {
      expect(t.admissiblePoints).toBe(0);
      expect(t.directionPoints).toEqual([]);
      expect(t.innerVolume).toBe(0);
      expect(t.rejected['due-not-converged']).toBe(runsOf(run).length);
    }
  });
});

/** An axis-aligned box as an outer region (volume = product of the sides). */
function box(lo: number[], hi: number[]): OuterRegion {
  return {
    volume: lo.reduce((v, l, i) => v * (hi[i] - l), 1),
    affineRank: lo.length,
    halfspaces: lo.flatMap((l, i) => [
      { normal: lo.map((_, j) => (j === i ? 1 : 0)), offsetMw: hi[i] },
      { normal: lo.map((_, j) => (j === i ? -1 : 0)), offsetMw: -l },
    ]),
    vertices: [],
    contains: (p, tol) => p.every((v, i) => v >= lo[i] - tol && v <= hi[i] + tol),
  };
}

describe('tierBounds: inner against outer', () => {
  const result = base.result;
  it('should give null outer figures without an outer bound', () => {
    expect(tierBounds(result, result.tiers[0])).toEqual({ innerVolume: result.tiers[0].innerVolume, outerVolume: null, volumeRatio: null, outsideOuter: null });
  });
  it('should give ratio = inner / outer and 0 points outside a box around every point (ratio to 1e-12)', () => {
    const all = result.tiers[2].hullPoints;
    const lo = [0, 1, 2].map((i) => Math.min(...all.map((p) => p.netMw[i])) - 0.5);
    const hi = [0, 1, 2].map((i) => Math.max(...all.map((p) => p.netMw[i])) + 0.5);
    const withOuter: FlexModelResult = { ...result, outer: box(lo, hi) };
    for (const t of result.tiers) {
      const b = tierBounds(withOuter, t);
      const boxVolume = (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);
      expect(b.outerVolume).toBeCloseTo(boxVolume, 12);
      expect(b.volumeRatio).toBeCloseTo(t.hull.volume / boxVolume, 12);
      expect(b.volumeRatio!).toBeLessThan(1);
      expect(b.outsideOuter).toBe(0);
    }
  });
  it('should count the admissible points a too-small outer region misses (by more than 1e-6 MW)', () => {
    const t = result.tiers[2];
    const cut = 1.0; // CS1 ≤ 1 MW
    const outside = t.hullPoints.filter((p) => p.netMw[0] > cut + 1e-6).length;
    expect(outside).toBeGreaterThan(0);
    const withOuter: FlexModelResult = { ...result, outer: box([-10, -10, -10], [cut, 10, 10]) };
    expect(tierBounds(withOuter, t).outsideOuter).toBe(outside);
  });
});
