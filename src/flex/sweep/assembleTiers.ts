/**
 * From every evaluated point to nested subsidy tiers with their hulls (docs/model.md §5
 * "Hull", "Tiers"; seed 003 §2.1 Step 2, §3.1 table).
 */
import { convexHullOf } from '../hull/convexHullOf.js';
import type { HullResult } from '../hull/hullResult.js';
import { admissible, projection, type EvaluatedPoint } from '../search/flexEvaluation.js';
import type { SweepRun } from './runSweep.js';

/** One subsidy tier: the boundary point per direction and the hull of the tier. */
export interface FlexTier {
  /** F_max, ¥. */
  readonly budgetYuan: number;
  /** Boundary point chosen per direction (spec order): min aᵀP over every admissible point with subsidy ≤ F_max. */
  readonly directionPoints: EvaluatedPoint[];
  /** Points the hull is built from: this tier's and every smaller tier's direction points, distinct. */
  readonly hullPoints: EvaluatedPoint[];
  readonly hull: HullResult;
  /** Hull vertices (points of `hullPoints`). */
  readonly vertices: EvaluatedPoint[];
  /** Volume growth over the previous tier, % (undefined for the first tier or a zero previous volume). */
  readonly volumeIncreasePct?: number;
  /** Per-axis range of the tier's hull points, MW. */
  readonly rangeMw: { readonly min: number; readonly max: number }[];
}

/**
 * Build the tiers of a sweep.
 *
 * 1. Pool = every evaluated point of the sweep (design probes, every direction's
 *    search, in task order), each a real co-simulation of its coupons.
 * 2. For each budget F and direction a: the admissible (feasible, converged,
 *    subsidy ≤ F) pool point with the least aᵀP, earliest on ties. A point found by
 *    a neighbouring direction's search is used when it is better — the sweep's
 *    warm start across directions — and it never changes the point's honesty.
 * 3. Hull of tier F = conv(direction points of every tier ≤ F). Since a smaller
 *    tier's points are admissible for F, the hulls are nested and the volumes do
 *    not decrease (exact, not a tendency).
 *
 * @param run - the raw sweep (directions in the full station space, zero off the axes)
 * @param axes - stations spanning the region (default all)
 * @param hullTolerance - relative flatness tolerance of `convexHullOf` (default 1e-6: an STA
 *   region whose total is fixed only up to the DUE gap is still reported flat)
 * @example
 * const tiers = assembleTiers(run); tiers.map((t) => t.hull.volume);
 */
export function assembleTiers(run: SweepRun, axes?: readonly number[], hullTolerance = 1e-6): FlexTier[] {
  const on = axes ?? run.design[0].netMw.map((_, i) => i);
  const coords = (p: EvaluatedPoint): number[] => on.map((s) => p.netMw[s]);
  const pool: EvaluatedPoint[] = [...run.design];
  for (const s of run.searches) pool.push(...s.evaluated);
  const tiers: FlexTier[] = [];
  const accumulated: EvaluatedPoint[] = [];
  for (const budget of run.spec.budgetsYuan) {
    const directionPoints = run.spec.directions.map((a) => {
      let best = pool[0];
      let value = Infinity;
      for (const p of pool) {
        if (!admissible(p, budget)) continue;
        const v = projection(a, p.netMw);
        if (v < value - 1e-12) {
          value = v;
          best = p;
        }
      }
      return best;
    });
    for (const p of directionPoints) if (!accumulated.includes(p)) accumulated.push(p);
    const hullPoints = [...accumulated];
    const hull = convexHullOf(hullPoints.map(coords), { tolerance: hullTolerance });
    const previous = tiers[tiers.length - 1];
    const n = hull.dimension;
    const rangeMw = Array.from({ length: n }, (_, i) => ({
      min: Math.min(...hullPoints.map((p) => p.netMw[on[i]])),
      max: Math.max(...hullPoints.map((p) => p.netMw[on[i]])),
    }));
    tiers.push({
      budgetYuan: budget,
      directionPoints,
      hullPoints,
      hull,
      vertices: hull.vertices.map((i) => hullPoints[i]),
      volumeIncreasePct: previous && previous.hull.measure > 0 && previous.hull.affineRank === hull.affineRank
        ? (100 * (hull.measure - previous.hull.measure)) / previous.hull.measure
        : undefined,
      rangeMw,
    });
  }
  return tiers;
}
