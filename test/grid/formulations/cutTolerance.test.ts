/**
 * Acceptance tolerances of the cut loop (cutTolerance.ts, docs/model.md §3.3). References: the
 * formulas of the module's documentation evaluated by hand, and their bounds as invariants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coneRowNorm, coneTolerance, costTolerance, LP_FEASIBILITY_TOLERANCE, ratingTolerance } from '../../../src/grid/formulations/cutTolerance.ts';

const close = (actual: number, expected: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
};

describe('cut-loop acceptance tolerances', () => {
  it('cone: relTol·s² plus 10·ε_LP times the row norm max(2s, 0.01·v, ℓ), by hand (1e-12 relative)', () => {
    // s = 0.5: norm max(1, 0.01, 0.25) = 1 → 2.5e-10 + 1e-8.
    close(coneTolerance({ relTol: 1e-9 }, 0.25, 1, 0.25), 1.025e-8);
    // No flow: the norm is 0.01·v = 0.02 → 2e-10.
    close(coneTolerance({ relTol: 1e-9 }, 0, 2, 0), 2e-10);
    // ℓ dominates the norm: 1e-9·1e-4 + 1e-8·5.
    close(coneTolerance({ relTol: 1e-9 }, 1e-4, 1, 5), 1e-13 + 5e-8);
  });

  it('cone: an absolute tolerance replaces the scale-aware one exactly', () => {
    expect(coneTolerance({ relTol: 1e-9, absTolPu: 1e-6 }, 0.25, 1, 0.25)).toBe(1e-6);
    expect(coneTolerance({ relTol: 1e-3, absTolPu: 0 }, 4, 1, 4)).toBe(0);
  });

  it('rating relTol·S̄ + ε_LP and cost relTol·(1 + c2·p²) + ε_LP, by hand (1e-12 relative)', () => {
    close(ratingTolerance({ relTol: 1e-9 }, 2), 3e-9);
    close(costTolerance({ relTol: 1e-9 }, 3), 5e-9);
    close(costTolerance({ relTol: 1e-6 }, 0), 1e-6 + 1e-9);
  });

  it('cone tolerance is at least relTol·s² and the LP floor 10·ε_LP·max(2s, 0.01·v, ℓ), and grows with s² (property)', () => {
    const pos = fc.double({ min: 0, max: 10, noNaN: true });
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1e-3, noNaN: true }), pos, fc.double({ min: 0.5, max: 1.5, noNaN: true }), pos, pos, (relTol, s2, va, l, more) => {
        const t = coneTolerance({ relTol }, s2, va, l);
        expect(t).toBeGreaterThanOrEqual(relTol * s2);
        expect(t).toBeGreaterThanOrEqual(10 * LP_FEASIBILITY_TOLERANCE * Math.max(2 * Math.sqrt(s2), 0.01 * va, l) * (1 - 1e-15));
        expect(coneTolerance({ relTol }, s2 + more, va, l)).toBeGreaterThanOrEqual(t);
        expect(coneRowNorm(Math.sqrt(s2), va, l)).toBeGreaterThanOrEqual(0.01 * va);
      }),
    );
  });
});
