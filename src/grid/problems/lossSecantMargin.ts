/**
 * The margin of the outer bound's loss secants (docs/flexibility.md "Outer bound"): how far a
 * point the co-simulation's OPF reports as exact may sit above a branch's secant of P² + Q², so
 * that the relaxation in `feederLoadSupport.ts` stays provably outer.
 */
import { LP_FEASIBILITY_TOLERANCE } from '../formulations/cutTolerance.js';
import { DEFAULT_REL_TOLERANCE } from '../formulations/distFlowInternals.js';

/**
 * When the co-simulation's OPF calls a branch cone exact: |P² + Q² − v_a·ℓ| ≤ τ with
 * τ = `absTolPu` when set, else relTol·(P² + Q²) + 10·ε_LP·max(2√(P² + Q²), 0.01·v_a, ℓ)
 * (grid/formulations/cutTolerance.ts `coneTolerance`, ε_LP = `LP_FEASIBILITY_TOLERANCE`).
 */
export interface OpfConeTolerance {
  /** Relative tolerance (default the OPF's 1e-9). */
  readonly relTol?: number;
  /** Absolute tolerance, pu² (replaces the relative criterion when set). */
  readonly absTolPu?: number;
}

/** Widening of each LP flow range before its secant, pu: covers the range LPs' own feasibility tolerance. */
export const SECANT_RANGE_SLACK_PU = 1e-6;

/**
 * The margin, pu², that makes a loss secant hold at every point the OPF reports as exact.
 *
 * At an `optimal` OPF point v_a·ℓ ≤ P² + Q² + τ (see {@link OpfConeTolerance}); with v_a ≥ v_min,a and
 * ℓ ≥ 0, v_min,a·ℓ ≤ v_a·ℓ ≤ P² + Q² + τ ≤ secant(P, Q) + τ. So the margin must bound τ over the
 * whole range: with S² = max(P⁻², P⁺²) + max(Q⁻², Q⁺²) ≥ P² + Q², v_a ≤ v_max,a and c = 10·ε_LP,
 * ℓ ≤ (S² + τ)/v_min,a and τ ≤ relTol·S² + c·(2S + 0.01·v_max,a + ℓ) give
 * ℓ ≤ ℓ* = (S²(1 + relTol) + c(2S + 0.01·v_max,a)) / (v_min,a − c), hence
 * τ ≤ relTol·S² + c·max(2S, 0.01·v_max,a, ℓ*) (or `absTolPu`). Returned with a 1e-12 floor.
 *
 * @param p - flow range [P⁻, P⁺] of the branch, pu
 * @param q - flow range [Q⁻, Q⁺], pu
 * @param vSq - range [v_min, v_max] of the squared voltage at the branch's sending bus, pu²
 * @param tol - the OPF's cone tolerance
 * @example
 * lossSecantMarginPu([0.1, 0.3], [0.05, 0.1], [0.81, 1.21], {}); // ≈ 6.4e-9 pu²
 */
export function lossSecantMarginPu(p: readonly [number, number], q: readonly [number, number], vSq: readonly [number, number], tol: OpfConeTolerance): number {
  if (tol.absTolPu !== undefined) return tol.absTolPu + 1e-12;
  const rel = tol.relTol ?? DEFAULT_REL_TOLERANCE;
  const c = 10 * LP_FEASIBILITY_TOLERANCE;
  const s2 = Math.max(p[0] * p[0], p[1] * p[1]) + Math.max(q[0] * q[0], q[1] * q[1]);
  const s = Math.sqrt(s2);
  const vMin = Math.max(vSq[0], 2 * c);
  const lMax = (s2 * (1 + rel) + c * (2 * s + 0.01 * vSq[1])) / (vMin - c);
  return rel * s2 + c * Math.max(2 * s, 0.01 * vSq[1], lMax) + 1e-12;
}
