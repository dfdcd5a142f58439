/**
 * Checked books against the sweep's inner hulls (docs/flexibility.md §3 "Checked books"):
 * which admissible books lie outside their tier's hull, by how much, and the tiers they join.
 */
import { distanceToHull } from '../hull/distanceToHull.js';
import { hullContains } from '../hull/hullContains.js';
import { admissible, type EvaluatedPoint } from '../search/flexEvaluation.js';
import type { FlexTier } from '../sweep/assembleTiers.js';
import type { BookRuns, CheckedBook } from './runBookCheck.js';

/** Books farther outside a tier's hull than this are listed, MW (the check: 0.05 MW). */
export const DEFAULT_OUTSIDE_TOLERANCE_MW = 0.05;

/** An admissible book outside a tier's hull built from the sweep's own runs. */
export interface BookOutside {
  readonly book: CheckedBook;
  readonly budgetYuan: number;
  /** Distance to the sweep's hull of the tier, MW: at most `distanceMw`, at least `distanceLowerMw` (Frank–Wolfe bracket); null when that tier had no point. */
  readonly distanceMw: number | null;
  readonly distanceLowerMw: number | null;
}

/** One tier of the check. */
export interface BookCheckTier {
  readonly budgetYuan: number;
  /** Books admissible for the tier (the grid serves them, subsidy ≤ the budget). */
  readonly admissibleBooks: number;
  /** Of them, outside the sweep's hull by more than the tolerance. */
  readonly outsideBooks: number;
  /** Largest distance of an admissible book outside the sweep's hull (upper bound), MW; 0 when none is outside; null when the sweep's tier had no point. */
  readonly farthestOutsideMw: number | null;
  /** The tier's inner volume from the sweep's runs alone, MW^n (the tier's `innerVolume` includes the books). */
  readonly sweepInnerVolume: number;
}

/** The checked books of a model, measured against the sweep's hulls. */
export interface BookCheck extends BookRuns {
  readonly outsideToleranceMw: number;
  readonly tiers: BookCheckTier[];
  /** Every (book, tier) with the book admissible for the tier and outside its sweep hull by more than the tolerance, tier by tier. */
  readonly outside: BookOutside[];
}

/**
 * Measure checked books against the tiers of the sweep's own runs.
 *
 * Per tier and admissible book: inside the hull (facet test) → 0; else the Frank–Wolfe distance
 * bracket to the hull's vertices. A book is listed when the upper bound exceeds the tolerance.
 * The study's tiers then take every admissible book into their point sets, so each listed book
 * lies in its tier's reported hull.
 *
 * @param runs - the books run ({@link BookRuns})
 * @param sweepTiers - `assembleTiers` of the sweep's runs alone
 * @param axes - stations spanning the region
 * @param outsideToleranceMw - [{@link DEFAULT_OUTSIDE_TOLERANCE_MW}]
 * @example
 * const check = bookCheck(runs, assembleTiers(run, axes), axes); check.outside.length;
 */
export function bookCheck(runs: BookRuns, sweepTiers: readonly FlexTier[], axes: readonly number[], outsideToleranceMw = DEFAULT_OUTSIDE_TOLERANCE_MW): BookCheck {
  const on = (p: EvaluatedPoint): number[] => axes.map((s) => p.netMw[s]);
  const outside: BookOutside[] = [];
  const tiers = sweepTiers.map((tier): BookCheckTier => {
    const mine = runs.books.filter((b) => admissible(b.point, tier.budgetYuan));
    const hullPoints = tier.hullPoints.map(on);
    const vertices = tier.vertices.map(on);
    let farthest: number | null = vertices.length === 0 ? null : 0;
    let count = 0;
    for (const book of mine) {
      const p = on(book.point);
      const distance = vertices.length === 0 ? null : hullContains(tier.hull, hullPoints, p) ? { upper: 0, lower: 0 } : distanceToHull(p, vertices);
      if (distance !== null) farthest = Math.max(farthest!, distance.upper);
      if (distance !== null && distance.upper <= outsideToleranceMw) continue;
      count++;
      outside.push({ book, budgetYuan: tier.budgetYuan, distanceMw: distance?.upper ?? null, distanceLowerMw: distance?.lower ?? null });
    }
    return { budgetYuan: tier.budgetYuan, admissibleBooks: mine.length, outsideBooks: count, farthestOutsideMw: farthest, sweepInnerVolume: tier.innerVolume };
  });
  return { ...runs, outsideToleranceMw, tiers, outside };
}
