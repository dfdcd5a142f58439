/**
 * The result of one model's sweep (DTA or STA) and its stable JSON form (the
 * `ev-cosim flex --json` contract: docs/flexibility.md §8, schemas in
 * src/flex/report/flexJsonSchema.ts).
 */
import { basename } from 'node:path';
import { formatClockTime, parseClockTime } from '../../sim/index.js';
import type { CouponWindow } from '../search/couponWindow.js';
import { pointCoupons } from '../search/couponWindow.js';
import type { OuterRegion } from '../outer/outerBound.js';
import type { BookCheck } from '../books/bookCheck.js';
import type { EvaluatedPoint, RejectionReason } from '../search/flexEvaluation.js';
import type { OpfStatus } from '../../sim/index.js';
import { rejectionKey, TIER_REJECTIONS, type FlexTier } from './assembleTiers.js';
import type { SweepRun } from './runSweep.js';
import type { FlexModel } from './sweepSpec.js';

/** Everything one model's sweep produced. */
export interface FlexModelResult {
  readonly model: FlexModel;
  /** t* in this model's intervals, its start as `HH:MM`, and the interval length, minutes. */
  readonly timeIndex: number;
  readonly time: string;
  readonly intervalMin: number;
  readonly intervals: number;
  /** Station ids and their feeder buses (scenario order). */
  readonly stations: readonly string[];
  readonly buses: readonly number[];
  /** Stations spanning the region's axes (indices into `stations`). */
  readonly axes: readonly number[];
  readonly window: CouponWindow;
  readonly run: SweepRun;
  readonly tiers: FlexTier[];
  /**
   * Outer bound of the region on the axes (docs/flexibility.md "Outer bound"): a polytope that
   * provably contains every point the grid can serve, whatever the budget. Absent when not computed.
   */
  readonly outer?: OuterRegion;
  /** Checked books (docs/flexibility.md §3 "Checked books"): absent unless asked for. */
  readonly bookCheck?: BookCheck;
  /** Wall time of the sweep, ms (not part of the deterministic result). */
  readonly wallMs: number;
}

/** Admissible points farther outside the outer region than this count as outside, MW. */
export const OUTSIDE_OUTER_TOLERANCE_MW = 1e-6;

/** A tier's inner hull against the model's outer bound. */
export interface TierBounds {
  /** Inner hull's size in the axes' dimension n, MW^n (0 when the hull is flat). */
  readonly innerVolume: number;
  /** Outer region's volume, MW^n; null without an outer bound. */
  readonly outerVolume: number | null;
  /** innerVolume / outerVolume; null without an outer bound or with a zero outer volume. */
  readonly volumeRatio: number | null;
  /**
   * Admissible points of the tier outside the outer region by more than {@link OUTSIDE_OUTER_TOLERANCE_MW}
   * (must be 0: otherwise the bound or a run is wrong); null without an outer bound.
   */
  readonly outsideOuter: number | null;
}

/**
 * The inner volume of a tier, the outer volume, their ratio, and the check that every
 * admissible point of the tier lies in the outer region.
 *
 * @example
 * tierBounds(result, result.tiers[0]); // { innerVolume: 6.6, outerVolume: 20.1, volumeRatio: 0.33, outsideOuter: 0 }
 */
export function tierBounds(result: FlexModelResult, tier: FlexTier): TierBounds {
  const outer = result.outer;
  if (outer === undefined) return { innerVolume: tier.innerVolume, outerVolume: null, volumeRatio: null, outsideOuter: null };
  let outside = 0;
  for (const p of tier.hullPoints) if (!outer.contains(axisLoads(p, result.axes), OUTSIDE_OUTER_TOLERANCE_MW)) outside++;
  return {
    innerVolume: tier.innerVolume,
    outerVolume: outer.volume,
    volumeRatio: outer.volume > 0 ? tier.innerVolume / outer.volume : null,
    outsideOuter: outside,
  };
}

/** Coupons of one station, one value per interval of the horizon (index = interval). */
export interface StationCouponsJson {
  /** Charging discount ψ_ch, ¥/kWh. */
  readonly chargeYuanPerKwh: number[];
  /** V2G participation bonus ψ_v2g, ¥ per visit. */
  readonly v2gYuanPerVisit: number[];
}

/** A point (one co-simulation run) in the JSON output. */
export interface FlexPointJson {
  /** Net load at t* of each axis station (charge − V2G, + = consumption), MW, keyed by station id. */
  readonly netMw: Record<string, number>;
  /** Subsidy actually paid in the run, ¥. */
  readonly subsidyYuan: number;
  /** Final DUE relative gap of the run (dimensionless). */
  readonly dueRelativeGap: number;
  /** The full coupon book, keyed by station id (every station, not only the axes). */
  readonly coupons: Record<string, StationCouponsJson>;
  /** Worst OPF status over every interval of the run (window and tail). */
  readonly opfStatus: OpfStatus;
  /** Largest household load shed in one interval of the run, MW. */
  readonly shedMw: number;
  /** Largest EV charging curtailment in one interval of the run, MW. */
  readonly curtailedMw: number;
  /** Why the grid does not serve the run; absent when it does. */
  readonly rejection?: RejectionReason;
}

