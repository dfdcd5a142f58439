/**
 * A heat map (rows × columns of coloured cells) as a standalone SVG string, for
 * the DLMP bus × time picture of the HTML report.
 */
import { interpolateViridis } from 'd3-scale-chromatic';
import { escapeXml, formatTick } from '../../common/svgText.js';

/** Options of `svgHeatMap`. */
export interface HeatMapOptions {
  /** `data-chart` id, unique in the page. */
  readonly id: string;
  readonly title: string;
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  /** values[row][column]; non-finite cells are grey. */
  readonly values: readonly (readonly number[])[];
  /** Unit of the values, e.g. `$/MWh` (colour bar title and cell tooltips). */
  readonly unit: string;
  /** Quantity on the colour bar, e.g. `DLMP`; its title is `quantity (unit)`. */
  readonly quantity: string;
  /** Axis titles, e.g. `bus` and `interval start (HH:MM)`. */
  readonly rowTitle: string;
  readonly columnTitle: string;
  readonly width?: number;
}

/**
 * Colour of t ∈ [0, 1] (clamped) on the viridis scale: perceptually uniform and
 * readable in grey print.
 *
 * @example
 * viridis(0); // '#440154'
 */
export function viridis(t: number): string {
  return interpolateViridis(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)));
}

/**
 * Render the heat map with a colour bar (linear scale from min to max).
 *
 * @example
 * svgHeatMap({ title: 'DLMP', rowLabels: ['1', '2'], columnLabels: ['17:00'], values: [[20], [21]], unit: '$/MWh' });
 */
export function svgHeatMap(o: HeatMapOptions): string {
  const rows = o.rowLabels.length;
  const cols = o.columnLabels.length;
  const width = o.width ?? 640;
  const m = { left: 56, right: 110, top: 30, bottom: 44 };
  const cellW = (width - m.left - m.right) / Math.max(cols, 1);
  const cellH = Math.max(6, Math.min(16, 420 / Math.max(rows, 1)));
  const height = m.top + m.bottom + cellH * rows;
  const finite = o.values.flat().filter(Number.isFinite);
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = finite.length > 0 ? Math.max(...finite) : 1;
  const span = hi - lo > 1e-12 ? hi - lo : 1;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" data-chart="${escapeXml(o.id)}" aria-label="${escapeXml(o.title)}">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(o.title)}</text>`);
  const labelEvery = Math.max(1, Math.ceil(12 / cellH));
  for (let r = 0; r < rows; r++) {
    const y = m.top + r * cellH;
    if (r % labelEvery === 0) {
      parts.push(`<text x="${m.left - 4}" y="${(y + cellH / 2 + 4).toFixed(1)}" text-anchor="end" font-size="10">${escapeXml(o.rowLabels[r])}</text>`);
    }
    for (let c = 0; c < cols; c++) {
      const v = o.values[r]?.[c];
      const fill = v !== undefined && Number.isFinite(v) ? viridis((v - lo) / span) : '#ccc';
      const title = `${o.rowLabels[r]} @ ${o.columnLabels[c]}: ${v !== undefined && Number.isFinite(v) ? v.toFixed(2) : 'n/a'} ${o.unit}`;
      parts.push(
        `<rect x="${(m.left + c * cellW).toFixed(1)}" y="${y.toFixed(1)}" width="${(cellW + 0.5).toFixed(1)}" height="${(cellH + 0.5).toFixed(1)}" fill="${fill}"><title>${escapeXml(title)}</title></rect>`,
      );
    }
  }
  const every = Math.max(1, Math.ceil(cols / 12));
  o.columnLabels.forEach((label, c) => {
    if (c % every !== 0) return;
    parts.push(`<text x="${(m.left + (c + 0.5) * cellW).toFixed(1)}" y="${m.top + rows * cellH + 14}" text-anchor="middle" font-size="10">${escapeXml(label)}</text>`);
  });
  parts.push(`<text data-axis="y" transform="translate(14 ${m.top + (rows * cellH) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.rowTitle)}</text>`);
  parts.push(`<text data-axis="x" x="${m.left + (cols * cellW) / 2}" y="${m.top + rows * cellH + 34}" text-anchor="middle" font-size="12">${escapeXml(o.columnTitle)}</text>`);
  const barX = width - m.right + 20;
  const barH = rows * cellH;
  for (let k = 0; k < 20; k++) {
    parts.push(`<rect x="${barX}" y="${(m.top + (barH * k) / 20).toFixed(1)}" width="14" height="${(barH / 20 + 0.5).toFixed(1)}" fill="${viridis(1 - k / 19)}"/>`);
  }
  parts.push(`<text x="${barX + 18}" y="${m.top + 8}" font-size="10">${formatTick(hi)}</text>`);
  parts.push(`<text x="${barX + 18}" y="${m.top + barH}" font-size="10">${formatTick(lo)}</text>`);
  parts.push(`<text data-axis="color" x="${barX}" y="${m.top + barH + 16}" font-size="11">${escapeXml(`${o.quantity} (${o.unit})`)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
