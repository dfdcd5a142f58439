/**
 * 2-D projections of the tier hulls: one panel per pair of axis stations, nested
 * polygons per budget, the base point, a legend of exactly what is drawn and a caption
 * saying what the marks mean (docs/flexibility.md §5, §8).
 */
import { scaleLinear } from 'd3-scale';
import { escapeXml } from '../../common/svgText.js';
import { convexHullOf } from '../hull/convexHullOf.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { captionSvg, chartLegend } from './chartLegend.js';
import { extent } from './chartScale.js';
import { rangeChartSvg } from './rangeChartSvg.js';
import { BASE_COLOUR, netLoadAxisTitle, tierColours, tierLabel, tierLegendEntries } from './tierStyle.js';

/**
 * The ordered polygon of a 2-D point set's hull (points themselves for < 3 distinct).
 *
 * @example
 * polygon2d([[0, 0], [1, 0], [0, 1], [0.2, 0.2]]); // the triangle, counter-clockwise
 */
export function polygon2d(points: readonly (readonly number[])[]): number[][] {
  if (points.length === 0) return [];
  const hull = convexHullOf(points, { tolerance: 1e-9 });
  const verts = hull.vertices.map((i) => [...points[i]]);
  const cx = verts.reduce((s, p) => s + p[0], 0) / verts.length;
  const cy = verts.reduce((s, p) => s + p[1], 0) / verts.length;
  return verts.sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
}

/**
 * SVG with one panel per axis pair (i < j), each showing every tier's projected hull
 * (largest budget underneath), the base point and both axes titled with station, bus
 * and unit. One axis station: the range chart instead (the 1-D projection).
 *
 * @param result - a model's sweep
 * @example
 * writeFileSync('projection-dta.svg', projectionSvg(result));
 */
export function projectionSvg(result: FlexModelResult): string {
  const n = result.axes.length;
  if (n < 2) return rangeChartSvg(result);
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  const size = 260;
  const left = 70;
  const gap = 90;
  const top = 40;
  // At least wide enough for the title and caption lines.
  const width = Math.max(left + pairs.length * (size + gap) - gap + 30, 700);
  const colours = tierColours(result);
  const coords = result.tiers.map((t) => t.hullPoints.map((p) => result.axes.map((s) => p.netMw[s])));
  const base = result.axes.map((s) => result.run.design[0].netMw[s]);
  const all = [...coords.flat(), base];
  const body: string[] = [];
  pairs.forEach(([i, j], k) => {
    const x0 = left + k * (size + gap);
    const x = scaleLinear().domain(extent(all.map((p) => p[i]))).nice(5).range([x0, x0 + size]);
    const y = scaleLinear().domain(extent(all.map((p) => p[j]))).nice(5).range([top + size, top]);
    const fx = x.tickFormat(5);
    const fy = y.tickFormat(5);
    body.push(`<g class="panel" data-x="${i}" data-y="${j}">`);
    body.push(`<rect x="${x0}" y="${top}" width="${size}" height="${size}" fill="#fafafa" stroke="#999"/>`);
    for (const v of x.ticks(5)) {
      body.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${top + size}" y2="${top + size + 4}" stroke="#666"/>`);
      body.push(`<text x="${x(v).toFixed(1)}" y="${top + size + 16}" text-anchor="middle">${escapeXml(fx(v))}</text>`);
    }
    for (const v of y.ticks(5)) {
      body.push(`<line x1="${x0 - 4}" x2="${x0}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#666"/>`);
      body.push(`<text x="${x0 - 7}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${escapeXml(fy(v))}</text>`);
    }
    if (x.domain()[0] < 0 && x.domain()[1] > 0) body.push(`<line class="zero" x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${top}" y2="${top + size}" stroke="#999" stroke-dasharray="4 3"/>`);
    if (y.domain()[0] < 0 && y.domain()[1] > 0) body.push(`<line class="zero" x1="${x0}" x2="${x0 + size}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#999" stroke-dasharray="4 3"/>`);
    body.push(`<text class="axis-title" x="${x0 + size / 2}" y="${top + size + 34}" text-anchor="middle">${escapeXml(netLoadAxisTitle(result, i))}</text>`);
    const ty = top + size / 2;
    body.push(`<text class="axis-title" x="${x0 - 48}" y="${ty}" text-anchor="middle" transform="rotate(-90 ${x0 - 48} ${ty})">${escapeXml(netLoadAxisTitle(result, j))}</text>`);
    for (let t = result.tiers.length - 1; t >= 0; t--) {
      const poly = polygon2d(coords[t].map((p) => [p[i], p[j]]));
      const d = poly.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
      body.push(`<polygon data-series="tier-${t}" points="${d}" fill="${colours[t]}" fill-opacity="0.22" stroke="${colours[t]}" stroke-width="1.5"><title>${escapeXml(tierLabel(result, t))}</title></polygon>`);
    }
    body.push(`<circle data-series="base" cx="${x(base[i]).toFixed(1)}" cy="${y(base[j]).toFixed(1)}" r="4" fill="${BASE_COLOUR}" stroke="#ffffff" stroke-width="1"><title>no coupons (base run)</title></circle>`);
    body.push('</g>');
  });
  const legend = chartLegend(tierLegendEntries(result), left, top + size + 52, width - left - 10);
  const captionY = top + size + 52 + legend.height + 12;
  const caption = captionSvg([
    'Each panel: the shadow of every tier\'s region on two stations\' net loads at t* (charge − V2G; + = consumption).',
    'Nested: a larger budget\'s region contains the smaller ones. Dashed lines: 0 MW (charging = V2G discharging).',
  ], left, captionY);
  const height = captionY + 2 * 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="projection" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="chart-title" x="${left}" y="18" font-size="13">${escapeXml(`${result.model.toUpperCase()} flexible operation region at ${result.time}: 2-D projections of the tier hulls`)}</text>`,
    ...body,
    legend.svg,
    caption,
    '</svg>',
  ].join('\n');
}
