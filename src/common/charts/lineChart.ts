/**
 * A line chart as a standalone SVG string (inline, no script, no external resource).
 *
 * Every element a reader (or a test) needs to pair is marked: the chart
 * `data-chart`, the plot frame `data-plot-area`, each series' marks `data-series`,
 * each legend entry `data-legend` (same name), the axis titles `data-axis`, notes
 * `data-note`, reference lines `data-reference`.
 */
import { line } from 'd3-shape';
import { escapeXml } from '../svgText.js';
import { axisScale, type AxisSpec } from './axisScale.js';
import { CHAR_WIDTH_PX, chartLegend } from './chartLegend.js';
import { markerPath, type SeriesStyle } from './seriesStyle.js';

/** A point in data coordinates; a non-finite y leaves a gap. */
export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

/** One legend entry and its marks: one or several polylines in one style. */
export interface ChartSeries {
  readonly name: string;
  readonly lines: readonly (readonly ChartPoint[])[];
  readonly style: SeriesStyle;
  /** Leave the series out of the legend (e.g. a reference drawn with its own label). Default false. */
  readonly unlisted?: boolean;
}

/** Options of `lineChart`. */
export interface LineChartOptions {
  /** `data-chart` id, unique in the page. */
  readonly id: string;
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  /** Horizontal reference lines labelled in the plot (e.g. a voltage limit). */
  readonly references?: readonly { readonly value: number; readonly label: string }[];
  /** Text labels at data points (e.g. bus numbers at the ends of feeder paths). */
  readonly pointLabels?: readonly { readonly x: number; readonly y: number; readonly text: string }[];
  /** Sentences printed under the legend (e.g. which series are 0 everywhere). */
  readonly notes?: readonly string[];
  /** Pixel width (default 640) and plot-area height (default 220). */
  readonly width?: number;
  readonly plotHeight?: number;
}

/**
 * Series of one value per interval, x = interval index.
 *
 * @example
 * timeSeries('CS1', [0, 0.4, 0.9], seriesStyle(0)); // { name: 'CS1', lines: [[{x:0,y:0}, …]], style }
 */
export function timeSeries(name: string, values: readonly number[], style: SeriesStyle): ChartSeries {
  return { name, lines: [values.map((y, x) => ({ x, y }))], style };
}

