import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { projectOntoSimplex, stationChoiceOptions } from '../../../src/traffic/stationChoice/stationChoiceOptions.ts';

const road = (from: number, to: number, min: number) => ({ from, to, capacity: 1000, freeFlowMin: min });
const net = buildNetwork({ name: 'tri', source: 'test', links: [road(1, 2, 5), road(2, 3, 5), road(1, 3, 12), road(3, 1, 12)] });

describe('stationChoiceOptions', () => {
  it('lists k routes per station and marks the fastest option as preferred', () => {
    const opts = stationChoiceOptions(net, [{ origin: 1, vehPerH: 1, valueOfTimeUsdPerH: 20, energyKwh: 20 }], [2, 3], 2);
    // Station at 2: one route (5 min); station at 3: 1-2-3 (10) and 1-3 (12).
    expect(Array.from(opts.freeFlowMin)).toEqual([5, 10, 12]);
    expect(Array.from(opts.preferred)).toEqual([1, 0, 0]);
    expect(Array.from(opts.optStation)).toEqual([0, 1, 1]);
  });
  it('names an agent origin that is not a node', () => {
    expect(() => stationChoiceOptions(net, [{ origin: 9, vehPerH: 1, valueOfTimeUsdPerH: 20, energyKwh: 20 }], [2], 1)).toThrow(/agents\[0\]\.origin = 9/);
  });
});

describe('projectOntoSimplex', () => {
  it('projects onto {x ≥ 0, Σx = 1} and satisfies the projection optimality condition', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }), (values) => {
      const v = Float64Array.from(values);
      const x = Float64Array.from(v);
      projectOntoSimplex(x, 0, x.length);
      const sum = x.reduce((s, t) => s + t, 0);
      expect(sum).toBeCloseTo(1, 9);
      // Optimality: v − x = θ·1 + μ with μ ≥ 0 and μ_j = 0 where x_j > 0 → v_j − x_j equal on the support, ≤ elsewhere.
      const support = [...x.keys()].filter((j) => x[j] > 1e-12);
      const theta = v[support[0]] - x[support[0]];
      for (let j = 0; j < x.length; j++) {
        expect(x[j]).toBeGreaterThanOrEqual(0);
        if (x[j] > 1e-12) expect(v[j] - x[j]).toBeCloseTo(theta, 9);
        else expect(v[j]).toBeLessThanOrEqual(theta + 1e-9);
      }
    }));
  });
});
