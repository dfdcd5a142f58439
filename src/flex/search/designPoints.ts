/**
 * The shared design of the sweep: single-coupon probes whose responses give the
 * search its sensitivities (docs/model.md §5 "Method notes"; docs/flexibility.md).
 */
import type { CouponWindow } from './couponWindow.js';

/**
 * Default probe levels, fractions of each coupon's bound: 1/64, 1/8 and 1 (on the default bounds
 * 0.031, 0.25 and 2 ¥/kWh; 0.94, 7.5 and 60 ¥/visit). Geometric, because the drivers' response
 * saturates early: on the reduced reference case a coupon at 1/4 of its bound moves nearly the
 * same vehicles as the full bound for a quarter of the subsidy, and random books of coupons of
 * 0.01–0.2 ¥/kWh reach points the levels 0.25 and 1 never showed the search (docs/flexibility.md §3).
 */
export const DEFAULT_PROBE_LEVELS: readonly number[] = [1 / 64, 1 / 8, 1];

/** One probe: component j at a level (fraction of its upper bound). */
export interface DesignProbe {
  /** Component index, −1 for the base point (no coupons). */
  readonly component: number;
  /** Level as a fraction of the component's upper bound (0 for the base). */
  readonly level: number;
  /** The component vector. */
  readonly x: readonly number[];
}

/**
 * Probes of the design: the base (x = 0) first, then for each component j and each
 * level ℓ (ascending) the vector ℓ · upper_j · e_j.
 *
 * Why single-coupon probes: they are direction-independent, so one set of DUE runs
 * (levels × m components) serves every direction and every budget; the search
 * then combines them (`surrogateCandidate`) and checks each combination with a real run.
 *
 * @param window - the coupon window
 * @param levels - fractions of the upper bound, in (0, 1], ascending; default {@link DEFAULT_PROBE_LEVELS}
 * @example
 * designProbes(couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2, span: 'window' }), [0.25, 1]).length; // 1 + 12 · 2 = 25
 */
export function designProbes(window: CouponWindow, levels: readonly number[] = DEFAULT_PROBE_LEVELS): DesignProbe[] {
  const m = window.components;
  const probes: DesignProbe[] = [{ component: -1, level: 0, x: new Array<number>(m).fill(0) }];
  for (let j = 0; j < m; j++) {
    for (const level of levels) {
      const x = new Array<number>(m).fill(0);
      x[j] = level * window.upper[j];
      probes.push({ component: j, level, x });
    }
  }
  return probes;
}
