import { describe, expect, it } from 'vitest';
import { axisScale } from '../../../src/common/charts/axisScale.ts';
import { chartLegend } from '../../../src/common/charts/chartLegend.ts';
import { lineChart, timeSeries } from '../../../src/common/charts/lineChart.ts';
import { mergedName, prepareSeries } from '../../../src/common/charts/prepareSeries.ts';
import { markerPath, seriesStyle } from '../../../src/common/charts/seriesStyle.ts';
import { escapeXml, formatTick } from '../../../src/common/svgText.ts';
import { svgHeatMap, viridis } from '../../../src/sim/report/svgHeatMap.ts';

describe('svgText', () => {
  it('formatTick and escapeXml', () => {
    expect(formatTick(0.000012)).toBe('1.2e-5');
    expect(formatTick(61.25)).toBe('61.25');
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});

describe('seriesStyle', () => {
  it('any two of the first eight styles differ in colour and marker; neighbours also in dash', () => {
    const styles = Array.from({ length: 8 }, (_, k) => seriesStyle(k));
    expect(new Set(styles.map((s) => s.color)).size).toBe(8);
    expect(new Set(styles.map((s) => s.marker)).size).toBe(8);
    for (let k = 1; k < 8; k++) expect(styles[k].dash).not.toBe(styles[k - 1].dash);
  });
  it('(colour, marker) pairs repeat only after 64 series', () => {
    const pairs = Array.from({ length: 64 }, (_, k) => `${seriesStyle(k).color}/${seriesStyle(k).marker}`);
    expect(new Set(pairs).size).toBe(64);
  });
  it('markerPath gives a closed path for shapes and nothing for none', () => {
    expect(markerPath('square')).toMatch(/^M.*Z$/);
    expect(markerPath('none')).toBe('');
  });
});

describe('prepareSeries', () => {
  const style = seriesStyle(0);
  it('drops all-zero and absent series with a note, merges identical ones', () => {
    const { series, notes } = prepareSeries([
      { name: 'A', values: [2, 2, 3], style },
      { name: 'B', values: [2, 2, 3], style: seriesStyle(1) },
      { name: 'C', values: [0, 0, 0], style },
      { name: 'D', values: [Number.NaN, Number.NaN, Number.NaN], style },
      { name: 'E', values: [1, 0, 2], style },
    ], { pointName: 'interval' });
    expect(series.map((s) => s.name)).toEqual(['A = B', 'E']);
    expect(series[0].style).toBe(style);
    expect(notes).toEqual(['C: 0 in every interval.', 'D: no value in any interval.']);
  });
  it('counts values a log axis cannot show', () => {
    const { notes } = prepareSeries([{ name: 'gap', values: [0, 1e-3, 1e-4], style }], { pointName: 'interval', logAxis: true });
    expect(notes).toEqual(['gap: 1 of 3 values ≤ 0, not drawn on the log axis.']);
  });
  it('keeps nearly-equal but different series apart', () => {
    const { series } = prepareSeries([{ name: 'A', values: [1, 2], style }, { name: 'B', values: [1, 2 + 1e-9], style }]);
    expect(series).toHaveLength(2);
  });
  it('names a large merged group by its first two members and its size', () => {
    expect(mergedName(['a', 'b'])).toBe('a = b');
    expect(mergedName(['a', 'b', 'c', 'd', 'e'])).toBe('a = b = … (5 identical series)');
  });
});

describe('axisScale', () => {
  it('linear: round ticks covering the data, flat data widened', () => {
    const y = axisScale({ title: 'y (MW)' }, [0.23, 1.93], [200, 0]);
    expect(y.ticks[0]).toBeLessThanOrEqual(0.23);
    expect(y.ticks[y.ticks.length - 1]).toBeGreaterThanOrEqual(1.93);
    expect(y.toPx(y.ticks[0])).toBeCloseTo(200, 6);
    const flat = axisScale({ title: 'p (¥/kWh)' }, [2, 2, 2], [200, 0]);
    expect(flat.toPx(2)).toBeGreaterThan(0);
    expect(flat.toPx(2)).toBeLessThan(200);
  });
  it('log: one tick per decade, non-positive values refused', () => {
    const y = axisScale({ title: 'gap (dimensionless)', log: true }, [9.3e-4, 2e-6, 0], [100, 0]);
    expect(y.ticks).toEqual([1e-6, 1e-5, 1e-4, 1e-3]);
    expect(y.label(1e-4)).toBe('1e-4');
    expect(y.accepts(0)).toBe(false);
    expect(y.toPx(1e-6)).toBeCloseTo(100, 9);
    expect(y.toPx(1e-3)).toBeCloseTo(0, 9);
  });
});

describe('chartLegend', () => {
  it('puts short names in several columns and long names in fewer', () => {
    const short = chartLegend(['a', 'b', 'c', 'd'].map((name, k) => ({ name, style: seriesStyle(k) })), 560);
    const long = chartLegend(['a'.repeat(80), 'b', 'c', 'd'].map((name, k) => ({ name, style: seriesStyle(k) })), 560);
    expect(short.heightPx).toBe(16);
    expect(long.heightPx).toBeGreaterThan(16);
  });
});

describe('lineChart', () => {
  const chart = lineChart({
    id: 'c', title: 'T', x: { title: 'x (HH:MM)' }, y: { title: 'y (MW)' },
    series: [timeSeries('s1', [1, 2, 3], seriesStyle(0)), timeSeries('s2 <b>', [3, Number.NaN, 1], seriesStyle(1))],
    references: [{ value: 2.5, label: 'limit' }],
    notes: ['s3: 0 in every interval.'],
  });
  it('marks chart, plot area, series, legend, axes, reference and notes', () => {
    expect(chart).toMatch(/^<svg [^>]*data-chart="c"/);
    expect(chart.match(/data-plot-area/g)).toHaveLength(1);
    expect(chart.match(/<g data-series=/g)).toHaveLength(2);
    expect(chart.match(/<g data-legend=/g)).toHaveLength(2);
    expect(chart).toContain('data-legend="s2 &lt;b&gt;"');
    expect(chart).toContain('data-axis="x"');
    expect(chart).toContain('>y (MW)</text>');
    expect(chart).toContain('data-reference="limit"');
    expect(chart).toContain('s3: 0 in every interval.');
  });
  it('leaves a gap at a non-finite value (two sub-paths) and draws no marker there', () => {
    const s2 = chart.slice(chart.indexOf('data-series="s2'), chart.indexOf('</g>', chart.indexOf('data-series="s2')));
    const d = /<path d="([^"]*)" fill="none"/.exec(s2)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(s2.match(/transform="translate/g)).toHaveLength(2);
    expect(chart).not.toContain('NaN');
  });
  it('does not list an unlisted series in the legend', () => {
    const single = lineChart({ id: 'g', title: 'G', x: { title: 'x (HH:MM)' }, y: { title: 'gap (dimensionless)', log: true },
      series: [{ ...timeSeries('gap', [1e-3, 1e-4], seriesStyle(0)), unlisted: true }] });
    expect(single).toContain('data-series="gap"');
    expect(single).not.toContain('data-legend');
  });
  it('handles an empty chart', () => {
    expect(lineChart({ id: 'e', title: 'E', x: { title: 'x (HH:MM)' }, y: { title: 'y (MW)' }, series: [] })).not.toContain('NaN');
  });
});

