import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleCosimResult } from '../../../src/sim/run/assembleCosimResult.ts';
import { runTicks } from '../../../src/sim/run/runTicks.ts';
import { fakeContext } from '../fixtures/fakeContext.ts';

describe('cosimTick (properties)', () => {
  it('fixed point: every interval either converges with residual ≤ tolerance or is reported not converged', () => {
    fc.assert(
      fc.property(
        fc.record({
          elasticity: fc.double({ min: 0, max: 4, noNaN: true }),
          slope: fc.double({ min: 0, max: 3000, noNaN: true }),
          damping: fc.double({ min: 0, max: 0.95, noNaN: true }),
          tolerance: fc.double({ min: 1e-9, max: 1e-2, noNaN: true }),
          maxRounds: fc.integer({ min: 1, max: 40 }),
          base: fc.tuple(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true })),
          intervals: fc.integer({ min: 1, max: 5 }),
        }),
        (p) => {
          const { ctx, state, horizon, meta } = fakeContext({
            feedback: 'fixed-point', elasticity: p.elasticity, slope: p.slope, damping: p.damping, tolerance: p.tolerance,
            maxRounds: p.maxRounds, baseVehicles: p.base, intervals: p.intervals,
          });
          runTicks(ctx, state, horizon);
          const result = assembleCosimResult(ctx, state, meta);
          expect(result.intervals).toHaveLength(p.intervals);
          for (const r of result.intervals) {
            expect(Number.isFinite(r.fixedPointResidual)).toBe(true);
            if (r.fixedPointConverged) expect(r.fixedPointResidual).toBeLessThanOrEqual(p.tolerance);
            else {
              expect(r.fixedPointResidual).toBeGreaterThan(p.tolerance);
              expect(r.rounds).toBe(p.maxRounds);
            }
          }
          const allConverged = result.intervals.every((r) => r.fixedPointConverged);
          expect(result.status).toBe(allConverged ? 'ok' : 'not-converged');
          expect(result.problems.length > 0).toBe(!allConverged);
        },
      ),
      { numRuns: 200, seed: 20261122 },
    );
  });

  it('next-tick: one round per interval and prices of t+1 follow the DLMPs of t', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 3000, noNaN: true }), fc.integer({ min: 2, max: 6 }), (slope, intervals) => {
        const { ctx, state, horizon } = fakeContext({ feedback: 'next-tick', slope, intervals });
        runTicks(ctx, state, horizon);
        for (let t = 1; t < intervals; t++) {
          const prev = state.results[t - 1];
          expect(state.results[t].rounds).toBe(1);
          for (let s = 0; s < 2; s++) {
            expect(state.results[t].chargePriceYuanPerKWh[s]).toBeCloseTo(1.856 + (prev.dlmpAtStationUsdPerMwh[s] * 7.2) / 1000, 10);
          }
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
