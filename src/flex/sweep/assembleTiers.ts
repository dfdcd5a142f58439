/**
 * From every evaluated point to nested subsidy tiers with their hulls (docs/model.md §5
 * "Hull", "Tiers"; docs/flexibility.md §5; seed 003 §2.1 Step 2, §3.1 table).
 */
import { convexHullOf } from '../hull/convexHullOf.js';
import type { HullResult } from '../hull/hullResult.js';
import { admissible, gridServed, projection, REJECTION_REASONS, type EvaluatedPoint, type RejectionReason } from '../search/flexEvaluation.js';
import { allEvaluated, type SweepRun } from './runSweep.js';

/** Why a run is not a point of a tier: a grid rejection, or a subsidy above the tier's budget. */
export type TierRejection = RejectionReason | 'over-budget';

/** Runs not in a tier, counted by reason (every reason present, 0 when none). */
export type RejectedCounts = Record<TierRejection, number>;

/** Every tier rejection reason, grid reasons first (precedence order), then `over-budget`. */
export const TIER_REJECTIONS: readonly TierRejection[] = [...REJECTION_REASONS, 'over-budget'];

/**
 * The camelCase key of a rejection reason in the JSON and CSV outputs (the shared output vocabulary).
 *
 * @example
 * rejectionKey('due-not-converged'); // 'dueNotConverged'
 */
