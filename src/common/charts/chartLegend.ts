/**
 * The legend of a line chart: one entry per drawn series (swatch with the series'
 * dash and marker, then its name), laid out in columns under the plot.
 */
import { escapeXml } from '../svgText.js';
import { markerPath, type SeriesStyle } from './seriesStyle.js';

/** One legend entry. */
export interface LegendEntry {
  readonly name: string;
  readonly style: SeriesStyle;
}

/** Approximate width of one character of 11 px sans-serif text, px. */
export const CHAR_WIDTH_PX = 6.2;
const ROW_HEIGHT_PX = 16;
const SWATCH_PX = 26;

/** Legend laid out for a width: rows needed and the SVG. */
export interface LegendLayout {
  readonly heightPx: number;
  /** SVG elements placed with their top-left corner at (x, y). */
  readonly svg: (x: number, y: number) => string;
}

/**
 * Lay out legend entries in columns across `widthPx`: the most columns (at most 4)
 * whose natural widths (swatch + longest name in the column) fit; names longer than
 * one full row are cut with "…" (the full name stays in the entry's tooltip).
 *
 * @example
 * const legend = chartLegend([{ name: 'CS1', style: seriesStyle(0) }], 560);
 * legend.svg(64, 280); // '<g data-legend="CS1">…'
 */
export function chartLegend(entries: readonly LegendEntry[], widthPx: number): LegendLayout {
  if (entries.length === 0) return { heightPx: 0, svg: () => '' };
  const entryPx = (e: LegendEntry): number => SWATCH_PX + 14 + e.name.length * CHAR_WIDTH_PX;
  let columns = 1;
  let columnPx = [widthPx];
  for (let c = Math.min(4, entries.length); c >= 2; c--) {
    const widths = Array.from({ length: c }, (_, j) => Math.max(...entries.filter((_, k) => k % c === j).map(entryPx)));
    if (widths.reduce((a, b) => a + b, 0) <= widthPx) {
      columns = c;
      columnPx = widths;
      break;
    }
  }
  const rows = Math.ceil(entries.length / columns);
  const offsets = columnPx.map((_, j) => columnPx.slice(0, j).reduce((a, b) => a + b, 0));
  const maxChars = Math.max(8, Math.floor((widthPx - SWATCH_PX - 8) / CHAR_WIDTH_PX));
  return {
    heightPx: rows * ROW_HEIGHT_PX,
    svg: (x0, y0) =>
      entries
        .map((e, k) => {
          const x = x0 + offsets[k % columns];
          const y = y0 + Math.floor(k / columns) * ROW_HEIGHT_PX + 10;
          const s = e.style;
          const dash = s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`;
          const marker = markerPath(s.marker, 24);
          const label = e.name.length > maxChars ? `${e.name.slice(0, maxChars - 1)}…` : e.name;
          return (
            `<g data-legend="${escapeXml(e.name)}"><title>${escapeXml(e.name)}</title>` +
            `<line x1="${x}" x2="${x + SWATCH_PX - 4}" y1="${y - 4}" y2="${y - 4}" stroke="${s.color}" stroke-width="${s.width ?? 2}"${dash}/>` +
            (marker === '' ? '' : `<path d="${marker}" transform="translate(${x + (SWATCH_PX - 4) / 2} ${y - 4})" fill="${s.color}"/>`) +
            `<text x="${x + SWATCH_PX}" y="${y}" font-size="11">${escapeXml(label)}</text></g>`
          );
        })
        .join(''),
  };
}
