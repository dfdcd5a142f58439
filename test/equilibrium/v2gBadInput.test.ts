/**
 * Bad seed-000 scenario files through the CLI (`ev-cosim equilibrium <file>`): one clear
 * error naming the file, the field and the value, exit 1, nothing on stdout; and a
 * non-converged run still prints one JSON object with its residual (exit 2).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { V2G_EQUILIBRIUM_JSON_SCHEMA } from '../../src/cli/outputs/equilibrium.ts';
import { runMain } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'v2g-bad-'));
const base = (): any => JSON.parse(readFileSync(new URL('../../scenarios/siouxfalls-ieee123-base.json', import.meta.url), 'utf8'));
let n = 0;
function write(edit: (s: any) => void): string {
  const s = base();
  edit(s);
  const path = join(dir, `bad-${(n += 1)}.json`);
  writeFileSync(path, JSON.stringify(s));
  return path;
}

async function expectBadInput(edit: (s: any) => void, message: (path: string) => string): Promise<void> {
  const path = write(edit);
  const { code, stdout, stderr } = await runMain(['equilibrium', path, '--json']);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toContain(message(path));
  expect(stderr).not.toMatch(/traffic\/|grid\/|equilibrium\//); // no internal module names
}

describe('ev-cosim equilibrium: bad seed-000 scenario files (exit 1, file + field + value)', () => {
  it('a duplicate station node is an error, not a silently dropped station', async () => {
    await expectBadInput((s) => { s.stations[1].node = s.stations[0].node; },
      (p) => `${p}: stations[1].node = 4: duplicate of stations[0].node`);
  });

  it('a duplicate station id is an error', async () => {
    await expectBadInput((s) => { s.stations[2].id = s.stations[0].id; }, (p) => `${p}: stations[2].id = "FCS-4": duplicate of stations[0].id`);
  });

  it('reversed ranges: generator pMinMw > pMaxMw, vMinPu ≥ vMaxPu, station pMinMw > pMaxMw', async () => {
    await expectBadInput((s) => { s.grid.lses[0].generators[0].pMinMw = 0.9; },
      (p) => `${p}: grid.lses[0].generators[0].pMinMw = 0.9: must be ≤ pMaxMw (0.45); the range is reversed`);
    await expectBadInput((s) => { s.grid.vMinPu = 1.2; }, (p) => `${p}: grid.vMinPu = 1.2: must be < grid.vMaxPu (1.1); the range is reversed`);
    await expectBadInput((s) => { s.stations[0].pMinMw = 3; }, (p) => `${p}: stations[0].pMinMw = 3: must be ≤ pMaxMw (2); the range is reversed`);
  });

  it('a misspelt key is named as the unknown key (with a suggestion), not as the missing correct key', async () => {
    await expectBadInput((s) => { s.ev.batteryKwhh = s.ev.batteryKwh; delete s.ev.batteryKwh; },
      (p) => `${p}: ev.batteryKwhh: unknown field "batteryKwhh" (did you mean "batteryKwh"?)`);
    await expectBadInput((s) => { s.grid.importMax = 2; }, (p) => `${p}: grid.importMax: unknown field "importMax"`);
  });

  it('unknown road nodes and feeder buses are named by the scenario field', async () => {
    await expectBadInput((s) => { s.stations[0].node = 99; }, (p) => `${p}: stations[0].node = 99: unknown node of network SiouxFalls`);
    await expectBadInput((s) => { s.stations[0].bus = 999; }, (p) => `${p}: stations[0].bus = 999: unknown bus of feeder`);
    await expectBadInput((s) => { s.grid.lses[1].generators[0].bus = 999; }, (p) => `${p}: grid.lses[1].generators[0].bus = 999: unknown bus of feeder`);
    await expectBadInput((s) => { s.ods.origins = [1, 1]; }, (p) => `${p}: ods.origins[1] = 1: duplicate of ods.origins[0]`);
  });

  it('an energy-infeasible OD pair names the file and the OD pair', async () => {
    await expectBadInput((s) => { s.ev.batteryKwh = 2; }, (p) => `${p}: ods = "1->20": no energy-feasible EV path`);
  });
});

describe('ev-cosim equilibrium --json on non-convergence', () => {
  it('prints one JSON object with status not-converged and the residual reached, exit 2', async () => {
    const { code, stdout, stderr } = await runMain(['equilibrium', 'siouxfalls-ieee123-stress', '--v2g', 'on', '--json', '--max-iterations', '2']);
    expect(code).toBe(2);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const s = V2G_EQUILIBRIUM_JSON_SCHEMA.parse(JSON.parse(stdout));
    expect(s.status).toBe('not-converged');
    expect(s.residual).toBeGreaterThan(1e-6);
    expect(s.iterations).toBe(2);
    expect(stderr).toMatch(/not-converged: equilibrium residual above tolerance after 2 iterations \(gap reached \d\.\d+e[-+]\d+\)/);
  }, 60_000);
});
