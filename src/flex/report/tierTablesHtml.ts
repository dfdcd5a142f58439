/**
 * The report's tables: per model its tiers (the region's size in its own dimension,
 * never a zero volume next to an area), and the static-vs-dynamic comparison.
 */
import { escapeXml } from '../../common/svgText.js';
import { TIER_REJECTIONS, type FlexTier } from '../sweep/assembleTiers.js';
import { regionMeasureKey, tierBounds, type FlexModelResult } from '../sweep/flexModelResult.js';
import { compareModels, dimensionLabel } from './compareModels.js';
import { measureHeading, stationLabel } from './tierStyle.js';

/** `−1.42`-style MW value (typographic minus). */
export function formatMw(v: number, digits = 2): string {
  return v.toFixed(digits).replace(/^-/, '−');
}

const cell = (text: string): string => `<td>${escapeXml(text)}</td>`;

/** Affine ranks present among tiers, ascending, without empty/point ranks. */
function ranksOf(ranks: readonly number[]): number[] {
  return [...new Set(ranks.filter((k) => k > 0))].sort((a, b) => a - b);
}

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/** `³`-style exponent. */
export function superscript(k: number): string {
  return String(k).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
}

/**
 * Rejected runs of a tier in words, e.g. `shed 12, over-budget 40` (reasons with a zero count left out; `none`).
 *
 * @example
 * rejectedSummary(tier); // 'shed 3, over-budget 17'
 */
export function rejectedSummary(tier: FlexTier): string {
  const parts = TIER_REJECTIONS.filter((r) => tier.rejected[r] > 0).map((r) => `${r} ${tier.rejected[r]}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** Inner volume (flat: 0 and why), outer volume, ratio, admissible points, rejected runs. */
function boundCells(result: FlexModelResult, t: FlexTier): string[] {
  const b = tierBounds(result, t);
  const inner = t.admissiblePoints === 0 ? '0 (no admissible point)' : t.hull.affineRank < result.axes.length ? `0 (flat, rank ${t.hull.affineRank})` : b.innerVolume.toFixed(3);
  const outside = b.outsideOuter !== null && b.outsideOuter > 0 ? ` — ${b.outsideOuter} OUTSIDE the outer bound` : '';
  return [
    inner, b.outerVolume === null ? '–' : b.outerVolume.toFixed(3), b.volumeRatio === null ? '–' : b.volumeRatio.toFixed(3),
    `${t.admissiblePoints}${outside}`, rejectedSummary(t),
  ];
}

/**
 * The tier table of a model: budget, region kind, one size column per rank present
 * (usually just `Volume, MW³`), increase, constant total (flat regions only),
 * the range of every axis station (with its bus), points and vertices, the inner
 * volume in the axes' dimension, the outer bound's volume and the ratio, admissible
 * points and rejected runs by reason.
 *
 * @example
 * tierTableHtml(result); // '<table class="tiers">…'
 */
export function tierTableHtml(result: FlexModelResult): string {
  const n = result.axes.length;
  const ranks = ranksOf(result.tiers.map((t) => t.hull.affineRank));
  const flat = result.tiers.some((t) => t.hull.constantTotal !== undefined);
  const head = [
    'Budget, ¥', 'Region', ...ranks.map(measureHeading), 'Increase over the previous tier, %',
    ...(flat ? ['Constant total, MW'] : []),
    ...result.axes.map((_, i) => `${stationLabel(result, i)} range, MW`), 'Boundary points', 'Hull vertices',
    `Inner volume, MW${superscript(n)}`, `Outer volume, MW${superscript(n)}`, 'Inner / outer', 'Admissible points', 'Rejected runs',
  ];
  const rows = result.tiers.map((t) => {
    const cells = [
      String(t.budgetYuan), dimensionLabel(t.hull.affineRank, n),
      ...ranks.map((k) => (k === t.hull.affineRank ? t.hull.measure.toFixed(3) : '–')),
      t.volumeIncreasePct === undefined ? '–' : t.volumeIncreasePct.toFixed(1),
      ...(flat ? [t.hull.constantTotal === undefined ? '–' : formatMw(t.hull.constantTotal, 3)] : []),
      ...result.axes.map((_, i) => (t.rangeMw[i] ? `${formatMw(t.rangeMw[i].min)} to ${formatMw(t.rangeMw[i].max)}` : '–')),
      String(t.directionPoints.length), String(t.vertices.length),
      ...boundCells(result, t),
    ];
    return `<tr>${cells.map(cell).join('')}</tr>`;
  });
  return `<table class="tiers"><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * Static vs dynamic per budget (docs/model.md §5 "Static vs dynamic"): region kind,
 * size in its own dimension, constant total, ± half-range per station.
 *
 * @example
 * comparisonTableHtml([dta, sta]);
 */
export function comparisonTableHtml(results: readonly FlexModelResult[]): string {
  const first = results[0];
  const rows = compareModels(results);
  const ranks = ranksOf(rows.map((r) => r.affineRank ?? -1));
  const head = ['Model', 'Budget, ¥', 'Region', ...ranks.map(measureHeading), 'Constant total, MW', ...first.axes.map((_, i) => `${stationLabel(first, i)} ± half-range, MW`)];
  const body = rows.map((c) => {
    const size = (k: number): string => {
      const key = regionMeasureKey(k);
      const v = key === undefined ? undefined : c[key];
      return typeof v === 'number' ? v.toFixed(3) : '–';
    };
    const cells = [
      c.model.toUpperCase(), String(c.budgetYuan), c.dimensionLabel, ...ranks.map(size),
      c.constantTotalMw === undefined ? '–' : formatMw(c.constantTotalMw, 3),
      ...Object.values(c.ranges).map((x) => `±${x.halfWidthMw.toFixed(2)}`),
    ];
    return `<tr>${cells.map(cell).join('')}</tr>`;
  });
  return `<table class="comparison"><thead><tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}
