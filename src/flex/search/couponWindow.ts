/**
 * The reduced coupon space of the boundary search (docs/model.md §5 "Method notes"
 * item 1): coupons only in a window of intervals that can move the station load at
 * t*, grouped into blocks, one value per station × kind × block.
 */
import { InputError } from '../../common/errors.js';
import type { CouponBook } from '../../sim/index.js';

/** Coupon kinds: charging discount ψ_ch (¥/kWh) and V2G participation bonus ψ_v2g (¥ per visit). */
export const COUPON_KINDS = ['charge', 'v2g'] as const;

/** Options of {@link couponWindow}. */
export interface CouponWindowOptions {
  /** Number of stations n. */
  readonly stations: number;
  /** Number of intervals T of the scenario. */
  readonly intervals: number;
  /** Target interval t* (0-based). */
  readonly timeIndex: number;
  /** k: coupons act on arrivals in [t* − k, t*] (clipped at 0); default 3 (30 min before a 10-min t*). */
  readonly lookbackIntervals?: number;
  /** Number of contiguous blocks the window is split into, each with one coupon value; default 2. */
  readonly blocks?: number;
  /** Upper bound of ψ_ch, ¥/kWh; default 2 (the base tariff: charging free at most). */
  readonly maxChargeYuanPerKWh?: number;
  /** Upper bound of ψ_v2g, ¥ per visit; default 60. */
  readonly maxV2gYuanPerVisit?: number;
}

/** A window: which intervals each block covers and the bounds of each component. */
export interface CouponWindow {
  readonly stations: number;
  readonly intervals: number;
  readonly timeIndex: number;
  /** Intervals of each block (ascending, contiguous, covering [t* − k, t*]). */
  readonly blockIntervals: readonly (readonly number[])[];
  /** Components m = stations × 2 × blocks; component j = (s · 2 + kind) · blocks + b. */
  readonly components: number;
  /** Upper bound of each component (¥/kWh for charge, ¥/visit for V2G). */
  readonly upper: Float64Array;
  /** Human-readable label of each component, e.g. `CS3 charge t4–t5`. */
  readonly labels: readonly string[];
}

/**
 * Build the coupon window around t*.
 *
 * 1. Window = intervals max(0, t* − k) … t*: vehicles arriving then are in service
 *    or queued at t* (charging 20 min, V2G 30 min in the reference scenario), and
 *    coupons there can also pull arrivals earlier (temporal shift, seed 003 §3.3).
 * 2. Split it into `blocks` contiguous blocks (earlier blocks get the remainder).
 * 3. One component per station × kind × block, bounded by the kind's maximum.
 *
 * @param options - {@link CouponWindowOptions}
 * @param stationIds - labels of the stations (default `S0…`)
 * @throws InputError when t* is outside the horizon or a count is not a positive integer
 * @example
 * const w = couponWindow({ stations: 3, intervals: 12, timeIndex: 6 });
 * w.blockIntervals; // [[3, 4], [5, 6]]
 * w.components;     // 12
 */
export function couponWindow(options: CouponWindowOptions, stationIds?: readonly string[]): CouponWindow {
  const source = 'flex/couponWindow';
  const { stations, intervals, timeIndex } = options;
  const k = options.lookbackIntervals ?? 3;
  const blocks = options.blocks ?? 2;
  if (!Number.isInteger(timeIndex) || timeIndex < 0 || timeIndex >= intervals) {
    throw new InputError({ source, field: 'time', value: timeIndex }, `must be an interval index in [0, ${intervals - 1}]`);
  }
  if (!Number.isInteger(k) || k < 0) throw new InputError({ source, field: 'lookbackIntervals', value: k }, 'must be an integer ≥ 0');
  if (!Number.isInteger(blocks) || blocks < 1) throw new InputError({ source, field: 'blocks', value: blocks }, 'must be an integer ≥ 1');
  const first = Math.max(0, timeIndex - k);
  const span = timeIndex - first + 1;
  const b = Math.min(blocks, span);
  const blockIntervals: number[][] = [];
  let t = first;
  for (let i = 0; i < b; i++) {
    const size = Math.floor(span / b) + (i < span % b ? 1 : 0);
    blockIntervals.push(Array.from({ length: size }, (_, q) => t + q));
    t += size;
  }
  const components = stations * 2 * b;
  const upper = new Float64Array(components);
  const labels: string[] = [];
  for (let s = 0; s < stations; s++) {
    for (let kind = 0; kind < 2; kind++) {
      for (let i = 0; i < b; i++) {
        upper[(s * 2 + kind) * b + i] = kind === 0 ? (options.maxChargeYuanPerKWh ?? 2) : (options.maxV2gYuanPerVisit ?? 60);
        const range = blockIntervals[i];
        const when = range.length === 1 ? `t${range[0]}` : `t${range[0]}–t${range[range.length - 1]}`;
        labels.push(`${stationIds?.[s] ?? `S${s}`} ${COUPON_KINDS[kind]} ${when}`);
      }
    }
  }
  return { stations, intervals, timeIndex, blockIntervals, components, upper, labels };
}

/**
 * Expand a component vector x into a full coupon book (index `s * intervals + t`).
 *
 * @param window - the window
 * @param x - m component values (¥/kWh for charge, ¥/visit for V2G)
 * @example
 * const book = expandCoupons(w, x); book.chargeYuanPerKWh[2 * 12 + 6]; // ψ_ch of station 2 at t6
 */
export function expandCoupons(window: CouponWindow, x: ArrayLike<number>): CouponBook {
  const { stations, intervals, blockIntervals } = window;
  const b = blockIntervals.length;
  const chargeYuanPerKWh = new Float64Array(stations * intervals);
  const v2gYuanPerVisit = new Float64Array(stations * intervals);
  for (let s = 0; s < stations; s++) {
    for (let i = 0; i < b; i++) {
      for (const t of blockIntervals[i]) {
        chargeYuanPerKWh[s * intervals + t] = x[(s * 2) * b + i];
        v2gYuanPerVisit[s * intervals + t] = x[(s * 2 + 1) * b + i];
      }
    }
  }
  return { chargeYuanPerKWh, v2gYuanPerVisit };
}
