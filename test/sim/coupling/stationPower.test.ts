import { describe, expect, it } from 'vitest';
import { aggregateStationPower, intervalMean } from '../../../src/sim/coupling/stationPower.ts';

describe('aggregateStationPower', () => {
  // 2 stations, 2 intervals of 3 steps, 7 steps in all (one clearance step).
  const steps = 7;
  const charging = Float64Array.from([1, 2, 3, 4, 5, 6, 9, /* s1 */ 0, 0, 0, 10, 10, 10, 9]);
  const v2g = Float64Array.from([0, 0, 0, 1, 1, 1, 9, /* s1 */ 3, 3, 3, 0, 0, 0, 9]);
  const rates = { chargeKw: Float64Array.from([60, 50]), v2gKw: Float64Array.from([40, 20]) };
  const out = () => ({ chargeMw: new Float64Array(2), v2gMw: new Float64Array(2), netMw: new Float64Array(2) });

  it('should average vehicles in service over the interval steps and convert kW→MW', () => {
    const p0 = aggregateStationPower({ steps, stationChargingInService: charging, stationV2gInService: v2g }, rates, 0, 3, out());
    expect(p0.chargeMw[0]).toBeCloseTo((2 * 60) / 1000, 12); // mean(1,2,3) = 2 vehicles × 60 kW
    expect(p0.v2gMw[1]).toBeCloseTo((3 * 20) / 1000, 12);
    expect(p0.netMw[1]).toBeCloseTo(-0.06, 12); // pure V2G: negative net load
    const p1 = aggregateStationPower({ steps, stationChargingInService: charging, stationV2gInService: v2g }, rates, 1, 3, out());
    expect(p1.chargeMw[0]).toBeCloseTo((5 * 60) / 1000, 12);
    expect(p1.netMw[0]).toBeCloseTo(0.3 - 0.04, 12);
    expect(p1.netMw[1]).toBeCloseTo(0.5, 12);
  });

  it('should give zero power for empty stations', () => {
    const zeros = new Float64Array(14);
    const p = aggregateStationPower({ steps, stationChargingInService: zeros, stationV2gInService: zeros }, rates, 1, 3, out());
    expect(Array.from(p.netMw)).toEqual([0, 0]);
  });

  it('intervalMean should average a per-step series', () => {
    expect(intervalMean(charging, steps, 1, 1, 3)).toBe(10);
    expect(intervalMean(charging, steps, 0, 0, 3)).toBe(2);
  });
});
