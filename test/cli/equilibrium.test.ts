import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]) => main(['node', 'ev-cosim', 'equilibrium', ...args]);

describe('ev-cosim equilibrium', () => {
  it('--json prints one object with the documented keys (stress, V2G on)', async () => {
    expect(await run('siouxfalls-ieee123-stress', '--v2g', 'on', '--json')).toBe(0);
    const summary = JSON.parse(out);
    for (const key of ['status', 'residual', 'iterations', 'loadShedMW', 'maxDlmp', 'stationVisitShare', 'v2gPathShare', 'chargedMWh', 'dischargedMWh', 'socialCost']) {
      expect(summary, key).toHaveProperty(key);
    }
    expect(Object.keys(summary.socialCost).sort()).toEqual(['energy', 'generation', 'shedding', 'total', 'travel']);
    expect(summary.status).toBe('converged');
    expect(summary.residual).toBeLessThanOrEqual(1e-6);
    expect(summary.v2g).toBe(true);
    expect(summary.loadShedMW).toBeLessThan(1e-6);
  }, 60_000);

  it('prints a readable summary without --json', async () => {
    expect(await run('siouxfalls-ieee123-stress', '--v2g', 'off')).toBe(0);
    expect(out).toMatch(/V2G off/);
    expect(out).toMatch(/load shed [0-9.]+ MW, max DLMP 1000\.0 \$\/MWh/);
  }, 60_000);

  it('exits 1 naming an unknown scenario', async () => {
    expect(await run('no-such-scenario')).toBe(1);
    expect(err).toMatch(/scenario = "no-such-scenario"/);
  });

  it('exits 1 on --v2g other than on/off', async () => {
    expect(await run('siouxfalls-ieee123-base', '--v2g', 'maybe')).toBe(1);
    expect(err).toMatch(/--v2g = "maybe"/);
  });

  it('exits 1 naming file, field and value of a bad scenario entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-'));
    const bad = JSON.parse(readFileSync(new URL('../../scenarios/siouxfalls-ieee123-base.json', import.meta.url), 'utf8'));
    bad.ev.batteryKwh = -1;
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    expect(await run(path)).toBe(1);
    expect(err).toContain(`${path}: ev.batteryKwh = -1`);
  });

  it('exits 1 on a station at an unknown bus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-'));
    const bad = JSON.parse(readFileSync(new URL('../../scenarios/siouxfalls-ieee123-base.json', import.meta.url), 'utf8'));
    bad.stations[0].bus = 9999;
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    expect(await run(path)).toBe(1);
    expect(err).toMatch(/stations\[0\]\.bus = 9999/);
  }, 30_000);

  it('exits 1 when V2G is requested for the seed-002 model', async () => {
    expect(await run('gwe-ieee33', '--v2g', 'on')).toBe(1);
    expect(err).toMatch(/--v2g/);
  });

  it('exits 2 with the residual reached when the iteration limit is too small', async () => {
    expect(await run('siouxfalls-ieee123-stress', '--max-iterations', '1')).toBe(2);
    expect(err).toMatch(/not-converged.*gap reached/);
  }, 60_000);
});