describe('svgHeatMap', () => {
  const svg = svgHeatMap({
    id: 'h', title: 'H', rowLabels: ['1', '2'], columnLabels: ['x', 'y'], values: [[0, 1], [0.5, Number.NaN]],
    unit: '$/MWh', quantity: 'DLMP', rowTitle: 'feeder bus (id)', columnTitle: 'interval start (HH:MM)',
  });
  it('should colour the extremes with the ends of viridis and mark missing cells grey', () => {
    expect(svg).toContain(`fill="${viridis(0)}"`);
    expect(svg).toContain(`fill="${viridis(1)}"`);
    expect(svg).toContain('fill="#ccc"');
    expect(svg.match(/<title>/g)).toHaveLength(4);
  });
  it('titles both axes and the colour bar with units', () => {
    expect(svg).toContain('data-chart="h"');
    expect(svg).toMatch(/data-axis="color"[^>]*>DLMP \(\$\/MWh\)</);
    expect(svg).toMatch(/data-axis="x"[^>]*>interval start \(HH:MM\)</);
  });
  it('viridis: the published end colours, clamped outside [0, 1]', () => {
    // Viridis (matplotlib) starts at #440154 and ends at #fde725.
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(-1)).toBe(viridis(0));
    expect(viridis(2)).toBe(viridis(1));
  });
});
