/**
 * How far each station's net load at t* can be moved per budget: one bar per tier and
 * station over a shared MW axis, the base run as a dot (the 1-D view of the region,
 * readable at a glance for any number of stations).
 */
import { scaleLinear } from 'd3-scale';
import { escapeXml } from '../../common/svgText.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { captionSvg, chartLegend } from './chartLegend.js';
import { extent } from './chartScale.js';
import { BASE_COLOUR, stationLabel, tierColours, tierLabel, tierLegendEntries } from './tierStyle.js';

/**
 * SVG range chart of a model: per axis station a group of bars [min, max] of its net
 * load over each tier's hull points (smallest budget on top), the base run's load as
 * a dot, a dashed 0 MW line, the axis titled with its unit, a legend and a caption.
 *
 * @param result - a model's sweep
 * @example
 * writeFileSync('ranges.svg', rangeChartSvg(result));
 */
export function rangeChartSvg(result: FlexModelResult): string {
  const labelWidth = 120;
  const plotWidth = 480;
  const left = labelWidth + 10;
  const top = 40;
  const bar = 10;
  const barGap = 3;
  const groupGap = 16;
  const k = result.tiers.length;
  const groupHeight = k * (bar + barGap) - barGap;
  const colours = tierColours(result);
  const base = result.axes.map((s) => result.run.design[0].netMw[s]);
  const values = [...result.tiers.flatMap((t) => t.rangeMw.flatMap((r) => [r.min, r.max])), ...base];
  const x = scaleLinear().domain(extent(values)).nice(6).range([left, left + plotWidth]);
  const fx = x.tickFormat(6);
  const plotBottom = top + result.axes.length * (groupHeight + groupGap) - groupGap + 8;
  const body: string[] = [`<rect x="${left}" y="${top - 8}" width="${plotWidth}" height="${plotBottom - top + 8}" fill="#fafafa" stroke="#999"/>`];
  for (const v of x.ticks(6)) {
    body.push(`<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#666"/>`);
    body.push(`<text x="${x(v).toFixed(1)}" y="${plotBottom + 16}" text-anchor="middle">${escapeXml(fx(v))}</text>`);
  }
  if (x.domain()[0] < 0 && x.domain()[1] > 0) body.push(`<line class="zero" x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${top - 8}" y2="${plotBottom}" stroke="#999" stroke-dasharray="4 3"/>`);
  result.axes.forEach((_, i) => {
    const y0 = top + i * (groupHeight + groupGap);
    body.push(`<text class="axis-label" x="${labelWidth}" y="${(y0 + groupHeight / 2 + 4).toFixed(1)}" text-anchor="end">${escapeXml(stationLabel(result, i))}</text>`);
    result.tiers.forEach((t, j) => {
      const r = t.rangeMw[i];
      if (r === undefined) return; // a tier without admissible point has no range
      const x1 = x(r.min);
      // A tier that cannot move the load at all still shows as a 2-px bar.
      const w = Math.max(2, x(r.max) - x1);
      body.push(`<rect data-series="tier-${j}" x="${x1.toFixed(1)}" y="${y0 + j * (bar + barGap)}" width="${w.toFixed(1)}" height="${bar}" fill="${colours[j]}" fill-opacity="0.35" stroke="${colours[j]}" stroke-width="1.5"><title>${escapeXml(`${stationLabel(result, i)}, ${tierLabel(result, j)}: ${r.min.toFixed(3)} to ${r.max.toFixed(3)} MW`)}</title></rect>`);
    });
    body.push(`<circle data-series="base" cx="${x(base[i]).toFixed(1)}" cy="${(y0 + groupHeight / 2).toFixed(1)}" r="4" fill="${BASE_COLOUR}" stroke="#ffffff" stroke-width="1"><title>${escapeXml(`${stationLabel(result, i)} without coupons: ${base[i].toFixed(3)} MW`)}</title></circle>`);
  });
  body.push(`<text class="axis-title" x="${left + plotWidth / 2}" y="${plotBottom + 34}" text-anchor="middle">${escapeXml(`station net load at ${result.time}, MW`)}</text>`);
  const width = left + plotWidth + 30;
  const legend = chartLegend(tierLegendEntries(result), left, plotBottom + 48, width - left - 10);
  const captionY = plotBottom + 48 + legend.height + 12;
  const caption = captionSvg([
    'Bars: the range of each station\'s net load at t* (charge − V2G) the budget can reach, with the other stations free.',
    'Dot: the load without coupons. Dashed line: 0 MW; left of it the station feeds the grid (net V2G).',
  ], 10, captionY);
  const height = captionY + 2 * 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="range-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="chart-title" x="10" y="18" font-size="13">${escapeXml(`${result.model.toUpperCase()}: reachable net load per station at ${result.time}, by budget`)}</text>`,
    ...body,
    legend.svg,
    caption,
    '</svg>',
  ].join('\n');
}
