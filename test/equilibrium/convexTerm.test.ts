import { describe, expect, it } from 'vitest';
import { bprTerm, quadraticTerm, smoothPlus, stationWaitMin, waitTerm } from '../../src/equilibrium/convexTerm.ts';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);

describe('convex terms: slope is the derivative of value (central differences, rel. 1e-6)', () => {
  const terms = {
    bpr: bprTerm(0, 6, 2000, 0.15, 4, 20 / 60),
    wait: waitTerm(0, 2, 0.2, 60, 5, 20 / 60),
    quad: quadraticTerm(0, 3, 40, 0, 2),
  };
  for (const [name, t] of Object.entries(terms)) {
    it(name, () => {
      for (const x of [0.5, 10, 55, 60, 65, 1500, 3000]) {
        const xx = name === 'quad' ? x / 3000 : x;
        expect(central(t.value, xx, 1e-4 * Math.max(1, xx))).toBeCloseTo(t.slope(xx), 5);
      }
    });
  }
  it('BPR potential matches the closed-form integral τ(x + b·c/(p+1)·(x/c)^{p+1})', () => {
    const t = bprTerm(0, 6, 2000, 0.15, 4, 1);
    expect(t.value(2000)).toBeCloseTo(6 * (2000 + (0.15 * 2000) / 5), 9);
  });
  it('smoothed waiting approaches the excess-flow model away from capacity (seed 000 eq. 7)', () => {
    expect(smoothPlus(-100, 1)).toBeCloseTo(0, 2);
    expect(smoothPlus(100, 1)).toBeCloseTo(100, 2);
    expect(stationWaitMin(160, 2, 0.2, 60, 1)).toBeCloseTo(2 + 0.2 * 100, 2);
  });
});
