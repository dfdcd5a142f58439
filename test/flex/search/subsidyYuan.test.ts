import { describe, expect, it } from 'vitest';
import { subsidyYuan } from '../../../src/flex/search/subsidyYuan.ts';

describe('subsidyYuan', () => {
  it('should pay ψ_ch·E_ch per charging arrival and ψ_v2g per V2G arrival (hand-computed)', () => {
    // 2 stations × 2 intervals; E_ch = 20 and 10 kWh/visit.
    const f = subsidyYuan(
      { intervals: 2, chargeArrivalsVeh: [10, 0, 3, 4], v2gArrivalsVeh: [1, 2, 0, 5], chargeKWhPerVisit: [20, 10] },
      { chargeYuanPerKWh: [0.5, 1, 0, 0.25], v2gYuanPerVisit: [10, 0, 3, 2] },
    );
    // 10·0.5·20 + 1·10 + 0 + 0 + 3·0·10 + 0 + 4·0.25·10 + 5·2 = 100 + 10 + 10 + 10
    expect(f).toBeCloseTo(130, 12);
  });
  it('should be 0 without coupons', () => {
    expect(subsidyYuan({ intervals: 1, chargeArrivalsVeh: [9], v2gArrivalsVeh: [9], chargeKWhPerVisit: [20] }, { chargeYuanPerKWh: [0], v2gYuanPerVisit: [0] })).toBe(0);
  });
});
