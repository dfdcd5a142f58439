/**
 * Axis stations that barely move (docs/flexibility.md §5 "Stations that barely move"): a station
 * whose reachable range at the largest budget is a small fraction of the widest axis's range
 * multiplies the n-volume by that small width, so the volume says more about that station than
 * about the region (on the reference at 18:00, H2 and H3 move by ≈ 0.02 MW while CS1 moves by
 * ≈ 3 MW: a 5-D volume of 1.6e-4 MW⁵). The study keeps them (they are what was asked for) and
 * names them, with the `--stations` subset that leaves them out.
 */
import type { FlexModelResult } from '../sweep/flexModelResult.js';

/** A station is narrow when its range is below this fraction of the widest axis's range (dimensionless). */
export const NARROW_RANGE_FRACTION = 0.05;

/** One narrow axis station. */
export interface NarrowStation {
  /** Station id. */
  readonly station: string;
  /** Its range (max − min net load over the largest tier's admissible points), MW. */
  readonly rangeMw: number;
}

/** The narrow stations of a model's sweep and what to do about them. */
export interface NarrowStationsReport {
  /** Largest budget, ¥ (the tier whose ranges are compared). */
  readonly budgetYuan: number;
  /** The widest axis station and its range, MW. */
  readonly widestStation: string;
  readonly widestRangeMw: number;
  /** Narrow stations, axis order (empty when none). */
  readonly narrow: NarrowStation[];
  /** The other axis stations: the suggested `--stations` value (comma-separated ids). */
  readonly suggestedStations: string;
}

/**
 * Axis stations whose range at the largest budget is below `fraction` × the widest axis's range.
 *
 * Only meaningful with at least two axes and a tier with points: with one axis, no points, or a
 * widest range of 0 (a single point) the report is undefined. All stations narrow is impossible
 * (the widest is never narrow).
 *
 * @param result - one model's sweep
 * @param fraction - relative threshold (default {@link NARROW_RANGE_FRACTION})
 * @returns the report, or undefined when no station is narrow or the rule does not apply
 * @example
 * narrowStations(dta)?.narrow; // [{ station: 'H2', rangeMw: 0.021 }, { station: 'H3', rangeMw: 0.018 }]
 */
export function narrowStations(result: FlexModelResult, fraction = NARROW_RANGE_FRACTION): NarrowStationsReport | undefined {
  if (result.axes.length < 2) return undefined;
  const top = result.tiers[result.tiers.length - 1];
  if (top === undefined || top.rangeMw.length !== result.axes.length) return undefined;
  const widths = top.rangeMw.map((r) => r.max - r.min);
  let widest = 0;
  widths.forEach((w, i) => {
    if (w > widths[widest]) widest = i;
  });
  if (!(widths[widest] > 0)) return undefined;
  const ids = result.axes.map((s) => result.stations[s]);
  const narrow = widths.flatMap((w, i) => (w < fraction * widths[widest] ? [{ station: ids[i], rangeMw: w }] : []));
  if (narrow.length === 0) return undefined;
  return {
    budgetYuan: top.budgetYuan,
    widestStation: ids[widest],
    widestRangeMw: widths[widest],
    narrow,
    suggestedStations: ids.filter((id) => !narrow.some((n) => n.station === id)).join(','),
  };
}

/**
 * One stderr line for the narrow stations of a model, or undefined when there are none.
 *
 * @example
 * narrowStationsWarning(dta);
 * // 'ev-cosim flex: WARNING: DTA stations H2 (0.021 MW), H3 (0.018 MW) move by less than 5 % of CS1's 2.950 MW at 6000 ¥: the 5-D volume mostly measures them; for the region of the stations that move use --stations CS1,CS2,CS3'
 */
export function narrowStationsWarning(result: FlexModelResult, fraction = NARROW_RANGE_FRACTION): string | undefined {
  const r = narrowStations(result, fraction);
  if (r === undefined) return undefined;
  const list = r.narrow.map((n) => `${n.station} (${n.rangeMw.toFixed(3)} MW)`).join(', ');
  const what = r.narrow.length === 1 ? 'station' : 'stations';
  const moves = r.narrow.length === 1 ? 'moves' : 'move';
  return (
    `ev-cosim flex: WARNING: ${result.model.toUpperCase()} ${what} ${list} ${moves} by less than ${fraction * 100} % of ${r.widestStation}'s ` +
    `${r.widestRangeMw.toFixed(3)} MW at ${r.budgetYuan} ¥: the ${result.axes.length}-D volume mostly measures ${r.narrow.length === 1 ? 'it' : 'them'}; ` +
    `for the region of the stations that move use --stations ${r.suggestedStations}`
  );
}