/**
 * Name of a region's size in its own dimension: the measure of an affine-rank-k set
 * is a length (MW), an area (MW²), a volume (MW³), or a k-volume (MW^k). A flat region
 * therefore reports its area and never a meaningless zero volume (docs/flexibility.md §5).
 */
export type RegionMeasureKey = 'lengthMw' | 'areaMw2' | 'volumeMw3' | `volumeMw${number}`;

/**
 * The measure key of affine rank k, or undefined for a point (rank 0) or an empty set.
 *
 * @example
 * regionMeasureKey(3); // 'volumeMw3'
 * regionMeasureKey(2); // 'areaMw2' (the STA plane in 3 stations)
 */
export function regionMeasureKey(affineRank: number): RegionMeasureKey | undefined {
  if (affineRank <= 0) return undefined;
  if (affineRank === 1) return 'lengthMw';
  if (affineRank === 2) return 'areaMw2';
  return `volumeMw${affineRank}`;
}

/** A tier's size: `{ [regionMeasureKey(rank)]: measure }`, empty for rank ≤ 0. */
export function regionMeasureJson(tier: FlexTier): Partial<Record<RegionMeasureKey, number>> {
  const key = regionMeasureKey(tier.hull.affineRank);
  return key === undefined ? {} : { [key]: tier.hull.measure };
}

/** Range of one station's net load over a tier's hull points, MW. */
export interface NetMwRangeJson {
  readonly minNetMw: number;
  readonly maxNetMw: number;
}

/** One subsidy tier in the JSON output. */
export type FlexTierJson = {
  readonly budgetYuan: number;
  /** null when the tier has no admissible point (empty hull). */
  readonly affineRank: number | null;
  /** Growth of the measure over the previous tier, % (absent for the first tier or a rank change). */
  readonly increasePct?: number;
  /** Total station net load when the region is flat on Σ P = const, MW. */
  readonly constantTotalMw?: number;
  readonly ranges: Record<string, NetMwRangeJson>;
  readonly vertices: FlexPointJson[];
  /** Boundary facets as indices into `vertices`. */
  readonly facets: number[][];
  /** One point per direction (order of `directions`); empty when the tier has no admissible point. */
  readonly points: FlexPointJson[];
  /** Inner hull's size in the axes' dimension, MW^n (0 when flat). */
  readonly innerVolume: number;
  /** Outer bound's volume, MW^n; null when not computed. */
  readonly outerVolume: number | null;
  /** innerVolume / outerVolume; null without an outer bound. */
  readonly volumeRatio: number | null;
  /** Distinct admissible load vectors of the tier (its point set). */
  readonly admissiblePoints: number;
  /** Admissible points outside the outer region (must be 0); null without an outer bound. */
  readonly outsideOuter: number | null;
  /** Distinct runs of the sweep not in the tier, by reason (camelCase keys, `rejectionKey`). */
  readonly rejected: Readonly<Record<string, number>>;
} & Partial<Record<RegionMeasureKey, number>>;

/** A block of the coupon window: its intervals and their start clocks. */
export interface CouponBlockJson {
  readonly intervals: number[];
  readonly clocks: string[];
}

/** The JSON object of one model (`ev-cosim flex --json` with one model). */
export interface FlexModelJson {
  readonly model: FlexModel;
  readonly scenario: string;
  /** t*: interval index and its start `HH:MM`. */
  readonly interval: number;
  readonly clock: string;
  readonly intervalMin: number;
  /** Start `HH:MM` of every interval (index = interval): the time axis of the coupon arrays. */
  readonly clocks: string[];
  readonly stations: string[];
  readonly buses: number[];
  readonly window: { readonly blocks: CouponBlockJson[]; readonly components: string[] };
  readonly directions: number[][];
  readonly base: FlexPointJson;
  readonly tiers: FlexTierJson[];
  readonly runs: { readonly design: number; readonly search: number; readonly perPoint: number; readonly resumedTasks: number };
}

/** Net load of the axis stations, MW. */
export function axisLoads(point: EvaluatedPoint, axes: readonly number[]): number[] {
  return axes.map((s) => point.netMw[s]);
}

/**
 * Start `HH:MM` of every interval of the model's horizon.
 *
 * @example
 * intervalClocks(result)[6]; // '18:00' for the reference scenario's t*
 */
export function intervalClocks(result: FlexModelResult): string[] {
  const start = parseClockTime(result.time) - result.timeIndex * result.intervalMin;
  return Array.from({ length: result.intervals }, (_, t) => formatClockTime(start + t * result.intervalMin));
}

