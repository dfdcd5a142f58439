import { describe, expect, it } from 'vitest';
import { meetsNeed, parseGridNeed } from '../../../src/flex/plan/gridNeed.ts';
import { planTier } from '../../../src/flex/plan/planTier.ts';
import { InputError } from '../../../src/common/errors.ts';
import { expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { fakeStudy } from '../fakeStudy.ts';

const stations = [
  { id: 'CS1', bus: 22 },
  { id: 'CS2', bus: 16 },
  { id: 'CS3', bus: 30 },
] as never;

describe('parseGridNeed', () => {
  it('should read caps and floors by station id or bus', () => {
    expect(parseGridNeed('CS3<=0.2', { stations })).toMatchObject({ station: 2, bus: 30, op: '<=', limitMw: 0.2 });
    expect(parseGridNeed('bus16 >= -0.5', { stations })).toMatchObject({ station: 1, stationId: 'CS2', op: '>=', limitMw: -0.5 });
  });
  it('should reject bad syntax, unknown stations and buses without a station', () => {
    expect(() => parseGridNeed('CS3=1', { stations })).toThrow(InputError);
    expect(() => parseGridNeed('CS9<=1', { stations })).toThrow(/"CS9" is not a station/);
    expect(() => parseGridNeed('bus5<=1', { stations })).toThrow(/no station at bus 5/);
  });
});

describe('planTier', () => {
  it('should choose the cheapest tier meeting a cap, inside its hull and outside the smaller tiers that cannot meet it', async () => {
    const { result, fake, window } = await fakeStudy([300, 1000, 3000]);
    const min = result.tiers.map((t) => t.rangeMw[2].min);
    expect(min[1]).toBeLessThan(min[0]);
    const limit = (min[0] + min[1]) / 2; // tier 300 cannot reach it, tier 1000 can
    const need = parseGridNeed(`CS3<=${limit}`, { stations });
    const plan = await planTier(result, need, fake.evaluate);
    expect(plan.budgetYuan).toBe(1000);
    expect(plan.point).toBeDefined();
    expect(meetsNeed(need, plan.point!.netMw)).toBe(true);
    expect(plan.point!.subsidyYuan).toBeLessThanOrEqual(1000);
    expect(plan.tiers.map((t) => t.canMeet)).toEqual([false, true, true]);
    expect(plan.tiers.map((t) => t.containsPoint)).toEqual([false, true, true]);
    // Reproducible: its coupons give its loads again.
    const again = await fake.evaluate(expandCoupons(window, plan.point!.x));
    again.netMw.forEach((v, i) => expect(v).toBeCloseTo(plan.point!.netMw[i], 12));
    expect(plan.runs).toBeGreaterThan(0);
    expect(plan.summary).toMatch(/tier 1000 ¥/);
  });
  it('should say so when no tier meets the need', async () => {
    const { result } = await fakeStudy([300]);
    const plan = await planTier(result, parseGridNeed('CS3<=-100', { stations }));
    expect(plan.budgetYuan).toBeUndefined();
    expect(plan.summary).toMatch(/no tier up to 300 ¥ meets it/);
  });
});
