import { describe, expect, it } from 'vitest';
import { staScenario, staTimeIndex } from '../../../src/flex/sweep/staScenario.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';
import { InputError } from '../../../src/common/errors.ts';

describe('staScenario', () => {
  const { scenario } = readScenarioFile();
  it('should aggregate 12 × 10 min into 4 × 30 min with instantaneous propagation, keeping the demand volume', () => {
    const sta = staScenario(scenario);
    expect(sta.horizon).toMatchObject({ intervalMin: 30, intervals: 4, start: scenario.horizon.start });
    expect(sta.traffic.propagation).toBe('instantaneous');
    const fine = scenario.demand.profile ?? new Array(12).fill(1);
    const coarse = sta.demand.profile ?? new Array(4).fill(1);
    // Σ rate × duration is unchanged: 10 · Σ fine = 30 · Σ coarse.
    expect(30 * coarse.reduce((a, b) => a + b, 0)).toBeCloseTo(10 * fine.reduce((a, b) => a + b, 0), 9);
    expect(coarse[2]).toBeCloseTo((fine[6] + fine[7] + fine[8]) / 3, 12);
  });
  it('should refuse a static interval that does not tile the horizon', () => {
    expect(() => staScenario(scenario, { intervalMin: 25 })).toThrow(InputError);
    expect(() => staScenario(scenario, { intervalMin: 50 })).toThrow(/dividing the 120-min horizon/);
  });
  it('should map t* by clock time', () => {
    expect(staTimeIndex(6, 10)).toBe(2);
    expect(staTimeIndex(5, 10)).toBe(1);
    expect(staTimeIndex(0, 10)).toBe(0);
  });
});