/** Scenario name from the sweep's file when the caller gives none (`ref.json` → `ref`). */
export function defaultScenarioName(result: FlexModelResult): string {
  return basename(result.run.spec.scenarioFile).replace(/\.json$/i, '');
}

/**
 * The JSON form of a point: loads on the axes (by station id) and the full coupon book by station.
 *
 * @example
 * pointJson(result, tier.vertices[0]).coupons.CS3.chargeYuanPerKwh[6];
 */
export function pointJson(result: FlexModelResult, point: EvaluatedPoint): FlexPointJson {
  const book = pointCoupons(result.window, point);
  const T = result.intervals;
  const coupons: Record<string, StationCouponsJson> = {};
  result.stations.forEach((id, s) => {
    coupons[id] = {
      chargeYuanPerKwh: Array.from(book.chargeYuanPerKWh.subarray(s * T, (s + 1) * T)),
      v2gYuanPerVisit: Array.from(book.v2gYuanPerVisit.subarray(s * T, (s + 1) * T)),
    };
  });
  const netMw: Record<string, number> = {};
  for (const s of result.axes) netMw[result.stations[s]] = point.netMw[s];
  return {
    netMw, subsidyYuan: point.subsidyYuan, dueRelativeGap: point.dueGap, coupons,
    opfStatus: point.opfStatus ?? 'optimal', shedMw: point.shedMw ?? 0, curtailedMw: point.curtailedMw ?? 0,
    ...(point.rejection === undefined ? {} : { rejection: point.rejection }),
  };
}

/** Per-station net-load ranges of a tier, keyed by station id. */
export function rangesJson(result: FlexModelResult, tier: FlexTier): Record<string, NetMwRangeJson> {
  const ranges: Record<string, NetMwRangeJson> = {};
  // A tier without admissible point has no range: no key.
  result.axes.forEach((s, i) => {
    if (tier.rangeMw[i]) ranges[result.stations[s]] = { minNetMw: tier.rangeMw[i].min, maxNetMw: tier.rangeMw[i].max };
  });
  return ranges;
}

/**
 * The stable JSON object of one model (keys documented in docs/flexibility.md §8).
 *
 * @param result - the model's sweep
 * @param scenario - scenario name (default: the scenario file's name)
 * @example
 * JSON.stringify(modelJson(result, 'reference')); // { model: 'dta', scenario: 'reference', interval: 6, clock: '18:00', … }
 */
export function modelJson(result: FlexModelResult, scenario = defaultScenarioName(result)): FlexModelJson {
  const runs = result.run.runs;
  const points = result.tiers.reduce((k, t) => k + t.directionPoints.length, 0);
  const clocks = intervalClocks(result);
  return {
    model: result.model,
    scenario,
    interval: result.timeIndex,
    clock: result.time,
    intervalMin: result.intervalMin,
    clocks,
    stations: result.axes.map((s) => result.stations[s]),
    buses: result.axes.map((s) => result.buses[s]),
    window: {
      blocks: result.window.blockIntervals.map((b) => ({ intervals: [...b], clocks: b.map((t) => clocks[t]) })),
      components: [...result.window.labels],
    },
    directions: result.run.directions.map((a) => result.axes.map((s) => a[s])),
    base: pointJson(result, result.run.design[0]),
    tiers: result.tiers.map((t): FlexTierJson => ({
      budgetYuan: t.budgetYuan,
      affineRank: t.hull.affineRank < 0 ? null : t.hull.affineRank,
      ...regionMeasureJson(t),
      ...(t.volumeIncreasePct === undefined ? {} : { increasePct: t.volumeIncreasePct }),
      ...(t.hull.constantTotal === undefined ? {} : { constantTotalMw: t.hull.constantTotal }),
      ranges: rangesJson(result, t),
      vertices: t.vertices.map((p) => pointJson(result, p)),
      // Facets as indices into `vertices` (the hull's facets only use vertices).
      facets: t.hull.facets.map((f) => f.map((i) => t.hull.vertices.indexOf(i))),
      points: t.directionPoints.map((p) => pointJson(result, p)),
      ...tierBounds(result, t),
      admissiblePoints: t.admissiblePoints,
      rejected: Object.fromEntries(TIER_REJECTIONS.map((r) => [rejectionKey(r), t.rejected[r]])),
    })),
    runs: { design: runs.design, search: runs.search, perPoint: points > 0 ? (runs.design + runs.search) / points : 0, resumedTasks: result.run.resumed },
  };
}

/**
 * Clock time `HH:MM` of interval t.
 *
 * @example
 * intervalClock('17:00', 10, 6); // '18:00'
 */
export function intervalClock(start: string, intervalMin: number, t: number): string {
  return formatClockTime(parseClockTime(start) + t * intervalMin);
}
