import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineChart, timeSeries } from '../../../src/common/charts/lineChart.ts';
import { seriesStyle } from '../../../src/common/charts/seriesStyle.ts';
import { renderReport } from '../../../src/sim/report/renderReport.ts';
import { TOP_STATIONS } from '../../../src/sim/report/stationSelection.ts';
import { describeInChromium } from '../../helpers/chromium.ts';
import { REFERENCE, runMain } from '../../helpers/cli.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';
import { IDLE_STATIONS, manyStationsRun } from '../fixtures/manyStationsRun.ts';
import { auditReport, type ReportAudit } from './reportAudit.ts';

describe('renderReport', () => {
  const { result, summary } = fakeRun();
  const html = renderReport(result, summary);

  it('should be self-contained: no script, no external resource', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('should hold the key figures, each with its unit, before the first chart', () => {
    const t = summary.totals;
    const figure = (id: string) => new RegExp(`data-key-figure="${id}">.*?</div>`).exec(html)?.[0] ?? '';
    expect(figure('energy-charged')).toContain(`${t.stationEnergyChargedMwh.toFixed(2)} <span class="unit">MWh</span>`);
    expect(figure('peak-net-load')).toContain(`at ${t.peakStationNetAt} (interval ${t.peakStationNetInterval})`);
    expect(figure('feeder-cost')).toContain('<span class="unit">$</span>');
    expect(figure('losses')).toContain('0.067 <span class="unit">MWh</span>');
    expect(figure('household-shed')).toContain('<span class="unit">MWh</span>');
    expect(figure('max-dlmp')).toContain(`bus ${t.maxDlmpBus}`);
    expect(figure('min-voltage')).toContain('<span class="unit">pu</span>');
    expect(html.indexOf('data-key-figure')).toBeLessThan(html.indexOf('<svg'));
  });

  it('should state the ¥/$ rate where $/MWh and ¥/kWh meet (header, table)', () => {
    expect(html).toContain('Exchange rate used: 7.2 ¥/$');
    expect(html).toContain('1 $/MWh = 0.0072 ¥/kWh');
    expect(html).toMatch(/<p class="caption">DLMPs in \$\/MWh, tariffs and residuals in ¥\/kWh, converted at 7\.2 ¥\/\$/);
  });

  it('should draw convergence one unit per panel and say so when a quantity is 0 everywhere', () => {
    for (const id of ['due-gap', 'cone-gap', 'price-residual']) expect(html).toMatch(new RegExp(`data-(chart|zero-panel)="${id}"`));
    const fixedTariffs = fakeRun({ dlmp: false });
    const page = renderReport(fixedTariffs.result, fixedTariffs.summary);
    expect(page).toContain('data-zero-panel="price-residual"');
    expect(page).not.toContain('data-chart="price-residual"');
    expect(page).toMatch(/\|F\(ω\) − ω\|[^<]*<\/b>: 0 ¥\/kWh in every interval/);
  });

  it('should escape scenario text', () => {
    const evil = renderReport(result, { ...summary, scenario: '<img src=x onerror=alert(1)>' });
    expect(evil).not.toContain('<img');
  });

  it('53 stations: at most 8 named plus aggregates per legend; idle stations in no legend but in a note', () => {
    const many = manyStationsRun();
    const page = renderReport(many.result, many.summary, { feeder: many.feeder });
    for (const svg of page.split('<svg ').slice(1)) {
      const legends = [...svg.matchAll(/data-legend="([^"]*)"/g)].map((m) => m[1]);
      expect(legends.length).toBeLessThanOrEqual(TOP_STATIONS + 1);
      for (const id of IDLE_STATIONS) expect(legends.some((l) => l.startsWith(id))).toBe(false);
    }
    expect(page).toContain('8 of 53 stations are drawn by name');
    expect(page).toContain('V2G remuneration in force</b>: all 53 stations: 3 ¥/kWh in every interval.');
  });
});

/** Pixel variance of a screenshot, decoded by the browser itself (no PNG decoder needed here). */
async function screenshotVariance(browser: Browser, png: Buffer): Promise<number> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const data = g.getImageData(0, 0, img.width, img.height).data;
      let sum = 0;
      let sumSq = 0;
      const n = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const lum = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        sum += lum;
        sumSq += lum * lum;
      }
      const mean = sum / n;
      return sumSq / n - mean * mean;
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

describeInChromium('run report in headless Chromium', (launch) => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const files: Record<string, string> = {};
  beforeAll(async () => {
    browser = await launch();
    const out = join(dir, 'reference');
    const { code } = await runMain(['run', REFERENCE, '--out', out]);
    expect(code).toBe(0);
    files.reference = join(out, 'report.html');
    const many = manyStationsRun();
    files['53 stations'] = join(dir, 'many.html');
    writeFileSync(files['53 stations'], renderReport(many.result, many.summary, { feeder: many.feeder }));
    const two = fakeRun();
    files['2 stations, no feeder topology'] = join(dir, 'two.html');
    writeFileSync(files['2 stations, no feeder topology'], renderReport(two.result, two.summary));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['reference', '53 stations', '2 stations, no feeder topology'])(
    '%s: every legend entry is a visible, distinct mark in the plot; every axis title has a unit',
    async (name) => {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${files[name]}`);
      const audit: ReportAudit = await page.evaluate(auditReport);
      const png = await page.screenshot({ fullPage: true });
      if (process.env.EV_COSIM_SCREENSHOTS) writeFileSync(join(process.env.EV_COSIM_SCREENSHOTS, `${name.replace(/\W+/g, '-')}.png`), png);
      await page.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(audit.problems).toEqual([]);
      expect(audit.charts.length).toBeGreaterThanOrEqual(4);
      expect(await screenshotVariance(browser, png)).toBeGreaterThan(100);
    },
  );

  it('the audit flags what misleads: overlapping twins, a legend entry without marks, a unit-less axis, a mark outside', async () => {
    const style = seriesStyle(0);
    const bad = lineChart({
      id: 'bad', title: 'Bad', x: { title: 'interval' }, y: { title: 'y (MW)', domain: [0, 1] },
      series: [timeSeries('twin A', [0.2, 0.4], style), timeSeries('twin B', [0.2, 0.4], style), timeSeries('outside', [0.5, 3], seriesStyle(1))],
    }).replace('</svg>', '<g data-legend="ghost"><line x1="0" x2="9" y1="1" y2="1" stroke="#000"/></g></svg>');
    const file = join(dir, 'bad.html');
    writeFileSync(file, `<!DOCTYPE html><html><body>${bad}</body></html>`);
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const audit: ReportAudit = await page.evaluate(auditReport);
    await page.close();
    expect(audit.problems).toEqual([
      'bad: axis title without a unit: "interval"',
      'bad: series "twin B" is drawn exactly like "twin A"',
      'bad: series "outside" draws outside the plot area',
      'bad: legend entry "ghost" has no marks',
    ]);
  });

  it('reference: the voltage profile has one line per feeder path of IEEE 33 and the charts the report promises', async () => {
    const html = readFileSync(files.reference, 'utf8');
    for (const legend of ['1→18 (main)', '2→22', '3→25', '6→33']) expect(html).toContain(`data-legend="${legend}"`);
    for (const id of ['station-net-load', 'dlmp-heat-map', 'voltage-profile', 'due-gap', 'cone-gap']) expect(html).toContain(`data-chart="${id}"`);
  });
});
