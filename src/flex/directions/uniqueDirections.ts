/**
 * Unit-normalizes vectors and drops repeats (keeping the first occurrence, so the
 * order of a grid is preserved). Two directions are the same when they agree to 1e-9
 * in every coordinate; grids are built with exact axis values so that suffices.
 *
 * @param vectors - non-zero vectors of one dimension
 * @returns distinct unit vectors in first-seen order
 */
export function uniqueDirections(vectors: readonly number[][]): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const v of vectors) {
    const norm = Math.hypot(...v);
    const unit = v.map((x) => x / norm);
    // `+ 0` turns −0 into 0 so the two pole copies share a key.
    const key = unit.map((x) => Math.round(x * 1e9) + 0).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(unit);
  }
  return out;
}
