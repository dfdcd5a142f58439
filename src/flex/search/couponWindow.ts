/**
 * The reduced coupon space of the boundary search (docs/model.md §5 "Method notes"
 * item 1; docs/flexibility.md §3): a *basis* of coupon blocks over the whole horizon —
 * fine blocks in the window [t* − k, t*] (one per interval by default), one block before it
 * and one or two after t* — one value per station × kind (that the station offers) × block.
 */
import { InputError } from '../../common/errors.js';
import type { CouponBook } from '../../sim/index.js';
import type { EvaluatedPoint, FullBook } from './flexEvaluation.js';

/** Coupon kinds: charging discount ψ_ch (¥/kWh) and V2G participation bonus ψ_v2g (¥ per visit). */
export const COUPON_KINDS = ['charge', 'v2g'] as const;

/** A coupon kind. */
export type CouponKind = (typeof COUPON_KINDS)[number];

/** Which part of the horizon a block covers. */
export type CouponBlockRole = 'before' | 'window' | 'after';

/** Options of {@link couponWindow}. */
export interface CouponWindowOptions {
  /** Number of stations n. */
  readonly stations: number;
  /** Number of intervals T of the scenario. */
  readonly intervals: number;
  /** Target interval t* (0-based). */
  readonly timeIndex: number;
  /** k: the fine window is [t* − k, t*] (clipped at 0); default 3 (30 min before a 10-min t*). */
  readonly lookbackIntervals?: number;
  /**
   * Number of contiguous blocks the fine window is split into, each with one coupon value; default
   * one block per interval of the window (k + 1 when t* ≥ k): the response to a coupon in one
   * interval differs from the next interval's in direction, not only in size (docs/flexibility.md §3).
   */
  readonly blocks?: number;
  /**
   * Number of blocks the part after t* is split into (`span: 'horizon'`): the first blocks are one
   * interval each (t* + 1, …), the last takes the rest and the tail. Default 2 when `blocks` is
   * left at its default (t* + 1 alone: a coupon there holds back drivers who would reach the station
   * at t*, without paying every later arrival), else 1 (the first version's single block).
   */
  readonly afterBlocks?: number;
  /**
   * `'horizon'` (default): besides the fine window, one block `before` = [0, t* − k − 1] and one
   * block `after` = [t* + 1, T − 1] (its value also holds in the clearance tail), when non-empty.
   * `'window'`: the fine window only (the space of the first version).
   */
  readonly span?: 'horizon' | 'window';
  /** Kinds each station offers (default both): a destination station without V2G ports gets no V2G component. */
  readonly stationKinds?: readonly (readonly CouponKind[])[];
  /** Upper bound of ψ_ch, ¥/kWh; default 2 (the base tariff: charging free at most). */
  readonly maxChargeYuanPerKWh?: number;
  /** Upper bound of ψ_v2g, ¥ per visit; default 60. */
  readonly maxV2gYuanPerVisit?: number;
}

/** A coupon basis: which intervals each block covers, and per component its station, kind, block and bound. */
export interface CouponWindow {
  readonly stations: number;
  readonly intervals: number;
  readonly timeIndex: number;
  /** Intervals of each block (ascending, contiguous, disjoint, in time order). */
  readonly blockIntervals: readonly (readonly number[])[];
  /** Role of each block (same order): `before` the fine window, in the `window` [t* − k, t*], `after` t*. */
  readonly blockRoles: readonly CouponBlockRole[];
  /** Number of components m (station-major, then kind, then block; kinds a station does not offer are left out). */
  readonly components: number;
  /** Station, kind (0 = charge, 1 = V2G) and block of each component. */
  readonly componentStation: Int32Array;
  readonly componentKind: Int8Array;
  readonly componentBlock: Int32Array;
  /** Upper bound of each component (¥/kWh for charge, ¥/visit for V2G). */
  readonly upper: Float64Array;
  /** Human-readable label of each component, e.g. `CS3 charge t5–t6`, `CS1 v2g t7–t11+tail`. */
  readonly labels: readonly string[];
}

