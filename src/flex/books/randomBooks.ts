/**
 * Random full coupon books (docs/flexibility.md §3 "Checked books"): a seeded search of the
 * whole coupon space — every station, kind and interval, not the sweep's reduced basis — to
 * test the inner hull against.
 */
import { mulberry32 } from '../../common/mulberry32.js';
import type { CouponKind } from '../search/couponWindow.js';
import type { FullBook } from '../search/flexEvaluation.js';

/** Options of {@link randomBook}. */
export interface RandomBookOptions {
  /** Seed of the whole search: book i depends on (seed, i) alone. */
  readonly seed: number;
  /** Kinds each station offers (index = station). */
  readonly stationKinds: readonly (readonly CouponKind[])[];
  readonly intervals: number;
  /** Coupon bounds: ψ_ch ≤ this, ¥/kWh; ψ_v2g ≤ this, ¥ per visit. */
  readonly maxChargeYuanPerKWh: number;
  readonly maxV2gYuanPerVisit: number;
}

/** A random book and the draws that scale it into a budget (`FlexTask` `book`, `scaleDraws`). */
export interface RandomBook {
  readonly book: FullBook;
  readonly scaleDraws: readonly number[];
}

/** Densities a book's coupons are drawn with: a few strong coupons or many weak ones. */
export const RANDOM_BOOK_DENSITIES: readonly number[] = [0.1, 0.25, 0.5];

/**
 * Book `index` of a seeded random search.
 *
 * 1. Density ρ, one of {@link RANDOM_BOOK_DENSITIES}, uniformly.
 * 2. Each station × offered kind × interval carries a coupon with probability ρ, uniform in
 *    [0, bound] (kinds a station does not offer stay 0).
 * 3. Two scale draws in (0, 1], for fitting a book over the budget (`FlexTask` `book`).
 *
 * @param index - book number, ≥ 0
 * @param options - {@link RandomBookOptions}
 * @example
 * const { book } = randomBook(0, { seed: 1, stationKinds: [['charge', 'v2g']], intervals: 6, maxChargeYuanPerKWh: 2, maxV2gYuanPerVisit: 60 });
 * book.chargeYuanPerKWh.length; // 6
 */
export function randomBook(index: number, options: RandomBookOptions): RandomBook {
  const random = mulberry32((Math.imul(options.seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const { stationKinds, intervals: T } = options;
  const density = RANDOM_BOOK_DENSITIES[Math.floor(random() * RANDOM_BOOK_DENSITIES.length)];
  const charge = new Array<number>(stationKinds.length * T).fill(0);
  const v2g = new Array<number>(stationKinds.length * T).fill(0);
  stationKinds.forEach((kinds, s) => {
    for (let t = 0; t < T; t++) {
      if (kinds.includes('charge') && random() < density) charge[s * T + t] = options.maxChargeYuanPerKWh * random();
      if (kinds.includes('v2g') && random() < density) v2g[s * T + t] = options.maxV2gYuanPerVisit * random();
    }
  });
  return { book: { chargeYuanPerKWh: charge, v2gYuanPerVisit: v2g }, scaleDraws: [1 - random(), 1 - random()] };
}
