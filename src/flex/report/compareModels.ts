/**
 * Static vs dynamic side by side (docs/model.md §5 "Static vs dynamic"; seed 003 §3.3 table).
 */
import { rangesJson, regionMeasureJson, type FlexModelResult, type NetMwRangeJson, type RegionMeasureKey } from '../sweep/flexModelResult.js';

/** Range of a station's net load and its half-width ±, MW. */
export interface ComparisonRangeJson extends NetMwRangeJson {
  readonly halfWidthMw: number;
}

/** One row of the comparison: a model at one budget. */
export type ModelComparisonRow = {
  readonly model: string;
  readonly budgetYuan: number;
  /** Affine rank of the region (n: full-dimensional; n − 1: flat). */
  /** null when the tier has no admissible point. */
  readonly affineRank: number | null;
  /** e.g. `3-D volume`, `2-D area (flat in 3 stations)`. */
  readonly dimensionLabel: string;
  /** The fixed total station load when the region is flat on Σ P = const, MW. */
  readonly constantTotalMw?: number;
  /** Per-station range, keyed by station id. */
  readonly ranges: Record<string, ComparisonRangeJson>;
} & Partial<Record<RegionMeasureKey, number>>;

/**
 * Rows for every model and budget. The region's size is under the key of its own
 * dimension (`volumeMw3` when full in 3 stations, `areaMw2` when flat), never a zero volume.
 *
 * @example
 * compareModels([dta, sta]).filter((r) => r.budgetYuan === 6000);
 */
export function compareModels(results: readonly FlexModelResult[]): ModelComparisonRow[] {
  const rows: ModelComparisonRow[] = [];
  for (const r of results) {
    const n = r.axes.length;
    for (const t of r.tiers) {
      const rank = t.hull.affineRank;
      const ranges: Record<string, ComparisonRangeJson> = {};
      for (const [id, x] of Object.entries(rangesJson(r, t))) ranges[id] = { ...x, halfWidthMw: (x.maxNetMw - x.minNetMw) / 2 };
      rows.push({
        model: r.model,
        budgetYuan: t.budgetYuan,
        affineRank: rank < 0 ? null : rank,
        dimensionLabel: dimensionLabel(rank, n),
        ...regionMeasureJson(t),
        ...(t.hull.constantTotal === undefined ? {} : { constantTotalMw: t.hull.constantTotal }),
        ranges,
      });
    }
  }
  return rows;
}

/**
 * What a region of affine rank k in n stations is, in words.
 *
 * @example
 * dimensionLabel(2, 3); // '2-D area (flat in 3 stations)'
 */
export function dimensionLabel(affineRank: number, stations: number): string {
  if (affineRank < 0) return 'empty';
  const what = affineRank === 0 ? 'point' : affineRank === 1 ? 'length' : affineRank === 2 ? 'area' : 'volume';
  return `${affineRank}-D ${what}${affineRank < stations ? ` (flat in ${stations} stations)` : ''}`;
}