/**
 * Build the coupon basis around t*.
 *
 * 1. Fine window = intervals max(0, t* − k) … t*: vehicles arriving then are in service
 *    or queued at t* (charging 20 min, V2G 30 min in the reference scenario), and
 *    coupons there can also pull arrivals earlier (temporal shift, seed 003 §3.3); split
 *    into `blocks` contiguous blocks (earlier blocks get the remainder; default one block
 *    per interval, so m = kinds × (k + 4) at most and grows linearly in k, never in T).
 * 2. With `span: 'horizon'`: one block for every interval before the window and
 *    `afterBlocks` after t* (default with the default `blocks`: t* + 1 alone, then the rest). The co-simulation holds the last interval's coupon through
 *    the clearance tail, so the `after` value is paid by every arrival after t*, tail included;
 *    with `span: 'window'` and t* < T − 1 the tail gets no coupon.
 * 3. One component per station × offered kind × block, bounded by the kind's maximum.
 *
 * @param options - {@link CouponWindowOptions}
 * @param stationIds - labels of the stations (default `S0…`)
 * @throws InputError when t* is outside the horizon, a count is not a positive integer or a kind list is bad
 * @example
 * const w = couponWindow({ stations: 3, intervals: 12, timeIndex: 6 });
 * w.blockIntervals; // [[0, 1, 2], [3], [4], [5], [6], [7], [8, 9, 10, 11]]
 * w.components;     // 42
 * couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2 }).components; // 24
 * couponWindow({ stations: 3, intervals: 12, timeIndex: 6, span: 'window' }).components; // 24
 */
export function couponWindow(options: CouponWindowOptions, stationIds?: readonly string[]): CouponWindow {
  const source = 'flex/couponWindow';
  const { stations, intervals, timeIndex } = options;
  const k = options.lookbackIntervals ?? 3;
  const blocks = options.blocks ?? Math.max(1, Math.min(timeIndex, k) + 1);
  const afterBlocks = options.afterBlocks ?? (options.blocks === undefined ? 2 : 1);
  const span = options.span ?? 'horizon';
  if (!Number.isInteger(timeIndex) || timeIndex < 0 || timeIndex >= intervals) {
    throw new InputError({ source, field: 'time', value: timeIndex }, `must be an interval index in [0, ${intervals - 1}]`);
  }
  if (!Number.isInteger(k) || k < 0) throw new InputError({ source, field: 'lookbackIntervals', value: k }, 'must be an integer ≥ 0');
  if (!Number.isInteger(blocks) || blocks < 1) throw new InputError({ source, field: 'blocks', value: blocks }, 'must be an integer ≥ 1');
  if (!Number.isInteger(afterBlocks) || afterBlocks < 1) throw new InputError({ source, field: 'afterBlocks', value: afterBlocks }, 'must be an integer ≥ 1');
  if (span !== 'horizon' && span !== 'window') throw new InputError({ source, field: 'span', value: span }, "must be 'horizon' or 'window'");
  const kinds = options.stationKinds;
  if (kinds !== undefined && kinds.length !== stations) {
    throw new InputError({ source, field: 'stationKinds', value: kinds.length }, `must list the kinds of each of the ${stations} stations`);
  }
  const first = Math.max(0, timeIndex - k);
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, q) => from + q);
  const blockIntervals: number[][] = [];
  const blockRoles: CouponBlockRole[] = [];
  if (span === 'horizon' && first > 0) {
    blockIntervals.push(range(0, first - 1));
    blockRoles.push('before');
  }
  const windowSpan = timeIndex - first + 1;
  const b = Math.min(blocks, windowSpan);
  let t = first;
  for (let i = 0; i < b; i++) {
    const size = Math.floor(windowSpan / b) + (i < windowSpan % b ? 1 : 0);
    blockIntervals.push(range(t, t + size - 1));
    blockRoles.push('window');
    t += size;
  }
  if (span === 'horizon' && timeIndex < intervals - 1) {
    let from = timeIndex + 1;
    for (let i = 1; i < afterBlocks && from < intervals - 1; i++, from++) {
      blockIntervals.push([from]);
      blockRoles.push('after');
    }
    blockIntervals.push(range(from, intervals - 1));
    blockRoles.push('after');
  }
  const station: number[] = [];
  const kind: number[] = [];
  const block: number[] = [];
  const upper: number[] = [];
  const labels: string[] = [];
  for (let s = 0; s < stations; s++) {
    for (let q = 0; q < COUPON_KINDS.length; q++) {
      const name = COUPON_KINDS[q];
      if (kinds !== undefined && !kinds[s].includes(name)) continue;
      for (let i = 0; i < blockIntervals.length; i++) {
        station.push(s);
        kind.push(q);
        block.push(i);
        upper.push(q === 0 ? (options.maxChargeYuanPerKWh ?? 2) : (options.maxV2gYuanPerVisit ?? 60));
        labels.push(`${stationIds?.[s] ?? `S${s}`} ${name} ${blockLabel(blockIntervals[i], intervals)}`);
      }
    }
  }
  return {
    stations,
    intervals,
    timeIndex,
    blockIntervals,
    blockRoles,
    components: station.length,
    componentStation: Int32Array.from(station),
    componentKind: Int8Array.from(kind),
    componentBlock: Int32Array.from(block),
    upper: Float64Array.from(upper),
    labels,
  };
}

