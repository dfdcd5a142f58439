import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GWE_EQUILIBRIUM_JSON_SCHEMA, V2G_EQUILIBRIUM_JSON_SCHEMA } from '../../src/cli/outputs/equilibrium.ts';
import { runMain } from '../helpers/cli.ts';

const run = (...args: string[]) => runMain(['equilibrium', ...args]);

/** The social-cost parts must add up to the total that is printed. */
function expectSocialCostAddsUp(c: { generationUsdPerH: number; sheddingUsdPerH: number; travelUsdPerH: number; energyUsdPerH: number; totalUsdPerH: number }): void {
  expect(c.generationUsdPerH + c.sheddingUsdPerH + c.travelUsdPerH + c.energyUsdPerH).toBeCloseTo(c.totalUsdPerH, 6);
}

/** The bus of the highest DLMP in a map, lowest bus number on a tie. */
function argMaxBus(byBus: Record<string, number>): number {
  const max = Math.max(...Object.values(byBus));
  return Math.min(...Object.entries(byBus).filter(([, v]) => v === max).map(([bus]) => Number(bus)));
}

describe('ev-cosim equilibrium', () => {
  it('--json prints one object in the documented strict schema (seed 000 stress, V2G on)', async () => {
    const { code, stdout } = await run('siouxfalls-ieee123-stress', '--v2g', 'on', '--json');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const s = V2G_EQUILIBRIUM_JSON_SCHEMA.parse(JSON.parse(stdout));
    expect(s.status).toBe('converged');
    expect(s.residual).toBeLessThanOrEqual(1e-6);
    expect(s.v2g).toBe(true);
    // Seed 000 Fig. 6: with V2G the stressed feeder sheds no load.
    expect(s.loadShedMw).toBeLessThan(1e-6);
    expect(s.maxDlmpUsdPerMwh).toBe(Math.max(...Object.values(s.details.dlmpUsdPerMwhByBus)));
    expect(s.maxDlmpBus).toBe(argMaxBus(s.details.dlmpUsdPerMwhByBus));
    expectSocialCostAddsUp(s.socialCost);
    // Station energies (1 h study period) add up to the totals.
    expect(s.details.stations.reduce((t, st) => t + st.dischargedMw, 0)).toBeCloseTo(s.dischargedMwh, 6);
    expect(s.details.evPathFlowVehPerH.length).toBeGreaterThan(0);
  }, 60_000);

  it('--json of the seed-002 model fits its own strict schema', async () => {
    const { code, stdout } = await run('gwe-ieee33', '--json');
    expect(code).toBe(0);
    const s = GWE_EQUILIBRIUM_JSON_SCHEMA.parse(JSON.parse(stdout));
    expect(s.kind).toBe('generalized-wardrop-equilibrium');
    expect(s.status).toBe('converged');
    expect(s.maxDlmpBus).toBe(argMaxBus(s.details.dlmpUsdPerMwhByBus));
    expectSocialCostAddsUp(s.socialCost);
    expect(s.socialCost.sheddingUsdPerH).toBe(0);
    // Station charging power (kW) over the 1 h study period is the energy charged (MWh).
    expect(s.details.stations.reduce((t, st) => t + st.chargingKw, 0) / 1000).toBeCloseTo(s.chargedMwh, 9);
  }, 60_000);

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await run('siouxfalls-ieee123-stress', '--v2g', 'off');
    expect(code).toBe(0);
    expect(stdout).toMatch(/V2G off/);
    expect(stdout).toMatch(/load shed [0-9.]+ MW, max DLMP 1000\.0 \$\/MWh at bus \d+/);
  }, 60_000);

  it('exits 1 naming an unknown scenario', async () => {
    const { code, stderr } = await run('no-such-scenario');
    expect(code).toBe(1);
    expect(stderr).toMatch(/scenario = "no-such-scenario"/);
  });

  it('exits 1 on --v2g other than on/off', async () => {
    const { code, stderr } = await run('siouxfalls-ieee123-base', '--v2g', 'maybe');
    expect(code).toBe(1);
    expect(stderr).toMatch(/--v2g = "maybe"/);
  });

  it('exits 1 naming file, field and value of a bad scenario entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-'));
    const bad = JSON.parse(readFileSync(new URL('../../scenarios/siouxfalls-ieee123-base.json', import.meta.url), 'utf8'));
    bad.ev.batteryKwh = -1;
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    const { code, stderr } = await run(path);
    expect(code).toBe(1);
    expect(stderr).toContain(`${path}: ev.batteryKwh = -1`);
  });

  it('exits 1 on a station at an unknown bus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eq-'));
    const bad = JSON.parse(readFileSync(new URL('../../scenarios/siouxfalls-ieee123-base.json', import.meta.url), 'utf8'));
    bad.stations[0].bus = 9999;
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    const { code, stderr } = await run(path);
    expect(code).toBe(1);
    expect(stderr).toMatch(/stations\[0\]\.bus = 9999/);
  }, 30_000);

  it('exits 1 when V2G is requested for the seed-002 model', async () => {
    const { code, stderr } = await run('gwe-ieee33', '--v2g', 'on');
    expect(code).toBe(1);
    expect(stderr).toMatch(/--v2g/);
  });

  it('exits 2 with the residual reached when the iteration limit is too small', async () => {
    const { code, stderr } = await run('siouxfalls-ieee123-stress', '--max-iterations', '1');
    expect(code).toBe(2);
    expect(stderr).toMatch(/not-converged.*gap reached/);
  }, 60_000);
});
