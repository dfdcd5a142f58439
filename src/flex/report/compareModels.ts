/**
 * Static vs dynamic side by side (docs/model.md §5 "Static vs dynamic"; seed 003 §3.3 table).
 */
import type { FlexModelResult } from '../sweep/flexModelResult.js';

/** One row of the comparison: a model at one budget. */
export interface ModelComparisonRow {
  readonly model: string;
  readonly budgetYuan: number;
  /** Affine rank of the region (n: full-dimensional; n − 1: flat). */
  readonly affineRank: number;
  readonly dimensionLabel: string;
  readonly volumeMw3: number;
  /** (n−1)-measure when flat, MW^(n−1). */
  readonly areaMw2?: number;
  /** The fixed total station load when the region is flat on Σ P = const, MW. */
  readonly constantTotalMw?: number;
  /** Per-axis range, MW, and half-width ±. */
  readonly rangeMw: { readonly min: number; readonly max: number; readonly halfWidth: number }[];
}

/**
 * Rows for every model and budget.
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
      rows.push({
        model: r.model,
        budgetYuan: t.budgetYuan,
        affineRank: rank,
        dimensionLabel: rank === n ? `${n}-D volume` : rank === n - 1 ? `${rank}-D flat (rank n−1)` : `${rank}-D`,
        volumeMw3: t.hull.volume,
        areaMw2: t.hull.area,
        constantTotalMw: t.hull.constantTotal,
        rangeMw: t.rangeMw.map((x) => ({ ...x, halfWidth: (x.max - x.min) / 2 })),
      });
    }
  }
  return rows;
}
