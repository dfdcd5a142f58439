import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flexReportHtml } from '../../../src/flex/report/flexReportHtml.ts';
import { fakeStudy } from '../fakeStudy.ts';

const CHROMIUM = '/usr/bin/chromium';
let browser: Browser;

describe('flexReportHtml in headless Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('should draw a non-blank 3-D hull view without console errors or network, and redraw when dragged', async () => {
    const { result } = await fakeStudy([300, 3000], undefined);
    const html = flexReportHtml([result], [], 'fake study');
    const file = join(mkdtempSync(join(tmpdir(), 'flex-report-')), 'report.html');
    writeFileSync(file, html);
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(`file://${file}`);
    const canvas = page.locator('canvas.hull3d');
    await expect(canvas.count()).resolves.toBe(1);
    // Not blank: count pixels differing from the white background.
    const inked = async (): Promise<number> => page.evaluate(() => {
      const c = document.querySelector('canvas.hull3d') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let k = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250) k++;
      return k;
    });
    expect(await inked()).toBeGreaterThan(2000);
    const before = await page.evaluate(() => (document.querySelector('canvas.hull3d') as HTMLCanvasElement).toDataURL());
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    const after = await page.evaluate(() => (document.querySelector('canvas.hull3d') as HTMLCanvasElement).toDataURL());
    expect(after).not.toBe(before);
    // The 2-D projections are inline SVG with one polygon per tier and axis pair.
    expect(await page.locator('div.proj svg polygon').count()).toBe(3 * 2);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);
});
