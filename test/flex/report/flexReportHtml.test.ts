/**
 * The flexibility report in headless Chromium (skipped with one line where none is
 * installed): title, axis titles with units, every legend entry against a visible mark
 * of its colour, the 3-D view drawing each tier, no console errors, no network.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flexReportHtml } from '../../../src/flex/report/flexReportHtml.ts';
import type { FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';
import { describeInChromium } from '../../helpers/chromium.ts';
import { fakeStudy } from '../fakeStudy.ts';

/** What the page says about the legends and marks of its SVG charts. */
interface LegendCheck {
  chart: string;
  series: string;
  legendColour: string;
  /** Marks of the series outside the legend with a non-empty box. */
  visibleMarks: number;
  /** Colours (stroke or fill) of those marks. */
  markColours: string[];
}

describeInChromium('flexReportHtml in headless Chromium', (launch) => {
  let browser: Browser;
  let dta: FlexModelResult;
  let sta: FlexModelResult;
  beforeAll(async () => {
    browser = await launch();
    dta = (await fakeStudy([300, 1000, 3000])).result;
    sta = (await fakeStudy([300, 1000, 3000], undefined, { constantTotalMw: 3, model: 'sta' })).result;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(results: FlexModelResult[], scenario: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const file = join(mkdtempSync(join(tmpdir(), 'flex-report-')), 'report.html');
    writeFileSync(file, flexReportHtml(results, [], scenario));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(`file://${file}`);
    return { page, errors, requests };
  }

  it('should be titled with the scenario and give a full-rank region a volume only, a flat one an area only', async () => {
    const { page, errors, requests } = await open([dta, sta], 'nguyen-dupuis evening peak');
    expect(await page.title()).toContain('nguyen-dupuis evening peak');
    expect(await page.locator('h1').textContent()).toContain('nguyen-dupuis evening peak');
    const heads = (model: string): Promise<string[]> => page.locator(`section[data-model="${model}"] table.tiers th`).allTextContents();
    const dtaHeads = await heads('dta');
    expect(dtaHeads).toContain('Volume, MW³');
    expect(dtaHeads.some((h) => /Area/.test(h))).toBe(false);
    const staHeads = await heads('sta');
    expect(staHeads).toContain('Area, MW²');
    expect(staHeads).toContain('Constant total, MW');
    expect(staHeads.some((h) => /Volume/.test(h))).toBe(false);
    // Every station range is headed by its station and bus.
    for (const h of ['CS1 (bus 22) range, MW', 'CS2 (bus 16) range, MW', 'CS3 (bus 30) range, MW']) expect(dtaHeads).toContain(h);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('should title every chart axis with its station, bus and unit', async () => {
    const { page } = await open([dta], 'fake');
    const titles = await page.locator('svg.projection g.panel').evaluateAll((panels) => panels.map((p) => [...p.querySelectorAll('text.axis-title')].map((t) => t.textContent ?? '')));
    expect(titles).toHaveLength(3);
    for (const pair of titles) {
      expect(pair).toHaveLength(2);
      for (const t of pair) expect(t).toMatch(/^CS\d \(bus \d+\) net load at 18:00, MW$/);
    }
    expect(titles.map((p) => p.map((t) => t.slice(0, 3)))).toEqual([['CS1', 'CS2'], ['CS1', 'CS3'], ['CS2', 'CS3']]);
    const rangeAxis = await page.locator('svg.range-chart text.axis-title').allTextContents();
    expect(rangeAxis).toEqual(['station net load at 18:00, MW']);
    expect(await page.locator('svg.range-chart text.axis-label').allTextContents()).toEqual(['CS1 (bus 22)', 'CS2 (bus 16)', 'CS3 (bus 30)']);
    await page.close();
  }, 60_000);

  it('should match every legend entry of the SVG charts with a visible mark of its colour, and every mark with an entry', async () => {
    const { page } = await open([dta, sta], 'fake');
    const checks: LegendCheck[] = await page.evaluate(() => {
      const out: LegendCheck[] = [];
      document.querySelectorAll('svg.projection, svg.range-chart').forEach((svg, c) => {
        const marks = [...svg.querySelectorAll('[data-series]')].filter((m) => !m.closest('.legend'));
        const legend = [...svg.querySelectorAll('.legend-item')];
        for (const item of legend) {
          const series = item.getAttribute('data-series') ?? '';
          const mine = marks.filter((m) => m.getAttribute('data-series') === series);
          const visible = mine.filter((m) => { const b = (m as SVGGraphicsElement).getBBox(); return b.width > 0 || b.height > 0; });
          out.push({
            chart: `${c}`, series, legendColour: item.getAttribute('data-colour') ?? '',
            visibleMarks: visible.length, markColours: [...new Set(visible.map((m) => m.getAttribute('stroke') === '#ffffff' ? m.getAttribute('fill') ?? '' : m.getAttribute('stroke') ?? ''))],
          });
        }
        // A mark without a legend entry is a series nobody can read.
        for (const m of marks) if (!legend.some((l) => l.getAttribute('data-series') === m.getAttribute('data-series'))) out.push({ chart: `${c}`, series: `unexplained ${m.getAttribute('data-series')}`, legendColour: '', visibleMarks: 0, markColours: [] });
      });
      return out;
    });
    // Range chart and projections for each of the two models; 3 tiers + base each.
    expect(checks).toHaveLength(4 * 4);
    for (const c of checks) {
      expect(c.visibleMarks, `${c.chart} ${c.series}`).toBeGreaterThan(0);
      expect(c.markColours, `${c.chart} ${c.series}`).toEqual([c.legendColour]);
    }
    await page.close();
  }, 60_000);

  it('should draw every tier of the 3-D legend in its colour, hide it when unticked, and redraw when dragged', async () => {
    const { page, errors } = await open([dta], 'fake');
    const canvas = page.locator('canvas.hull3d');
    await expect(canvas.count()).resolves.toBe(1);
    const legend = await page.locator('figure.hull3d .legend-item').evaluateAll((items) => items.map((i) => ({ series: i.getAttribute('data-series'), colour: i.getAttribute('data-colour') })));
    expect(legend.map((l) => l.series)).toEqual(['tier-0', 'tier-1', 'tier-2', 'base']);
    // Pixels of exactly a legend colour: the tier's point squares and the base dot are drawn opaque.
    const pixelsOf = (hex: string): Promise<number> => page.evaluate((h) => {
      const c = document.querySelector('canvas.hull3d') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
      let k = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) k++;
      return k;
    }, hex);
    for (const l of legend) expect(await pixelsOf(l.colour!), l.series!).toBeGreaterThan(10);
    await page.locator('input.tier-toggle[data-tier="2"]').uncheck();
    expect(await pixelsOf(legend[2].colour!)).toBe(0);
    expect(await pixelsOf(legend[0].colour!)).toBeGreaterThan(10);
    await page.locator('input.tier-toggle[data-tier="2"]').check();
    const before = await page.evaluate(() => (document.querySelector('canvas.hull3d') as HTMLCanvasElement).toDataURL());
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    const after = await page.evaluate(() => (document.querySelector('canvas.hull3d') as HTMLCanvasElement).toDataURL());
    expect(after).not.toBe(before);
    // The caption says what the marks are.
    expect(await page.locator('figure.hull3d figcaption').textContent()).toMatch(/squares: its boundary points.*dot: the load without coupons/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
