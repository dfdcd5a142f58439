/**
 * A line chart as a standalone SVG string (no script, no external resources),
 * for the self-contained HTML report.
 */
import { escapeXml, formatTick, niceTicks, PALETTE } from '../../common/svgText.js';

/** One line. Non-finite values leave a gap. */
export interface LineSeries {
  readonly name: string;
  readonly values: readonly number[];
  readonly color?: string;
  readonly dashed?: boolean;
}

/** Options of `svgLineChart`. */
export interface LineChartOptions {
  readonly title: string;
  /** One label per x position (e.g. interval start times or bus ids). */
  readonly xLabels: readonly string[];
  readonly series: readonly LineSeries[];
  readonly yLabel: string;
  readonly xLabel?: string;
  /** Log-scale y axis (non-positive values are dropped). Default false. */
  readonly logY?: boolean;
  /** Horizontal reference lines (e.g. the 0.9 pu voltage limit). */
  readonly references?: readonly { readonly value: number; readonly label: string }[];
  /** Start a linear y axis at 0 when all values are ≥ 0 (counts, queues). Default false. */
  readonly zeroBased?: boolean;
  /** Pixel size, default 640 × 300. */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Render a line chart.
 *
 * 1. Scale: linear y over the data and reference lines (nice ticks), or log10 y.
 * 2. Draw axes, grid, ticks, one polyline per series (markers at each point),
 *    reference lines, and a legend.
 *
 * @example
 * svgLineChart({ title: 'Net load', xLabels: ['17:00', '17:10'], series: [{ name: 'CS1', values: [1, 2] }], yLabel: 'MW' });
 */
export function svgLineChart(o: LineChartOptions): string {
  const width = o.width ?? 640;
  const height = o.height ?? 300;
  const legendRows = Math.ceil(o.series.length / 4);
  const m = { left: 64, right: 16, top: 30, bottom: 50 + 14 * legendRows };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const tr = (v: number): number => (o.logY ? Math.log10(v) : v);
  const usable = (v: number): boolean => Number.isFinite(v) && (!o.logY || v > 0);
  const all = [...o.series.flatMap((s) => s.values), ...(o.references ?? []).map((r) => r.value)].filter(usable).map(tr);
  let lo = all.length > 0 ? Math.min(...all) : 0;
  let hi = all.length > 0 ? Math.max(...all) : 1;
  if (o.zeroBased && !o.logY && lo >= 0) {
    lo = 0;
    hi = Math.max(hi, 1);
  }
  if (o.logY) {
    lo = Math.floor(lo);
    hi = Math.max(Math.ceil(hi), lo + 1);
  }
  const ticks = o.logY ? range(lo, hi) : niceTicks(lo, hi, 5);
  lo = Math.min(lo, ticks[0]);
  hi = Math.max(hi, ticks[ticks.length - 1]);
  const n = o.xLabels.length;
  const x = (i: number): number => m.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number): number => m.top + plotH - ((tr(v) - lo) / (hi - lo || 1)) * plotH;
  const yOfT = (t: number): number => m.top + plotH - ((t - lo) / (hi - lo || 1)) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(o.title)}">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(o.title)}</text>`);
  for (const t of ticks) {
    const ty = yOfT(t).toFixed(1);
    const label = o.logY ? `1e${t}` : formatTick(t);
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${ty}" y2="${ty}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.left - 6}" y="${ty}" dy="4" text-anchor="end" font-size="11">${label}</text>`);
  }
  const every = Math.max(1, Math.ceil(n / 12));
  o.xLabels.forEach((label, i) => {
    if (i % every !== 0) return;
    parts.push(`<text x="${x(i).toFixed(1)}" y="${m.top + plotH + 16}" text-anchor="middle" font-size="11">${escapeXml(label)}</text>`);
  });
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  parts.push(`<text transform="translate(14 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.yLabel)}</text>`);
  if (o.xLabel !== undefined) parts.push(`<text x="${m.left + plotW / 2}" y="${m.top + plotH + 34}" text-anchor="middle" font-size="12">${escapeXml(o.xLabel)}</text>`);
  for (const ref of o.references ?? []) {
    if (!usable(ref.value)) continue;
    const ry = y(ref.value).toFixed(1);
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${ry}" y2="${ry}" stroke="#c00" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${m.left + plotW - 4}" y="${ry}" dy="-4" text-anchor="end" font-size="11" fill="#c00">${escapeXml(ref.label)}</text>`);
  }
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const segments: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (usable(v)) segments[segments.length - 1].push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      else if (segments[segments.length - 1].length > 0) segments.push([]);
    });
    for (const seg of segments) {
      if (seg.length === 0) continue;
      const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${seg.join(' ')}"/>`);
      for (const p of seg) {
        const [px, py] = p.split(',');
        parts.push(`<circle cx="${px}" cy="${py}" r="2.5" fill="${color}"/>`);
      }
    }
    const lx = m.left + (k % 4) * (plotW / 4);
    const ly = height - 14 - (legendRows - 1 - Math.floor(k / 4)) * 14;
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    parts.push(`<text x="${lx + 22}" y="${ly}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let t = lo; t <= hi; t++) out.push(t);
  return out;
}
