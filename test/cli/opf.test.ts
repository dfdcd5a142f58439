import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

let stdout: string[];
let stderr: string[];
beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]): Promise<number> => main(['node', 'ev-cosim', 'opf', ...args]);
const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-cli-opf-'));
function studyFile(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

describe('ev-cosim opf', () => {
  it('--json prints exactly one object with the documented keys (case33bw)', async () => {
    expect(await run('case33bw', '--json')).toBe(0);
    expect(stdout).toHaveLength(1);
    const out = JSON.parse(stdout[0]);
    for (const key of ['status', 'objective', 'lossesKW', 'minVoltagePu', 'minVoltageBus', 'maxConeGap', 'dlmpP', 'dlmpQ', 'shedKW', 'dispatch']) {
      expect(out, key).toHaveProperty(key);
    }
    expect(out.status).toBe('optimal');
    expect(out.lossesKW).toBeCloseTo(202.68, 1);
    expect(out.minVoltageBus).toBe(18);
    expect(Object.keys(out.dlmpP)).toHaveLength(33);
    expect(out.dlmpP['1']).toBeCloseTo(20, 6);
    expect(out.dispatch[0]).toMatchObject({ id: 'gen1', bus: 1 });
  });

  it('--pf runs the power flow; --formulation lindistflow is lossless', async () => {
    expect(await run('case33bw', '--pf', '--json')).toBe(0);
    const pf = JSON.parse(stdout.pop()!);
    expect(pf.mode).toBe('pf');
    expect(pf.minVoltagePu).toBeCloseTo(0.91309, 5);
    expect(await run('case33bw', '--formulation', 'lindistflow', '--json')).toBe(0);
    expect(JSON.parse(stdout.pop()!).lossesKW).toBe(0);
  });

  it('prints a one-screen summary without --json', async () => {
    expect(await run('case33bw')).toBe(0);
    const text = stdout.join('');
    expect(text).toMatch(/min voltage 0\.91309 pu at bus 18/);
    expect(text.split('\n').length).toBeLessThan(30);
  });

  it('runs a feeder study JSON', async () => {
    const path = studyFile('study.json', { feeder: 'case33bw', substation: { importPriceUsdPerMwh: 40 }, injections: [{ bus: 30, pMw: 0.3, sMaxMva: 0.5 }] });
    expect(await run(path, '--json')).toBe(0);
    const out = JSON.parse(stdout[0]);
    expect(out.dlmpP['1']).toBeCloseTo(40, 6);
    expect(out.stationQMVAr['30']).toBeGreaterThan(0);
  });

  it('exits 1 on bad input (unknown feeder, bad formulation, unknown study field) with a message on stderr', async () => {
    expect(await run('no-such-feeder', '--json')).toBe(1);
    expect(stderr.join('')).toMatch(/no-such-feeder/);
    expect(await run('case33bw', '--formulation', 'acopf')).toBe(1);
    expect(await run(studyFile('bad.json', { feeder: 'case33bw', bogus: 1 }), '--json')).toBe(1);
    expect(stdout).toHaveLength(0);
  });

  it('exits 2 when the OPF is infeasible (an isolated bus injecting power it cannot export)', async () => {
    const path = studyFile('infeasible.json', { feeder: 'case33bw', outagedBranches: [17], injections: [{ bus: 18, pMw: -0.5 }] });
    expect(await run(path, '--json')).toBe(2);
    expect(stderr.join('')).toMatch(/infeasible/);
    expect(stdout).toHaveLength(0);
  });

  it('exits 2 on an inexact relaxation but still prints the point, marked inexact', async () => {
    const path = studyFile('negative-price.json', { feeder: 'case33bw', substation: { importPriceUsdPerMwh: -50 } });
    expect(await run(path, '--json')).toBe(2);
    expect(JSON.parse(stdout[0]).status).toBe('inexact');
    expect(stderr.join('')).toMatch(/inexact/);
  });
});
