/**
 * How a chart series looks: colour, dash pattern and marker shape. Any two of the
 * first eight styles differ in colour and marker, and neighbours also in dash, so
 * series stay apart in colour, in grey print and for colour-blind readers.
 */
import {
  symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType,
} from 'd3-shape';

/** Marker drawn at each data point. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'wye' | 'star' | 'none';

/** The look of one series. */
export interface SeriesStyle {
  /** Stroke and marker colour (CSS colour). */
  readonly color: string;
  /** SVG `stroke-dasharray`, '' for a solid line. */
  readonly dash: string;
  readonly marker: MarkerShape;
  /** Stroke width, px (default 2). */
  readonly width?: number;
}

/**
 * Okabe–Ito's colour-blind-safe palette without its yellow (unreadable on white)
 * and black (kept for totals), plus two darker tones to reach eight.
 */
export const SERIES_COLORS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#882255', '#44AA99'];

const DASHES: readonly string[] = ['', '7 3', '2 2', '9 3 2 3'];
const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'wye', 'star', 'none'];

/** Style of a total (sum over series): thick solid black, no markers. */
export const TOTAL_STYLE: SeriesStyle = { color: '#000000', dash: '', marker: 'none', width: 2.5 };

/** Style of an "others" aggregate: grey, dotted, no markers. */
export const OTHERS_STYLE: SeriesStyle = { color: '#8c8c8c', dash: '1 3', marker: 'none', width: 2 };

/** Style of a background comparison (e.g. the first interval): thin light grey dashes. */
export const BACKGROUND_STYLE: SeriesStyle = { color: '#b0b0b0', dash: '4 3', marker: 'none', width: 1.5 };

/**
 * The k-th series style (k = 0, 1, …): colour, dash and marker all change from k to
 * k + 1; the (colour, marker) pair repeats only after 64 series (callers show ~10).
 *
 * @example
 * seriesStyle(0); // { color: '#0072B2', dash: '', marker: 'circle' }
 */
export function seriesStyle(k: number): SeriesStyle {
  const colorIndex = k % SERIES_COLORS.length;
  return {
    color: SERIES_COLORS[colorIndex],
    dash: DASHES[k % DASHES.length],
    marker: MARKERS[(k + Math.floor(k / SERIES_COLORS.length)) % MARKERS.length],
  };
}

const SYMBOLS: Record<Exclude<MarkerShape, 'none'>, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  wye: symbolWye,
  star: symbolStar,
};

/**
 * SVG path data of a marker centred on (0, 0).
 *
 * @param areaPx2 - marker area, px² (default 30: about a 6 px disc).
 * @returns '' for `none`.
 * @example
 * markerPath('square'); // 'M-2.739,-2.739h5.477v5.477h-5.477Z'
 */
export function markerPath(shape: MarkerShape, areaPx2 = 30): string {
  if (shape === 'none') return '';
  return symbol(SYMBOLS[shape], areaPx2)() ?? '';
}
