/**
 * Headless Chromium for the HTML-report tests. `.ci/run` installs Debian's `chromium`;
 * where it is missing the browser tests are skipped with one clear line instead of
 * failing in `beforeAll`.
 *
 * @example
 * describeInChromium('report in a browser', (launch) => {
 *   it('draws', async () => { const browser = await launch(); … await browser.close(); });
 * });
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

const CANDIDATES = [process.env.EV_COSIM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of a Chromium executable, or undefined when none is installed. */
export const CHROMIUM_PATH: string | undefined = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));

/** Launch headless Chromium with the flags the sandbox here needs. */
export function launchChromium(): Promise<Browser> {
  if (CHROMIUM_PATH === undefined) throw new Error('no Chromium executable found');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** `describe` when Chromium is installed, else `describe.skip` with a line saying why. */
export function describeInChromium(name: string, body: (launch: () => Promise<Browser>) => void): void {
  if (CHROMIUM_PATH === undefined) {
    process.stderr.write(`skipping "${name}": no Chromium found (install Debian's chromium or set EV_COSIM_CHROMIUM)\n`);
    describe.skip(name, () => body(launchChromium));
    return;
  }
  describe(name, () => body(launchChromium));
}