/**
 * Render the chart.
 *
 * 1. Scales over all points and reference values (d3-scale, `axisScale`).
 * 2. Frame, grid, ticks, axis titles; reference lines; one `<g data-series>` per
 *    series with its paths (d3-shape `line`, gaps at non-finite values) and markers.
 * 3. Legend under the plot, then the notes.
 *
 * @example
 * lineChart({ id: 'net', title: 'Net load', x: { title: 'interval start (HH:MM)' }, y: { title: 'net load (MW)' },
 *   series: [timeSeries('CS1', [1, 2], seriesStyle(0))] });
 */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 640;
  const plotH = o.plotHeight ?? 220;
  const m = { left: 66, right: 18, top: 34 };
  const plotW = width - m.left - m.right;
  const listed = o.series.filter((s) => !s.unlisted);
  const legend = chartLegend(listed.map((s) => ({ name: s.name, style: s.style })), plotW);
  const noteLines = (o.notes ?? []).flatMap((n) => wrap(n, Math.floor(plotW / CHAR_WIDTH_PX)));
  const legendTop = m.top + plotH + 44;
  const notesTop = legendTop + legend.heightPx + (legend.heightPx > 0 ? 6 : 0);
  const height = notesTop + noteLines.length * 14 + 8;
  const points = o.series.flatMap((s) => s.lines.flat());
  const x = axisScale(o.x, points.map((p) => p.x), [m.left, m.left + plotW]);
  const y = axisScale(o.y, [...points.map((p) => p.y), ...(o.references ?? []).map((r) => r.value)], [m.top + plotH, m.top]);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" data-chart="${escapeXml(o.id)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(o.title)}">`,
  );
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  // Bold 14 px text is about 8 px per character: shrink a long title to fit the width.
  const titlePx = Math.max(10, Math.min(14, Math.floor(((width - 16) / Math.max(1, o.title.length)) * (14 / 8))));
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="${titlePx}" font-weight="bold">${escapeXml(o.title)}</text>`);
  for (const t of y.ticks) {
    const ty = y.toPx(t).toFixed(1);
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${ty}" y2="${ty}" stroke="#e8e8e8"/>`);
    parts.push(`<text x="${m.left - 6}" y="${ty}" dy="4" text-anchor="end" font-size="11">${escapeXml(y.label(t))}</text>`);
  }
  for (const t of x.ticks) {
    const tx = x.toPx(t).toFixed(1);
    parts.push(`<line x1="${tx}" x2="${tx}" y1="${m.top + plotH}" y2="${m.top + plotH + 4}" stroke="#888"/>`);
    parts.push(`<text x="${tx}" y="${m.top + plotH + 16}" text-anchor="middle" font-size="11">${escapeXml(x.label(t))}</text>`);
  }
  parts.push(`<rect data-plot-area="" x="${m.left}" y="${m.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  parts.push(`<text data-axis="y" transform="translate(16 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.y.title)}</text>`);
  parts.push(`<text data-axis="x" x="${m.left + plotW / 2}" y="${m.top + plotH + 34}" text-anchor="middle" font-size="12">${escapeXml(o.x.title)}</text>`);
  for (const ref of o.references ?? []) {
    if (!y.accepts(ref.value)) continue;
    const ry = y.toPx(ref.value).toFixed(1);
    parts.push(
      `<g data-reference="${escapeXml(ref.label)}"><line x1="${m.left}" x2="${m.left + plotW}" y1="${ry}" y2="${ry}" stroke="#c00000" stroke-width="1.2" stroke-dasharray="6 4"/>` +
        `<text x="${m.left + plotW - 4}" y="${ry}" dy="-4" text-anchor="end" font-size="11" fill="#c00000">${escapeXml(ref.label)}</text></g>`,
    );
  }
  const path = line<ChartPoint>()
    .defined((p) => x.accepts(p.x) && y.accepts(p.y))
    .x((p) => round1(x.toPx(p.x)))
    .y((p) => round1(y.toPx(p.y)));
  for (const s of o.series) parts.push(seriesMarks(s, (ls) => path(ls) ?? '', (p) => x.accepts(p.x) && y.accepts(p.y), (p) => [x.toPx(p.x), y.toPx(p.y)]));
  for (const label of o.pointLabels ?? []) {
    if (!(x.accepts(label.x) && y.accepts(label.y))) continue;
    parts.push(`<text x="${(x.toPx(label.x) + 4).toFixed(1)}" y="${(y.toPx(label.y) - 5).toFixed(1)}" font-size="10" fill="#333">${escapeXml(label.text)}</text>`);
  }
  parts.push(legend.svg(m.left, legendTop));
  noteLines.forEach((text, k) => {
    parts.push(`<text data-note="" x="${m.left}" y="${notesTop + 11 + k * 14}" font-size="11" fill="#444">${escapeXml(text)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function seriesMarks(
  s: ChartSeries,
  pathOf: (points: readonly ChartPoint[]) => string,
  drawable: (p: ChartPoint) => boolean,
  toPx: (p: ChartPoint) => [number, number],
): string {
  const st = s.style;
  const dash = st.dash === '' ? '' : ` stroke-dasharray="${st.dash}"`;
  const marker = markerPath(st.marker);
  const out: string[] = [`<g data-series="${escapeXml(s.name)}"><title>${escapeXml(s.name)}</title>`];
  for (const points of s.lines) {
    const d = pathOf(points);
    if (d !== '') out.push(`<path d="${d}" fill="none" stroke="${st.color}" stroke-width="${st.width ?? 2}" stroke-linejoin="round"${dash}/>`);
    if (marker === '') continue;
    for (const p of points) {
      if (!drawable(p)) continue;
      const [px, py] = toPx(p);
      out.push(`<path d="${marker}" transform="translate(${round1(px)} ${round1(py)})" fill="${st.color}"/>`);
    }
  }
  out.push('</g>');
  return out.join('');
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Split text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}
