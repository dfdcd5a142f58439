/**
 * Axis scales of the report charts: a value → pixel map with its ticks (d3-scale
 * computes the round tick values; log axes tick at powers of ten).
 */
import { scaleLinear, scaleLog } from 'd3-scale';

/** How one axis maps values. */
export interface AxisSpec {
  /** Axis title with its unit in parentheses, e.g. `net load (MW)`. */
  readonly title: string;
  /** Log10 axis (values ≤ 0 are not drawn). Default false. */
  readonly log?: boolean;
  /** Include 0 in a linear domain (counts, queues). Default false. */
  readonly zeroBased?: boolean;
  /** Tick positions (default: round values chosen by the scale). */
  readonly ticks?: readonly number[];
  /** Tick label of a value (default: the scale's own format). */
  readonly tickFormat?: (value: number) => string;
  /** Fixed domain [lo, hi] (default: the data, padded to round ticks). */
  readonly domain?: readonly [number, number];
}

/** A ready axis: value → pixel, ticks and their labels. */
export interface AxisScale {
  readonly toPx: (value: number) => number;
  readonly ticks: readonly number[];
  readonly label: (value: number) => string;
  /** Whether a value can be placed on this axis (finite, and > 0 on a log axis). */
  readonly accepts: (value: number) => boolean;
}

/**
 * Build an axis over the given data values onto the pixel range [from, to].
 *
 * Linear: d3's `nice()` domain over the data (a flat series gets ±5 % or ±1 of room).
 * Log: whole decades from floor(log10 min) to ceil(log10 max), one tick per decade.
 *
 * @example
 * const y = axisScale({ title: 'net load (MW)' }, [0.2, 1.9], [250, 30]);
 * y.ticks; // [0.2, 0.4, …, 2]
 */
export function axisScale(spec: AxisSpec, values: readonly number[], range: readonly [number, number]): AxisScale {
  const accepts = (v: number): boolean => Number.isFinite(v) && (!spec.log || v > 0);
  const usable = values.filter(accepts);
  if (spec.log) return logAxis(spec, usable, range, accepts);
  let lo = spec.domain?.[0] ?? (usable.length > 0 ? Math.min(...usable) : 0);
  let hi = spec.domain?.[1] ?? (usable.length > 0 ? Math.max(...usable) : 1);
  if (spec.zeroBased && spec.domain === undefined) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = Math.abs(hi) > 1e-9 ? Math.abs(hi) * 0.05 : 1;
    lo -= pad;
    hi += pad;
  }
  const scale = scaleLinear().domain([lo, hi]).range([range[0], range[1]]);
  if (spec.domain === undefined) scale.nice(5);
  const ticks = spec.ticks ?? scale.ticks(5);
  const format = scale.tickFormat(5);
  return { toPx: (v) => scale(v), ticks, label: spec.tickFormat ?? ((v) => format(v)), accepts };
}

function logAxis(spec: AxisSpec, usable: readonly number[], range: readonly [number, number], accepts: (v: number) => boolean): AxisScale {
  const exps = usable.map((v) => Math.log10(v));
  const loExp = spec.domain !== undefined ? Math.log10(spec.domain[0]) : exps.length > 0 ? Math.floor(Math.min(...exps)) : 0;
  let hiExp = spec.domain !== undefined ? Math.log10(spec.domain[1]) : exps.length > 0 ? Math.ceil(Math.max(...exps)) : 1;
  if (hiExp <= loExp) hiExp = loExp + 1;
  const decade = (e: number): number => (Number.isInteger(e) ? Number(`1e${e}`) : 10 ** e);
  const scale = scaleLog().domain([decade(loExp), decade(hiExp)]).range([range[0], range[1]]);
  const ticks: number[] = [];
  // `Number('1e-5')` is the double nearest 10⁻⁵; `10 ** -5` is not always.
  for (let e = Math.ceil(loExp); e <= Math.floor(hiExp); e++) ticks.push(decade(e));
  return {
    toPx: (v) => scale(v),
    ticks: spec.ticks ?? ticks,
    label: spec.tickFormat ?? ((v) => `1e${Math.round(Math.log10(v))}`),
    accepts,
  };
}
