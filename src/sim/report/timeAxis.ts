/**
 * The x axis of every per-interval chart: interval index placed in order, labelled
 * with its start clock time (as many labels as fit the chart's width).
 */
import type { AxisSpec } from '../../common/charts/axisScale.js';

/** Horizontal room one `HH:MM` tick label needs, px. */
const LABEL_PX = 44;

/**
 * Axis over intervals 0 … n − 1 labelled `HH:MM`.
 *
 * @param clocks - start of each interval, `HH:MM`.
 * @param chartWidthPx - width of the chart, px (fewer labels on narrow panels; default 640).
 * @example
 * timeAxis(['17:00', '17:10']).tickFormat?.(1); // '17:10'
 */
export function timeAxis(clocks: readonly string[], chartWidthPx = 640): AxisSpec {
  const maxLabels = Math.max(2, Math.floor((chartWidthPx - 84) / LABEL_PX));
  const every = Math.max(1, Math.ceil(clocks.length / maxLabels));
  const ticks = clocks.map((_, i) => i).filter((i) => i % every === 0);
  return {
    title: 'interval start (HH:MM)',
    ticks,
    tickFormat: (i) => clocks[Math.round(i)] ?? '',
    domain: clocks.length > 1 ? [0, clocks.length - 1] : [-0.5, 0.5],
  };
}
