import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bundledTransportPath } from '../../src/traffic/io/loadBundledNetwork.ts';

/** Run the CLI in-process, capturing stdout and stderr. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    const code = await main(['node', 'ev-cosim', 'assign', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('ev-cosim assign', () => {
  it('--json prints one object with objective, relativeGap, iterations, seconds (Sioux Falls, public objective)', async () => {
    const { code, out } = await run('SiouxFalls', '--gap', '1e-10', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(out.trim().split('\n').length).toBe(1);
    expect(json.objective / 1e5).toBeCloseTo(42.31335287107440, 6);
    expect(json.relativeGap).toBeLessThanOrEqual(1e-10);
    expect(json.iterations).toBeGreaterThan(0);
    expect(json.seconds).toBeGreaterThan(0);
    expect(json.converged).toBe(true);
  });

  it('finds the trip table beside a _net.tntp path and writes --flows as CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-assign-'));
    copyFileSync(bundledTransportPath('SiouxFalls/SiouxFalls_net.tntp'), join(dir, 'SF_net.tntp'));
    copyFileSync(bundledTransportPath('SiouxFalls/SiouxFalls_trips.tntp'), join(dir, 'SF_trips.tntp'));
    const flows = join(dir, 'flows.csv');
    const { code, out } = await run(join(dir, 'SF_net.tntp'), '--flows', flows);
    expect(code).toBe(0);
    expect(out).toContain('Beckmann objective');
    const rows = parse(readFileSync(flows, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['init_node', 'term_node', 'flow', 'cost']);
    expect(rows.length).toBe(76);
    expect([rows[0].init_node, rows[0].term_node]).toEqual(['1', '2']);
    // Cost is the BPR time at the written flow: 6 (1 + 0.15 (x / 25900.20064)^4).
    const x = Number(rows[0].flow);
    expect(Number(rows[0].cost)).toBeCloseTo(6 * (1 + 0.15 * (x / 25900.20064) ** 4), 9);
  });

  it('accepts --trips for a Nguyen-Dupuis style file', async () => {
    const { code, out } = await run(bundledTransportPath('NguyenDupuis/NguyenDupuis_net.txt'), '--trips',
      bundledTransportPath('NguyenDupuis/NguyenDupuis_trips.txt'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).network).toBe('NguyenDupuis');
  });

  it('exits 2 with the gap reached when --max-iter is too small', async () => {
    const { code, out, err } = await run('SiouxFalls', '--max-iter', '1', '--gap', '1e-12', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(out).converged).toBe(false);
    expect(err).toMatch(/not converged: relative gap .* > target 1e-12 after 1 iterations/);
  });

  it('exits 1 on an unknown network, a missing trip table and a bad option', async () => {
    expect((await run('Atlantis')).err).toMatch(/<network> = "Atlantis": neither a bundled network/);
    const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-assign-'));
    copyFileSync(bundledTransportPath('SiouxFalls/SiouxFalls_net.tntp'), join(dir, 'X_net.tntp'));
    const missing = await run(join(dir, 'X_net.tntp'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no trip table found beside/);
    const badGap = await run('SiouxFalls', '--gap', 'tiny');
    expect(badGap.code).toBe(1);
    expect(badGap.err).toMatch(/--gap = "tiny": must be a number ≥ 0/);
  });

  it('has --help', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain('--flows <file>');
  });
});
