import { describe, expect, it } from 'vitest';
import { kwToMw, usdPerMwhToYuanPerKwh } from '../../../src/sim/coupling/units.ts';

describe('units', () => {
  it('should convert kW to MW (25 vehicles × 60 kW = 1.5 MW)', () => {
    expect(kwToMw(25 * 60)).toBeCloseTo(1.5, 12);
    expect(kwToMw(0)).toBe(0);
  });
  it('should convert $/MWh to ¥/kWh (20 $/MWh at 7.2 ¥/$ = 0.144 ¥/kWh)', () => {
    expect(usdPerMwhToYuanPerKwh(20, 7.2)).toBeCloseTo(0.144, 12);
    expect(usdPerMwhToYuanPerKwh(1000, 7)).toBeCloseTo(7, 12);
    expect(usdPerMwhToYuanPerKwh(-5, 7.2)).toBeCloseTo(-0.036, 12);
  });
});
