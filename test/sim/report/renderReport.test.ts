import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/sim/report/renderReport.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';

const CHROMIUM = '/usr/bin/chromium';

describe('renderReport', () => {
  const { result, summary } = fakeRun();
  const html = renderReport(result, summary);

  it('should be self-contained: no script, no external resource', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('should contain the six plots and the interval table', () => {
    expect(html.match(/<svg /g)).toHaveLength(6);
    for (const title of ['Station net load', 'Active DLMP by bus and interval', 'Voltage profile', 'Station queues', 'Tariffs in force', 'Convergence']) {
      expect(html).toContain(title);
    }
    expect(html).toContain('<table>');
  });

  it('should escape scenario text', () => {
    const evil = renderReport(result, { ...summary, scenario: '<img src=x onerror=alert(1)>' });
    expect(evil).not.toContain('<img');
  });

  it.skipIf(!existsSync(CHROMIUM))('renders in headless Chromium: screenshot not blank, no console errors', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.html');
    writeFileSync(file, html);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(`file://${file}`);
      const png = await page.screenshot({ fullPage: true });
      const svgBoxes = await page.$$eval('svg', (nodes) => nodes.map((n) => n.getBoundingClientRect().width * n.getBoundingClientRect().height));
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(svgBoxes).toHaveLength(6);
      for (const area of svgBoxes) expect(area).toBeGreaterThan(100 * 100);
      // Pixel variance of the screenshot, decoded by the browser itself (no PNG decoder needed here).
      const variance = await page.evaluate(async (b64) => {
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
      expect(variance).toBeGreaterThan(100);
    } finally {
      await browser.close();
    }
  });
});
