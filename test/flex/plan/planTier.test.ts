import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meetsNeed, needLoadMw, parseGridNeed, parseGridNeeds } from '../../../src/flex/plan/gridNeed.ts';
import { planTier } from '../../../src/flex/plan/planTier.ts';
import { solveBoxLp } from '../../../src/flex/plan/boxLp.ts';
import { fitLinearResponses } from '../../../src/flex/plan/responseModel.ts';
import { InputError } from '../../../src/common/errors.ts';
import { expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { fakeStudy } from '../fakeStudy.ts';

const stations = [
  { id: 'CS1', bus: 22 },
  { id: 'CS2', bus: 16 },
  { id: 'CS3', bus: 30 },
  { id: 'CS4', bus: 30 },
] as never;

import { compassSearch } from './compassSearch.ts';

describe('parseGridNeed(s)', () => {
  it('should read caps and floors by station id or bus (a bus sums its stations)', () => {
    expect(parseGridNeed('CS1<=0.2', { stations })).toMatchObject({ station: 0, stations: [0], bus: 22, op: '<=', limitMw: 0.2 });
    expect(parseGridNeed('bus16 >= -0.5', { stations })).toMatchObject({ station: 1, stationId: 'CS2', op: '>=', limitMw: -0.5 });
    const bus30 = parseGridNeed('bus30<=-0.3', { stations });
    expect(bus30.stations).toEqual([2, 3]);
    expect(needLoadMw(bus30, [9, 9, -0.1, -0.25])).toBeCloseTo(-0.35, 12);
    expect(meetsNeed(bus30, [9, 9, -0.1, -0.25])).toBe(true);
  });
  it('should reject bad syntax, unknown stations and buses without a station, naming --need and the value', () => {
    for (const bad of ['CS3=1', 'CS3<=', '<=1', 'CS3<=1..2', 'CS3<=abc']) {
      expect(() => parseGridNeed(bad, { stations })).toThrow(InputError);
      expect(() => parseGridNeed(bad, { stations })).toThrow(/--need/);
    }
    expect(() => parseGridNeed('CS9<=1', { stations })).toThrow(/"CS9" is not a station/);
    expect(() => parseGridNeed('bus5<=1', { stations })).toThrow(/no station at bus 5/);
  });
  it('should reject contradictory needs on the same stations and accept compatible ones', () => {
    expect(() => parseGridNeeds(['CS3<=0.1', 'CS3>=0.5'], { stations })).toThrow(/contradictory/);
    expect(() => parseGridNeeds(['bus30>=0.5', 'bus30<=0.1'], { stations })).toThrow(/--need.*bus30>=0.5 and bus30<=0.1|contradictory/);
    expect(parseGridNeeds(['CS3<=0.5', 'CS3>=0.1', 'CS1<=-1'], { stations })).toHaveLength(3);
  });
});

describe('solveBoxLp', () => {
  /** Reference: enumerate every vertex of the 2-D polygon (pairs of active constraints). */
  function vertexMin(c: number[], rows: number[][], b: number[], lo: number[], hi: number[]): number | undefined {
    const all = [...rows.map((r, i) => ({ a: r, r: b[i] })), { a: [1, 0], r: hi[0] }, { a: [-1, 0], r: -lo[0] }, { a: [0, 1], r: hi[1] }, { a: [0, -1], r: -lo[1] }];
    let best: number | undefined;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [p, q] = [all[i], all[j]];
        const det = p.a[0] * q.a[1] - p.a[1] * q.a[0];
        if (Math.abs(det) < 1e-9) continue;
        const x = [(p.r * q.a[1] - p.a[1] * q.r) / det, (p.a[0] * q.r - p.r * q.a[0]) / det];
        if (all.every((k) => k.a[0] * x[0] + k.a[1] * x[1] <= k.r + 1e-7)) {
          const v = c[0] * x[0] + c[1] * x[1];
          if (best === undefined || v < best) best = v;
        }
      }
    }
    return best;
  }
  it('matches vertex enumeration on random 2-D LPs (1e-6)', () => {
    const num = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(fc.property(fc.array(num, { minLength: 2, maxLength: 2 }), fc.array(fc.array(num, { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 3 }), (c, rowsB) => {
      const rows = rowsB.map((r) => [r[0], r[1]]);
      // a row with (near-)zero coefficients is a tolerance question, not an LP one
      fc.pre(rows.every((r) => Math.abs(r[0]) + Math.abs(r[1]) > 1e-3));
      const b = rowsB.map((r) => r[2]);
      const lo = [0, -1];
      const hi = [2, 1];
      const ref = vertexMin(c, rows, b, lo, hi);
      const lp = solveBoxLp(c, rows, b, lo, hi);
      if (ref === undefined) {
        expect(lp.status).toBe('infeasible');
      } else {
        expect(lp.status).toBe('optimal');
        if (lp.status === 'optimal') {
          expect(lp.objective).toBeCloseTo(ref, 6);
          rows.forEach((r, i) => expect(r[0] * lp.x[0] + r[1] * lp.x[1]).toBeLessThanOrEqual(b[i] + 1e-7));
        }
      }
    }), { numRuns: 300 });
  });
});