export function rejectionKey(reason: TierRejection): string {
  return reason.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Two load vectors closer than this on every axis are one point of a tier, MW. */
export const SAME_POINT_MW = 1e-9;

/** One subsidy tier: its point set (every admissible run of the sweep), the hull, the counts. */
export interface FlexTier {
  /** F_max, ¥. */
  readonly budgetYuan: number;
  /**
   * Boundary point per searched direction (order of `run.directions`): min aᵀP over every
   * admissible run with subsidy ≤ F_max. Empty when the tier has no admissible point.
   */
  readonly directionPoints: EvaluatedPoint[];
  /**
   * The tier's point set: every admissible run of the sweep (design, every search, any extra
   * round) with subsidy ≤ F_max — and of the checked books when the study has them (`points`) —,
   * one per distinct load vector on the axes ({@link SAME_POINT_MW}).
   */
  readonly hullPoints: EvaluatedPoint[];
  readonly hull: HullResult;
  /** Hull vertices (points of `hullPoints`). */
  readonly vertices: EvaluatedPoint[];
  /** Volume growth over the previous tier, % (undefined for the first tier or a zero previous volume). */
  readonly volumeIncreasePct?: number;
  /** Per-axis range of the tier's hull points, MW; empty when the tier has no point. */
  readonly rangeMw: { readonly min: number; readonly max: number }[];
  /**
   * Size of the hull in the axes' full dimension n, MW^n: the volume when the hull is
   * full-dimensional, 0 when it is flat (`hull.affineRank < n`; its own size is `hull.measure`).
   */
  readonly innerVolume: number;
  /** `hullPoints.length`: distinct admissible load vectors. */
  readonly admissiblePoints: number;
  /** Distinct runs (by coupon vector, or full book for a checked book) of the study not in this tier, by reason. */
  readonly rejected: RejectedCounts;
}

/** Key of a coupon vector (or of a checked point's full book): runs with the same key are the same co-simulation. */
function couponKey(p: EvaluatedPoint): string {
  const values = (v: readonly number[]): string => v.map((c) => c.toPrecision(12)).join(',');
  return p.book === undefined ? values(p.x) : `book:${values(p.book.chargeYuanPerKWh)}|${values(p.book.v2gYuanPerVisit)}`;
}

/** The runs of a pool, one per coupon vector (first occurrence). */
export function distinctRuns(pool: readonly EvaluatedPoint[]): EvaluatedPoint[] {
  const seen = new Set<string>();
  const out: EvaluatedPoint[] = [];
  for (const p of pool) {
    const key = couponKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * Count the runs that are not points of a tier with budget F, by reason: the grid
 * rejection when there is one, else `over-budget` when the subsidy exceeds F.
 *
 * @example
 * rejectedCounts(runs, 1000)['shed']; // runs that shed household load
 */
export function rejectedCounts(runs: readonly EvaluatedPoint[], budgetYuan: number): RejectedCounts {
  const counts = Object.fromEntries(TIER_REJECTIONS.map((r) => [r, 0])) as RejectedCounts;
  for (const p of runs) {
    if (!gridServed(p)) counts[p.rejection ?? (p.converged ? 'opf-infeasible' : 'due-not-converged')]++;
    else if (p.subsidyYuan > budgetYuan) counts['over-budget']++;
  }
  return counts;
}

/**
 * Build the tiers of a sweep.
 *
 * 1. Runs = every evaluated point of the sweep (`allEvaluated`: design, every search, every adaptive round), one per coupon
 *    vector; each is a real co-simulation of its coupons.
 * 2. Tier F's point set = every run admissible for F (`admissible`: the grid serves it —
 *    DUE converged, every OPF exact, nothing shed or curtailed — and subsidy ≤ F), one
 *    per distinct load vector on the axes. Hull of tier F = conv(that set). A run
 *    admissible for F is admissible for every larger budget, so the point sets and
 *    hulls are nested and the volumes non-decreasing (exact, not a tendency).
 * 3. Per direction a the tier's boundary point is the admissible run with the least
 *    aᵀP (earliest on ties): what the direction's search reached, or better.
 * 4. Counts: admissible points, and the other runs by reason (`rejectedCounts`).
 *
 * @param run - the raw sweep (directions in the full station space, zero off the axes)
 * @param axes - stations spanning the region (default all)
 * @param hullTolerance - relative flatness tolerance of `convexHullOf` (default 1e-6: an STA
 *   region whose total is fixed only up to the DUE gap is still reported flat)
 * @param points - the sweep's points (default `allEvaluated(run)`)
 * @example
 * const tiers = assembleTiers(run); tiers.map((t) => t.innerVolume);
 */
export function assembleTiers(run: SweepRun, axes?: readonly number[], hullTolerance = 1e-6, points: readonly EvaluatedPoint[] = allEvaluated(run)): FlexTier[] {
  const on = axes ?? run.design[0].netMw.map((_, i) => i);
  const coords = (p: EvaluatedPoint): number[] => on.map((s) => p.netMw[s]);
  const runs = distinctRuns(points);
  const served = runs.filter(gridServed);
  const tiers: FlexTier[] = [];
  const hullPoints: EvaluatedPoint[] = [];
  const hullCoords: number[][] = [];
  const taken = new Set<EvaluatedPoint>();
  for (const budget of run.spec.budgetsYuan) {
    // Grow the previous tier's set by the runs that become affordable: nested by construction.
    for (const p of served) {
      if (taken.has(p) || !admissible(p, budget)) continue;
      taken.add(p);
      const c = coords(p);
      if (hullCoords.some((q) => q.every((v, i) => Math.abs(v - c[i]) <= SAME_POINT_MW))) continue;
      hullPoints.push(p);
      hullCoords.push(c);
    }
    const directionPoints = hullPoints.length === 0 ? [] : run.directions.map((a) => {
      let best = hullPoints[0];
      let value = Infinity;
      for (const p of served) {
        if (!admissible(p, budget)) continue;
        const v = projection(a, p.netMw);
        if (v < value - 1e-12) {
          value = v;
          best = p;
        }
      }
      return best;
    });
    const hull = convexHullOf(hullCoords, { tolerance: hullTolerance });
    const previous = tiers[tiers.length - 1];
    const rangeMw = hullCoords.length === 0 ? [] : on.map((_, i) => ({
      min: Math.min(...hullCoords.map((c) => c[i])),
      max: Math.max(...hullCoords.map((c) => c[i])),
    }));
    const points = [...hullPoints];
    tiers.push({
      budgetYuan: budget,
      directionPoints,
      hullPoints: points,
      hull,
      vertices: hull.vertices.map((i) => points[i]),
      volumeIncreasePct: previous && previous.hull.measure > 0 && previous.hull.affineRank === hull.affineRank
        ? (100 * (hull.measure - previous.hull.measure)) / previous.hull.measure
        : undefined,
      rangeMw,
      innerVolume: hull.affineRank === on.length ? hull.volume : 0,
      admissiblePoints: points.length,
      rejected: rejectedCounts(runs, budget),
    });
  }
  return tiers;
}
