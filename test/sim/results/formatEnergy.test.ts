import { describe, expect, it } from 'vitest';
import { formatEnergyMwh } from '../../../src/sim/results/formatEnergy.ts';

describe('formatEnergyMwh', () => {
  it('prints MWh with three decimals from 1 MWh, kWh with three significant digits below, never "0.000 MWh" for a non-zero amount', () => {
    expect(formatEnergyMwh(3.65)).toBe('3.650 MWh');
    expect(formatEnergyMwh(1)).toBe('1.000 MWh');
    expect(formatEnergyMwh(0.0828)).toBe('82.8 kWh');
    expect(formatEnergyMwh(0.00042)).toBe('0.42 kWh');
    expect(formatEnergyMwh(0)).toBe('0 kWh');
  });
});