describe('fitLinearResponses', () => {
  it('recovers an exactly linear response from scattered points (1e-4)', () => {
    const pts = Array.from({ length: 30 }, (_, i) => [((i * 7) % 11) / 10, ((i * 5) % 13) / 12, ((i * 3) % 7) / 6]);
    const y = pts.map((z) => 0.4 - 0.3 * z[0] + 0.2 * z[1] + 0.05 * z[2]);
    const [fit] = fitLinearResponses(pts, [y], [0.5, 0.5, 0.5], 10, 1e-9);
    expect(fit.value).toBeCloseTo(0.4 - 0.15 + 0.1 + 0.025, 4);
    expect([...fit.gradient].map((g) => +g.toFixed(4))).toEqual([-0.3, 0.2, 0.05]);
  });
});

describe('planTier', () => {
  it('should choose the cheapest tier holding a verified plan for a cap, re-simulated, and report its hulls', async () => {
    const { result, fake, window } = await fakeStudy([300, 1000, 3000]);
    const min = result.tiers.map((t) => t.rangeMw[2].min);
    const limit = (min[0] + min[1]) / 2; // tier 300's hull does not reach it
    const need = parseGridNeed(`CS3<=${limit}`, { stations });
    const plan = await planTier(result, need, fake.evaluate);
    expect(plan.point).toBeDefined();
    expect(plan.subsidyYuan).toBe(plan.point!.subsidyYuan);
    expect(meetsNeed(need, plan.point!.netMw)).toBe(true);
    expect(plan.loads[0].met).toBe(true);
    // the tier is the cheapest budget covering the subsidy (fake: the hull of every covering tier holds it or not, as reported)
    const covering = result.tiers.filter((t) => t.budgetYuan >= plan.subsidyYuan!).map((t) => t.budgetYuan);
    expect(covering).toContain(plan.tierYuan);
    expect(plan.tierYuan).toBe(plan.tiers.find((t) => t.budgetYuan >= plan.subsidyYuan! && t.containsPoint)?.budgetYuan ?? covering[0]);
    expect(plan.inSmallerTierHulls.every((b) => b < plan.tierYuan!)).toBe(true);
    // Reproducible: its coupons give its loads again.
    const again = await fake.evaluate(expandCoupons(window, plan.point!.x));
    again.netMw.forEach((v, i) => expect(v).toBeCloseTo(plan.point!.netMw[i], 12));
    expect(again.subsidyYuan).toBeCloseTo(plan.subsidyYuan!, 9);
    expect(plan.runs).toBe(plan.shrinkRuns + plan.modelRuns + plan.polishRuns);
    expect(plan.summary).toMatch(new RegExp(`tier ${plan.tierYuan} ¥`));
  });

  it('is not beaten by an independent 50-run compass search on the fake response (1 % or 1 ¥)', async () => {
    const { result, fake, window } = await fakeStudy([300, 1000, 3000]);
    for (const text of ['CS3<=0.75', 'CS1>=1.3', 'CS2<=0.6']) {
      const need = parseGridNeed(text, { stations });
      const plan = await planTier(result, need, fake.evaluate);
      const rival = await compassSearch(fake.evaluate, window, (p) => Math.max(0, need.op === '<=' ? p[need.station] - need.limitMw : need.limitMw - p[need.station]), 50);
      expect(plan.point, text).toBeDefined();
      if (rival) expect(plan.subsidyYuan!, text).toBeLessThanOrEqual(Math.max(rival.subsidyYuan * 1.01, rival.subsidyYuan + 1));
    }
  });

  it('meets several needs at once, each verified', async () => {
    const { result, fake } = await fakeStudy([300, 1000, 3000]);
    const needs = parseGridNeeds(['CS3<=0.8', 'CS1>=1.05'], { stations });
    const plan = await planTier(result, needs, fake.evaluate);
    expect(plan.point).toBeDefined();
    expect(plan.loads.map((l) => l.met)).toEqual([true, true]);
    for (const n of needs) expect(meetsNeed(n, plan.point!.netMw)).toBe(true);
  });

  it('should say so when no admissible book meets the need', async () => {
    const { result } = await fakeStudy([300]);
    const plan = await planTier(result, parseGridNeed('CS3<=-100', { stations }));
    expect(plan.tierYuan).toBeUndefined();
    expect(plan.point).toBeUndefined();
    expect(plan.summary).toMatch(/no admissible coupon book found meets it within 300 ¥/);
  });
});