function blockLabel(range: readonly number[], intervals: number): string {
  const when = range.length === 1 ? `t${range[0]}` : `t${range[0]}–t${range[range.length - 1]}`;
  // The last interval's value is held in the clearance tail.
  return range[range.length - 1] === intervals - 1 ? `${when}+tail` : when;
}

/**
 * Expand a component vector x into a full coupon book (index `s * intervals + t`); intervals
 * outside every block get 0.
 *
 * @param window - the basis
 * @param x - m component values (¥/kWh for charge, ¥/visit for V2G)
 * @example
 * const book = expandCoupons(w, x); book.chargeYuanPerKWh[2 * 12 + 6]; // ψ_ch of station 2 at t6
 */
export function expandCoupons(window: CouponWindow, x: ArrayLike<number>): CouponBook {
  const { stations, intervals, blockIntervals } = window;
  const chargeYuanPerKWh = new Float64Array(stations * intervals);
  const v2gYuanPerVisit = new Float64Array(stations * intervals);
  for (let j = 0; j < window.components; j++) {
    const s = window.componentStation[j];
    const book = window.componentKind[j] === 0 ? chargeYuanPerKWh : v2gYuanPerVisit;
    for (const t of blockIntervals[window.componentBlock[j]]) book[s * intervals + t] = x[j];
  }
  return { chargeYuanPerKWh, v2gYuanPerVisit };
}

/**
 * The coupon book a point was run with: its full `book` when it has one (a checked book), else its
 * component vector expanded on the basis.
 *
 * @example
 * pointCoupons(window, tier.vertices[0]).chargeYuanPerKWh[2 * 12 + 6];
 */
export function pointCoupons(window: CouponWindow, point: Pick<EvaluatedPoint, 'x' | 'book'>): CouponBook {
  return point.book === undefined ? expandCoupons(window, point.x) : fullBookCoupons(point.book);
}

/**
 * A full book's plain arrays as the co-simulation's coupon book (typed arrays, same index `s * intervals + t`).
 *
 * @example
 * fullBookCoupons({ chargeYuanPerKWh: [0, 1], v2gYuanPerVisit: [0, 0] }).chargeYuanPerKWh; // Float64Array [0, 1]
 */
export function fullBookCoupons(book: FullBook): CouponBook {
  return { chargeYuanPerKWh: Float64Array.from(book.chargeYuanPerKWh), v2gYuanPerVisit: Float64Array.from(book.v2gYuanPerVisit) };
}

/**
 * The kinds each station of a scenario offers: charge when it has chargers, V2G when it has V2G ports.
 *
 * @example
 * stationCouponKinds([{ chargers: 60, v2gPorts: 40 }, { chargers: 200, v2gPorts: 0 }]); // [['charge','v2g'], ['charge']]
 */
export function stationCouponKinds(stations: readonly { readonly chargers: number; readonly v2gPorts: number }[]): CouponKind[][] {
  return stations.map((s) => COUPON_KINDS.filter((k) => (k === 'charge' ? s.chargers > 0 : s.v2gPorts > 0)));
}
