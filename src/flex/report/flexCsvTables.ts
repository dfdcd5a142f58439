/**
 * The CSV tables of a flexibility study as rows (header first), one value per cell,
 * vectors in long format (columns: flexCsvSchemas.ts; docs/flexibility.md §8).
 */
import type { TierPlan } from '../plan/planTier.js';
import type { EvaluatedPoint } from '../search/flexEvaluation.js';
import { pointCoupons } from '../search/couponWindow.js';
import { rejectionKey, TIER_REJECTIONS } from '../sweep/assembleTiers.js';
import { intervalClocks, regionMeasureKey, tierBounds, type FlexModelResult } from '../sweep/flexModelResult.js';

/** A table: header row, then data rows. */
export type CsvRows = (string | number)[][];

/** `rejectedShed`-style column of each tier rejection reason (order of `TIER_REJECTIONS`). */
const REJECTED_COLUMNS = TIER_REJECTIONS.map((r) => { const k = rejectionKey(r); return `rejected${k[0].toUpperCase()}${k.slice(1)}`; });

/** The grid record of a point as CSV cells: opfStatus, shedMw, curtailedMw. */
function gridCells(p: EvaluatedPoint): (string | number)[] {
  return [p.opfStatus ?? 'optimal', p.shedMw ?? 0, p.curtailedMw ?? 0];
}

/** Highest affine rank any tier of the study can have: the number of axis stations. */
function maxStations(results: readonly FlexModelResult[]): number {
  return Math.max(0, ...results.map((r) => r.axes.length));
}

/**
 * `tiers.csv`: one row per model and tier; the hull's size sits in the column of its
 * own dimension (`volumeMw3` full in three stations, `areaMw2` flat…), the others empty.
 *
 * @example
 * stringify(tiersCsv([dta])); // model,interval,clock,budgetYuan,stationCount,affineRank,lengthMw,areaMw2,volumeMw3,…
 */
export function tiersCsv(results: readonly FlexModelResult[]): CsvRows {
  const higher = Array.from({ length: Math.max(0, maxStations(results) - 3) }, (_, i) => `volumeMw${i + 4}`);
  const measures = ['lengthMw', 'areaMw2', 'volumeMw3'];
  const rows: CsvRows = [['model', 'interval', 'clock', 'budgetYuan', 'stationCount', 'affineRank', ...measures, 'increasePct', 'constantTotalMw', 'vertexCount', 'pointCount',
    'innerVolume', 'outerVolume', 'volumeRatio', 'admissiblePoints', 'outsideOuter', ...REJECTED_COLUMNS, ...higher]];
  for (const r of results) {
    for (const t of r.tiers) {
      const key = regionMeasureKey(t.hull.affineRank);
      const size = (k: string): number | string => (k === key ? t.hull.measure : '');
      const b = tierBounds(r, t);
      rows.push([
        r.model, r.timeIndex, r.time, t.budgetYuan, r.axes.length, t.hull.affineRank < 0 ? '' : t.hull.affineRank, ...measures.map(size),
        t.volumeIncreasePct ?? '', t.hull.constantTotal ?? '', t.vertices.length, t.directionPoints.length,
        b.innerVolume, b.outerVolume ?? '', b.volumeRatio ?? '', t.admissiblePoints, b.outsideOuter ?? '', ...TIER_REJECTIONS.map((x) => t.rejected[x]), ...higher.map(size),
      ]);
    }
  }
  return rows;
}

/** `ranges.csv`: one row per model, tier and axis station. */
export function rangesCsv(results: readonly FlexModelResult[]): CsvRows {
  const rows: CsvRows = [['model', 'budgetYuan', 'station', 'bus', 'minNetMw', 'maxNetMw']];
  for (const r of results) {
    for (const t of r.tiers) if (t.rangeMw.length > 0) r.axes.forEach((s, i) => rows.push([r.model, t.budgetYuan, r.stations[s], r.buses[s], t.rangeMw[i].min, t.rangeMw[i].max]));
  }
  return rows;
}

/** `points.csv`: one row per model, tier, direction point and axis station. */
export function pointsCsv(results: readonly FlexModelResult[]): CsvRows {
  const rows: CsvRows = [['model', 'budgetYuan', 'point', 'station', 'bus', 'directionComponent', 'netMw', 'subsidyYuan', 'dueRelativeGap', 'opfStatus', 'shedMw', 'curtailedMw']];
  for (const r of results) {
    for (const t of r.tiers) {
      t.directionPoints.forEach((p, d) => {
        for (const s of r.axes) rows.push([r.model, t.budgetYuan, d, r.stations[s], r.buses[s], r.run.directions[d][s], p.netMw[s], p.subsidyYuan, p.dueGap, ...gridCells(p)]);
      });
    }
  }
  return rows;
}

/** `vertices.csv`: one row per model, tier, hull vertex and axis station. */
export function verticesCsv(results: readonly FlexModelResult[]): CsvRows {
  const rows: CsvRows = [['model', 'budgetYuan', 'vertex', 'station', 'bus', 'netMw', 'subsidyYuan', 'dueRelativeGap', 'opfStatus', 'shedMw', 'curtailedMw']];
  for (const r of results) {
    for (const t of r.tiers) {
      t.vertices.forEach((p, v) => {
        for (const s of r.axes) rows.push([r.model, t.budgetYuan, v, r.stations[s], r.buses[s], p.netMw[s], p.subsidyYuan, p.dueGap, ...gridCells(p)]);
      });
    }
  }
  return rows;
}

/**
 * `coupons.csv`: every point's, vertex's and plan's coupons, one row per station and
 * interval of the coupon window (coupons are zero outside it).
 */
export function couponsCsv(results: readonly FlexModelResult[], plans: readonly TierPlan[] = []): CsvRows {
  const rows: CsvRows = [['model', 'budgetYuan', 'role', 'index', 'station', 'bus', 'interval', 'clock', 'chargeYuanPerKwh', 'v2gYuanPerVisit']];
  for (const r of results) {
    const clocks = intervalClocks(r);
    const window = r.window.blockIntervals.flat();
    const put = (budget: number, role: string, index: number, p: EvaluatedPoint): void => {
      const book = pointCoupons(r.window, p);
      r.stations.forEach((id, s) => {
        for (const t of window) rows.push([r.model, budget, role, index, id, r.buses[s], t, clocks[t], book.chargeYuanPerKWh[s * r.intervals + t], book.v2gYuanPerVisit[s * r.intervals + t]]);
      });
    };
    for (const t of r.tiers) {
      t.directionPoints.forEach((p, d) => put(t.budgetYuan, 'point', d, p));
      t.vertices.forEach((p, v) => put(t.budgetYuan, 'vertex', v, p));
    }
    const plan = plans.find((p) => p.model === r.model);
    if (plan?.point && plan.budgetYuan !== undefined) put(plan.budgetYuan, 'plan', 0, plan.point);
  }
  return rows;
}
