/**
 * The legend of the report's SVG charts: one entry per series actually drawn, each
 * with the same colour and shape as its marks (`data-series` ties them together, so
 * a test can check every entry against a visible mark).
 */
import { CHAR_WIDTH_PX } from '../../common/charts/chartLegend.js';
import { escapeXml } from '../../common/svgText.js';

/** One legend entry. */
export interface LegendEntry {
  /** Same value as the `data-series` of the marks it explains. */
  readonly series: string;
  readonly label: string;
  readonly colour: string;
  /** `area`: a filled square (polygons, bars); `dot`: a circle (points). */
  readonly shape: 'area' | 'dot';
}

/**
 * Legend entries laid out left to right, wrapping at `width`.
 *
 * @param x - left edge, px
 * @param y - top edge, px
 * @returns the SVG and its height, px
 * @example
 * chartLegend([{ series: 'base', label: 'no coupons', colour: '#000', shape: 'dot' }], 40, 300, 600);
 */
export function chartLegend(entries: readonly LegendEntry[], x: number, y: number, width: number): { svg: string; height: number } {
  const rowHeight = 18;
  const parts: string[] = ['<g class="legend">'];
  let cx = x;
  let cy = y;
  for (const e of entries) {
    // Swatch and gap, then the label at the charts' estimated character width.
    const w = 22 + e.label.length * CHAR_WIDTH_PX + 16;
    if (cx + w > x + width && cx > x) {
      cx = x;
      cy += rowHeight;
    }
    const mark = e.shape === 'dot'
      ? `<circle cx="${cx + 6}" cy="${cy + 6}" r="4" fill="${e.colour}" stroke="#ffffff" stroke-width="1"/>`
      : `<rect x="${cx}" y="${cy}" width="12" height="12" fill="${e.colour}" fill-opacity="0.35" stroke="${e.colour}" stroke-width="1.5"/>`;
    parts.push(`<g class="legend-item" data-series="${escapeXml(e.series)}" data-colour="${e.colour}">${mark}<text x="${cx + 18}" y="${cy + 10}">${escapeXml(e.label)}</text></g>`);
    cx += w;
  }
  parts.push('</g>');
  return { svg: parts.join(''), height: cy - y + rowHeight };
}

/** Lines of caption text under a chart, from `y` down, 14 px apart. */
export function captionSvg(lines: readonly string[], x: number, y: number): string {
  return lines.map((l, i) => `<text class="caption" x="${x}" y="${y + i * 14}" fill="#444">${escapeXml(l)}</text>`).join('');
}
