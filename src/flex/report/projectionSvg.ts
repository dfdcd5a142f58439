/**
 * 2-D projections of the tier hulls:
 * one panel per pair of axes, nested polygons per budget.
 */
import { escapeXml, niceTicks } from '../../common/svgText.js';
import { convexHullOf } from '../hull/convexHullOf.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';

/** Tier colours, smallest budget last drawn on top. */
export const TIER_COLOURS = ['#1f77b4', '#2ca02c', '#ff7f0e', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

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
 * SVG with one panel per axis pair (i < j), each showing every tier's projected
 * hull (largest budget underneath), the base point and axis ticks in MW.
 *
 * @param result - a model's sweep
 * @example
 * writeFileSync('projection.svg', projectionSvg(result));
 */
export function projectionSvg(result: FlexModelResult): string {
  const n = result.axes.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  if (pairs.length === 0) pairs.push([0, 0]);
  const size = 300;
  const pad = 46;
  const width = pairs.length * (size + pad) + pad;
  const height = size + 2 * pad + 24;
  const names = result.axes.map((s) => `${result.stations[s]} (bus ${result.buses[s]})`);
  const all = result.tiers.flatMap((t) => t.hullPoints.map((p) => result.axes.map((s) => p.netMw[s])));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${pad}" y="16" font-size="13">${escapeXml(`${result.model.toUpperCase()} region at ${result.time}: 2-D projections of the tier hulls (MW)`)}</text>`,
  ];
  pairs.forEach(([i, j], k) => {
    const x0 = pad + k * (size + pad);
    const y0 = pad + 10;
    const xs = all.map((p) => p[i]);
    const ys = all.map((p) => p[j]);
    const xt = niceTicks(Math.min(...xs, 0), Math.max(...xs, 0), 4);
    const yt = niceTicks(Math.min(...ys, 0), Math.max(...ys, 0), 4);
    const sx = (v: number): number => x0 + ((v - xt[0]) / (xt[xt.length - 1] - xt[0])) * size;
    const sy = (v: number): number => y0 + size - ((v - yt[0]) / (yt[yt.length - 1] - yt[0])) * size;
    parts.push(`<rect x="${x0}" y="${y0}" width="${size}" height="${size}" fill="#fafafa" stroke="#999"/>`);
    for (const v of xt) parts.push(`<text x="${sx(v).toFixed(1)}" y="${y0 + size + 14}" text-anchor="middle">${v}</text>`);
    for (const v of yt) parts.push(`<text x="${x0 - 4}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
    parts.push(`<text x="${x0 + size / 2}" y="${y0 + size + 30}" text-anchor="middle">${escapeXml(names[i])}</text>`);
    parts.push(`<text x="${x0 - 34}" y="${y0 + size / 2}" text-anchor="middle" transform="rotate(-90 ${x0 - 34} ${y0 + size / 2})">${escapeXml(names[j])}</text>`);
    [...result.tiers].reverse().forEach((t, rev) => {
      const colour = TIER_COLOURS[(result.tiers.length - 1 - rev) % TIER_COLOURS.length];
      const poly = polygon2d(t.hullPoints.map((p) => [p.netMw[result.axes[i]], p.netMw[result.axes[j]]]));
      const d = poly.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ');
      parts.push(`<polygon points="${d}" fill="${colour}" fill-opacity="0.25" stroke="${colour}" stroke-width="1.5"><title>${t.budgetYuan} ¥</title></polygon>`);
    });
    const b = result.run.design[0];
    parts.push(`<circle cx="${sx(b.netMw[result.axes[i]]).toFixed(1)}" cy="${sy(b.netMw[result.axes[j]]).toFixed(1)}" r="3" fill="#000"><title>no coupons</title></circle>`);
  });
  result.tiers.forEach((t, k) => {
    const x = pad + k * 110;
    parts.push(`<rect x="${x}" y="${height - 14}" width="10" height="10" fill="${TIER_COLOURS[k % TIER_COLOURS.length]}" fill-opacity="0.5"/>`);
    parts.push(`<text x="${x + 14}" y="${height - 5}">${t.budgetYuan} ¥</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
