/**
 * The outer bound's loss secants (src/grid/problems/feederLoadSupport.ts `tightenLosses`) must hold
 * at every point the co-simulation's OPF reports as exact, including points that violate their cone
 * by the OPF's full tolerance (docs/flexibility.md "Outer bound", "Loss secants and the OPF's
 * tolerance"). The OPF's criterion is written out here from its documentation, not taken from the code
 * under test: a branch cone is exact when |P² + Q² − v_a·ℓ| ≤ τ, τ = absTol, or
 * relTol·(P² + Q²) + 10·ε_LP·max(2√(P² + Q²), 0.01·v_a, ℓ) with ε_LP = 1e-9.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lossSecantMarginPu, type OpfConeTolerance } from '../../../src/grid/problems/lossSecantMargin.ts';

const EPS_LP = 1e-9;

/** The largest ℓ the OPF still calls exact at (P, Q, v_a): v_a·ℓ = P² + Q² + τ(ℓ), solved for both branches of the max. */
function largestExactL(p: number, q: number, va: number, tol: OpfConeTolerance): number {
  const s2 = p * p + q * q;
  if (tol.absTolPu !== undefined) return (s2 + tol.absTolPu) / va;
  const rel = tol.relTol ?? 1e-9;
  const c = 10 * EPS_LP;
  const floor = Math.max(2 * Math.sqrt(s2), 0.01 * va);
  const withFloor = (s2 * (1 + rel) + c * floor) / va; // τ's max is the floor
  const withL = (s2 * (1 + rel)) / (va - c); // τ's max is ℓ itself
  return withL >= floor ? Math.max(withL, withFloor) : withFloor;
}

/** Left side minus right side of the secant row v_min·ℓ − (P⁻+P⁺)P − (Q⁻+Q⁺)Q ≤ −P⁻P⁺ − Q⁻Q⁺ + margin (≤ 0: holds). */
function secantExcess(pr: [number, number], qr: [number, number], vMin: number, p: number, q: number, l: number, margin: number): number {
  return vMin * l - (pr[0] + pr[1]) * p - (qr[0] + qr[1]) * q - (-pr[0] * pr[1] - qr[0] * qr[1] + margin);
}

const range = (lo: number, hi: number) =>
  fc.tuple(fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: 0, max: hi - lo, noNaN: true })).map(([a, w]): [number, number] => [a, Math.min(hi, a + w)]);

describe('loss-secant margin against the OPF cone tolerance (tolerance: the row holds exactly, float slack 1e-15 pu²)', () => {
  it('should hold at every exact OPF point of the ranges, ℓ at the largest value the OPF accepts (property, 500 cases per tolerance)', () => {
    for (const tol of [{}, { relTol: 1e-6 }, { absTolPu: 1e-6 }] as OpfConeTolerance[]) {
      fc.assert(
        fc.property(
          range(-3, 3), range(-2, 2), fc.double({ min: 0.8, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 0.25, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
          (pr, qr, vMin, dv, fp, fq, fv) => {
            const vMax = vMin + dv;
            const p = pr[0] + fp * (pr[1] - pr[0]);
            const q = qr[0] + fq * (qr[1] - qr[0]);
            const va = vMin + fv * dv;
            const l = largestExactL(p, q, va, tol);
            const margin = lossSecantMarginPu(pr, qr, [vMin, vMax], tol);
            expect(secantExcess(pr, qr, vMin, p, q, l, margin)).toBeLessThanOrEqual(1e-15 * (1 + l + Math.abs(p) + Math.abs(q)));
          },
        ),
        { numRuns: 500, seed: 33 },
      );
    }
  });

  it('should be needed: with the former margin 1e-7·spread² + 1e-12 a narrow-range branch at v_min fails the row at an exact OPF point, the new margin keeps it', () => {
    // a lateral branch whose flow hardly varies (no station downstream), sending-bus voltage at its lower limit
    const pr: [number, number] = [0.01, 0.01];
    const qr: [number, number] = [0.005, 0.005];
    const vMin = 0.81;
    const l = largestExactL(0.01, 0.005, vMin, {});
    const spread = Math.max(pr[1] - pr[0], qr[1] - qr[0], 1e-9);
    const former = 1e-7 * spread * spread + 1e-12;
    expect(secantExcess(pr, qr, vMin, 0.01, 0.005, l, former)).toBeGreaterThan(1e-10);
    expect(secantExcess(pr, qr, vMin, 0.01, 0.005, l, lossSecantMarginPu(pr, qr, [vMin, 1.21], {}))).toBeLessThanOrEqual(0);
    // an absolute scenario tolerance of 1e-6 pu² is covered too
    const lAbs = largestExactL(0.01, 0.005, vMin, { absTolPu: 1e-6 });
    expect(secantExcess(pr, qr, vMin, 0.01, 0.005, lAbs, former)).toBeGreaterThan(9e-7);
    expect(secantExcess(pr, qr, vMin, 0.01, 0.005, lAbs, lossSecantMarginPu(pr, qr, [vMin, 1.21], { absTolPu: 1e-6 }))).toBeLessThanOrEqual(0);
  });

  it('should stay small on case33bw-sized ranges with the default tolerance (≤ 1e-6 pu², so the secants keep their bite)', () => {
    // the substation branch of case33bw carries up to ≈ 0.4 + 0.4 pu with every station at its largest load (10-MVA base)
    expect(lossSecantMarginPu([-0.3, 0.8], [-0.2, 0.5], [0.81, 1.21], {})).toBeLessThanOrEqual(1e-6);
  });
});
