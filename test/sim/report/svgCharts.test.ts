import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { svgHeatMap, viridis } from '../../../src/sim/report/svgHeatMap.ts';
import { svgLineChart } from '../../../src/sim/report/svgLineChart.ts';
import { escapeXml, formatTick, niceTicks } from '../../../src/common/svgText.ts';

describe('svgText', () => {
  it('niceTicks should cover the range with round steps', () => {
    expect(niceTicks(0, 0.93, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (lo, span) => {
        const ticks = niceTicks(lo, lo + span, 5);
        expect(ticks[0]).toBeLessThanOrEqual(lo);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(lo + span);
        expect(ticks.length).toBeLessThanOrEqual(14);
      }),
    );
  });
  it('niceTicks should survive an empty or non-finite range', () => {
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
    expect(niceTicks(Number.NaN, 1)).toEqual([0, 1]);
  });
  it('formatTick and escapeXml', () => {
    expect(formatTick(0.000012)).toBe('1.2e-5');
    expect(formatTick(61.25)).toBe('61.25');
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});

describe('svgLineChart', () => {
  it('should draw one polyline per series and a reference line', () => {
    const svg = svgLineChart({
      title: 'T', xLabels: ['a', 'b', 'c'], yLabel: 'MW',
      series: [{ name: 's1', values: [1, 2, 3] }, { name: 's2', values: [3, 2, 1], dashed: true }],
      references: [{ value: 2.5, label: 'limit' }],
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 640 \d+"/);
  });
  it('should leave gaps for non-finite values and drop non-positive values on a log axis', () => {
    const gap = svgLineChart({ title: 'T', xLabels: ['a', 'b', 'c', 'd'], yLabel: 'y', series: [{ name: 's', values: [1, Number.NaN, 2, 3] }] });
    expect(gap.match(/<polyline/g)).toHaveLength(2);
    const log = svgLineChart({ title: 'T', xLabels: ['a', 'b'], yLabel: 'y', logY: true, series: [{ name: 's', values: [0, 1e-3] }] });
    expect(log.match(/<circle/g)).toHaveLength(1);
    expect(log).not.toContain('NaN');
  });
  it('should handle an empty chart', () => {
    expect(svgLineChart({ title: 'T', xLabels: [], yLabel: 'y', series: [] })).not.toContain('NaN');
  });
});

describe('svgHeatMap', () => {
  it('should colour the extremes with the ends of viridis and mark missing cells grey', () => {
    const svg = svgHeatMap({ title: 'H', rowLabels: ['1', '2'], columnLabels: ['x', 'y'], values: [[0, 1], [0.5, Number.NaN]], unit: 'u' });
    expect(svg).toContain(`fill="${viridis(0)}"`);
    expect(svg).toContain(`fill="${viridis(1)}"`);
    expect(svg).toContain('fill="#ccc"');
    expect(svg.match(/<title>/g)).toHaveLength(4);
  });
  it('viridis should clamp outside [0, 1]', () => {
    expect(viridis(-1)).toBe(viridis(0));
    expect(viridis(2)).toBe('rgb(253,231,37)');
  });
});
