/**
 * The result of one model's sweep (DTA or STA) and its stable JSON form (the
 * `ev-cosim flex --json` contract, documented in docs/flexibility.md).
 */
import { formatClockTime, parseClockTime } from '../../sim/index.js';
import type { CouponWindow } from '../search/couponWindow.js';
import { expandCoupons } from '../search/couponWindow.js';
import type { EvaluatedPoint } from '../search/flexEvaluation.js';
import type { FlexTier } from './assembleTiers.js';
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
  /** Wall time of the sweep, ms (not part of the deterministic result). */
  readonly wallMs: number;
}

/** A point in the JSON output. */
export interface FlexPointJson {
  /** Net load of the axis stations at t*, MW. */
  readonly netMW: number[];
  /** Coupons per station: ψ_ch ¥/kWh and ψ_v2g ¥/visit, one value per interval. */
  readonly coupons: Record<string, { chargeYuanPerKWh: number[]; v2gYuanPerVisit: number[] }>;
  /** Subsidy paid, ¥. */
  readonly subsidy: number;
  readonly dueGap: number;
}

/** Net load of the axis stations, MW. */
export function axisLoads(point: EvaluatedPoint, axes: readonly number[]): number[] {
  return axes.map((s) => point.netMw[s]);
}

/**
 * The JSON form of a point: loads on the axes and the full coupon book by station.
 *
 * @example
 * pointJson(result, tier.vertices[0]).coupons.CS3.chargeYuanPerKWh[6];
 */
export function pointJson(result: FlexModelResult, point: EvaluatedPoint): FlexPointJson {
  const book = expandCoupons(result.window, point.x);
  const T = result.intervals;
  const coupons: FlexPointJson['coupons'] = {};
  result.stations.forEach((id, s) => {
    coupons[id] = {
      chargeYuanPerKWh: Array.from(book.chargeYuanPerKWh.subarray(s * T, (s + 1) * T)),
      v2gYuanPerVisit: Array.from(book.v2gYuanPerVisit.subarray(s * T, (s + 1) * T)),
    };
  });
  return { netMW: axisLoads(point, result.axes), coupons, subsidy: point.subsidyYuan, dueGap: point.dueGap };
}

/**
 * The stable JSON object of one model (keys documented in docs/flexibility.md).
 *
 * @example
 * JSON.stringify(modelJson(result)); // { model: 'dta', time: 6, clock: '18:00', stations: [...], tiers: [...] }
 */
export function modelJson(result: FlexModelResult): Record<string, unknown> {
  const runs = result.run.runs;
  const points = result.tiers.reduce((k, t) => k + t.directionPoints.length, 0);
  return {
    model: result.model,
    time: result.timeIndex,
    clock: result.time,
    intervalMin: result.intervalMin,
    stations: result.axes.map((s) => result.stations[s]),
    buses: result.axes.map((s) => result.buses[s]),
    units: { netMW: 'MW (charge − V2G, + = consumption)', volume: 'MW^n', subsidy: '¥', chargeCoupon: '¥/kWh', v2gCoupon: '¥/visit' },
    window: { intervals: result.window.blockIntervals, components: result.window.labels },
    directions: result.run.spec.directions.map((a) => result.axes.map((s) => a[s])),
    base: pointJson(result, result.run.design[0]),
    tiers: result.tiers.map((t) => ({
      budget: t.budgetYuan,
      volume: t.hull.volume,
      increasePct: t.volumeIncreasePct ?? null,
      affineRank: t.hull.affineRank,
      measure: t.hull.measure,
      area: t.hull.area ?? null,
      constantTotal: t.hull.constantTotal ?? null,
      rangeMW: t.rangeMw.map((r) => [r.min, r.max]),
      vertices: t.vertices.map((p) => pointJson(result, p)),
      // Facets as indices into `vertices` (the hull's facets only use vertices).
      facets: t.hull.facets.map((f) => f.map((i) => t.hull.vertices.indexOf(i))),
      points: t.directionPoints.map((p) => pointJson(result, p)),
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
