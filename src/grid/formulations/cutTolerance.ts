/**
 * Acceptance tolerances of the DistFlow cut loop (docs/model.md §3.3): how far a branch cone,
 * a rating or a quadratic cost may be violated before a cut is due. Violations are measured in
 * the units of the normalised cut rows (distFlowCuts.ts), so the acceptance test and HiGHS'
 * feasibility tolerance speak the same language. One place for the separation, the cone status
 * and the Newton step's active set (newtonActiveSet.ts).
 */

/** HiGHS primal feasibility tolerance used by the DistFlow models. */
export const LP_FEASIBILITY_TOLERANCE = 1e-9;

/** Acceptance tolerances of the cut loop. */
export interface CutTolerances {
  /**
   * Relative tolerance: a branch cone is satisfied when P² + Q² − v·ℓ ≤ relTol·(P² + Q²)
   * (plus the LP floor), a rating when |S| ≤ (1 + relTol)·S̄, a cost when c2·p² − z ≤ relTol·(1 + c2·p²).
   */
  readonly relTol: number;
  /** Absolute cone-gap tolerance, pu²; when set, replaces the scale-aware criterion for cones. */
  readonly absTolPu?: number;
}

/**
 * Accepted cone violation P² + Q² − v_a·ℓ of a branch with flow² `s2`, sending voltage² `va` and
 * ℓ = `l`, pu². Default: relative to P² + Q², with a floor at the LP feasibility tolerance in the
 * units of the branch's normalised cut row (below that floor HiGHS cannot tell a violated cut
 * from a satisfied one).
 *
 * @example
 * coneTolerance({ relTol: 1e-9 }, 0.25, 1, 0.25); // 1e-9·0.25 + 10·1e-9·max(2·0.5, 0.01, 0.25) = 1.025e-8
 */
export function coneTolerance(tol: CutTolerances, s2: number, va: number, l: number): number {
  if (tol.absTolPu !== undefined) return tol.absTolPu;
  return tol.relTol * s2 + 10 * LP_FEASIBILITY_TOLERANCE * coneRowNorm(Math.sqrt(s2), va, l);
}

/**
 * Accepted excess of |S| (or of a rating cut's row) over the rating `ratePu`, pu.
 *
 * @example
 * ratingTolerance({ relTol: 1e-9 }, 2); // 1e-9·2 + 1e-9 = 3e-9
 */
export function ratingTolerance(tol: CutTolerances, ratePu: number): number {
  return tol.relTol * ratePu + LP_FEASIBILITY_TOLERANCE;
}

/**
 * Accepted excess of c2·p² (or of a cost tangent's row) over the epigraph variable z, where
 * `costUsdPerH` = c2·p² at the iterate, $/h.
 *
 * @example
 * costTolerance({ relTol: 1e-9 }, 3); // 1e-9·4 + 1e-9 = 5e-9
 */
export function costTolerance(tol: CutTolerances, costUsdPerH: number): number {
  return tol.relTol * (1 + costUsdPerH) + LP_FEASIBILITY_TOLERANCE;
}

/**
 * Norm used to normalise a cone cut at flow magnitude `s` (pu), voltage² `vA`, ℓ:
 * the flow-gradient norm 2s, capped below at 0.01·vA (so ℓ's coefficient stays ≤ 100)
 * and at ℓ.
 *
 * @example
 * coneRowNorm(0.5, 1, 0.25); // max(1, 0.01, 0.25) = 1
 */
export function coneRowNorm(s: number, vA: number, l: number): number {
  return Math.max(2 * s, 0.01 * vA, l);
}
