/**
 * A heat map (rows × columns of coloured cells) as a standalone SVG string, for
 * the DLMP bus × time picture of the HTML report.
 */
import { escapeXml, formatTick } from '../../common/svgText.js';

/** Options of `svgHeatMap`. */
export interface HeatMapOptions {
  readonly title: string;
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  /** values[row][column]; non-finite cells are grey. */
  readonly values: readonly (readonly number[])[];
  /** Unit shown on the colour bar. */
  readonly unit: string;
  readonly rowTitle?: string;
  readonly width?: number;
}

// Viridis at 5 stops: perceptually uniform and readable in grey print.
const STOPS: [number, number, number][] = [
  [68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37],
];

/**
 * Colour of t ∈ [0, 1] on the viridis scale.
 *
 * @example
 * viridis(0); // 'rgb(68,1,84)'
 */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(Math.floor(u), STOPS.length - 2);
  const f = u - i;
  const c = STOPS[i].map((a, k) => Math.round(a + f * (STOPS[i + 1][k] - a)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
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
  const m = { left: 56, right: 90, top: 30, bottom: 40 };
  const cellW = (width - m.left - m.right) / Math.max(cols, 1);
  const cellH = Math.max(6, Math.min(16, 420 / Math.max(rows, 1)));
  const height = m.top + m.bottom + cellH * rows;
  const finite = o.values.flat().filter(Number.isFinite);
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = finite.length > 0 ? Math.max(...finite) : 1;
  const span = hi - lo > 1e-12 ? hi - lo : 1;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(o.title)}">`);
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
  if (o.rowTitle !== undefined) {
    parts.push(`<text transform="translate(14 ${m.top + (rows * cellH) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.rowTitle)}</text>`);
  }
  const barX = width - m.right + 20;
  const barH = rows * cellH;
  for (let k = 0; k < 20; k++) {
    parts.push(`<rect x="${barX}" y="${(m.top + (barH * k) / 20).toFixed(1)}" width="14" height="${(barH / 20 + 0.5).toFixed(1)}" fill="${viridis(1 - k / 19)}"/>`);
  }
  parts.push(`<text x="${barX + 18}" y="${m.top + 8}" font-size="10">${formatTick(hi)}</text>`);
  parts.push(`<text x="${barX + 18}" y="${m.top + barH}" font-size="10">${formatTick(lo)}</text>`);
  parts.push(`<text x="${barX}" y="${m.top + barH + 16}" font-size="10">${escapeXml(o.unit)}</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}
