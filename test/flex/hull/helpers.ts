import { mulberry32 } from '../../../src/common/mulberry32.ts';
/**
 * Independent reference computations for the hull tests (not the code under test):
 * shoelace areas, orthonormal frames by plain Gram–Schmidt, and a seeded generator.
 */

/** Shoelace area of a polygon whose vertices are listed in boundary order. */
export function shoelaceArea(poly: readonly number[][]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i];
    const [x2, y2] = poly[(i + 1) % poly.length];
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
}

/** Small deterministic generator (mulberry32) for test fixtures. */
export const rng = mulberry32;

/** A convex polygon: `count` points on an ellipse at sorted random angles (all are vertices). */
export function convexPolygon(random: () => number, count: number, rx = 3, ry = 2): number[][] {
  const angles = Array.from({ length: count }, () => random() * 2 * Math.PI).sort((a, b) => a - b);
  return angles.map((t) => [rx * Math.cos(t), ry * Math.sin(t)]);
}

/** Two orthonormal vectors in R^3 from random ones by Gram–Schmidt. */
export function randomFrame3(random: () => number): [number[], number[]] {
  const u = [random() - 0.5, random() - 0.5, random() - 0.5];
  const nu = Math.hypot(...u);
  const e1 = u.map((x) => x / nu);
  const v = [random() - 0.5, random() - 0.5, random() - 0.5];
  const p = v[0] * e1[0] + v[1] * e1[1] + v[2] * e1[2];
  const w = v.map((x, j) => x - p * e1[j]);
  const nw = Math.hypot(...w);
  return [e1, w.map((x) => x / nw)];
}

/**
 * Area of the convex hull of 2-D points by Andrew's monotone chain and the shoelace
 * formula: an independent 2-D reference for the hull tests.
 */
export function monotoneChainArea(points: readonly number[][]): number {
  const corners = monotoneChainCorners(points);
  return corners.length < 3 ? 0 : shoelaceArea(corners);
}

/**
 * Corners of the convex hull of 2-D points by Andrew's monotone chain, counter-clockwise,
 * without collinear boundary points (a point on an edge is popped: cross ≤ 0).
 */
export function monotoneChainCorners(points: readonly number[][]): number[][] {
  const pts = points.map((p) => [p[0], p[1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: number[], a: number[], b: number[]): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: number[][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: number[][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Fisher–Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
