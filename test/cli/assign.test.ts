import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ASSIGN_FLOWS_CSV_SCHEMA, ASSIGN_JSON_SCHEMA } from '../../src/cli/outputs/assign.ts';
import { bundledTransportPath } from '../../src/traffic/io/loadBundledNetwork.ts';
import { runMain } from '../helpers/cli.ts';

const run = (...args: string[]) => runMain(['assign', ...args]);

describe('ev-cosim assign', () => {
  it('--json prints one object in the documented strict schema (Sioux Falls, public objective)', async () => {
    const { code, stdout } = await run('SiouxFalls', '--gap', '1e-10', '--json');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = ASSIGN_JSON_SCHEMA.parse(JSON.parse(stdout));
    // Best-known Sioux Falls objective at a gap of 1e-10 (docs/model.md §2.8).
    expect(json.objectiveVehMinPerH / 1e5).toBeCloseTo(42.31335287107440, 6);
    expect(json.relativeGap).toBeLessThanOrEqual(1e-10);
    expect(json.relativeGapTarget).toBe(1e-10);
    expect([json.nodes, json.links, json.zones]).toEqual([24, 76, 24]);
    expect(json.iterations).toBeGreaterThan(0);
    expect(Number.isFinite(json.wallMs)).toBe(true);
    expect(json.converged).toBe(true);
    expect(json.flowsFile).toBeNull();
  });

  it('finds the trip table beside a _net.tntp path and writes --flows as CSV in the documented columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-assign-'));
    copyFileSync(bundledTransportPath('SiouxFalls/SiouxFalls_net.tntp'), join(dir, 'SF_net.tntp'));
    copyFileSync(bundledTransportPath('SiouxFalls/SiouxFalls_trips.tntp'), join(dir, 'SF_trips.tntp'));
    const flows = join(dir, 'flows.csv');
    const { code, stdout } = await run(join(dir, 'SF_net.tntp'), '--flows', flows);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Beckmann objective 4231335\.\d+ veh·min\/h/);
    expect(stdout).toMatch(/wall time +[0-9.]+ ms/);
    const text = readFileSync(flows, 'utf8');
    expect(text.split('\n')[0]).toBe(Object.keys(ASSIGN_FLOWS_CSV_SCHEMA.shape).join(','));
    const rows = (parse(text, { columns: true }) as unknown[]).map((r) => ASSIGN_FLOWS_CSV_SCHEMA.parse(r));
    expect(rows.length).toBe(76);
    expect([rows[0].fromNode, rows[0].toNode]).toEqual([1, 2]);
    // Cost is the BPR time at the written flow: 6 (1 + 0.15 (x / 25900.20064)^4) (SiouxFalls_net.tntp, link 1-2).
    const x = rows[0].flowVehPerH;
    expect(rows[0].costMin).toBeCloseTo(6 * (1 + 0.15 * (x / 25900.20064) ** 4), 9);
  });

  it('accepts --trips for a Nguyen-Dupuis style file', async () => {
    const { code, stdout } = await run(bundledTransportPath('NguyenDupuis/NguyenDupuis_net.txt'), '--trips',
      bundledTransportPath('NguyenDupuis/NguyenDupuis_trips.txt'), '--json');
    expect(code).toBe(0);
    expect(ASSIGN_JSON_SCHEMA.parse(JSON.parse(stdout)).network).toBe('NguyenDupuis');
  });

  it('exits 2 with the gap reached when --max-iter is too small, still printing the documented object', async () => {
    const { code, stdout, stderr } = await run('SiouxFalls', '--max-iter', '1', '--gap', '1e-12', '--json');
    expect(code).toBe(2);
    const json = ASSIGN_JSON_SCHEMA.parse(JSON.parse(stdout));
    expect(json.converged).toBe(false);
    expect(json.relativeGap).toBeGreaterThan(1e-12);
    expect(stderr).toMatch(/not converged: relative gap .* > target 1e-12 after 1 iterations/);
  });

  it('exits 1 on an unknown network, a missing trip table and a bad option', async () => {
    expect((await run('Atlantis')).stderr).toMatch(/<network> = "Atlantis": neither a bundled network/);
    const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-assign-'));
    copyFileSync(bundledTransportPath('SiouxFalls/SiouxFalls_net.tntp'), join(dir, 'X_net.tntp'));
    const missing = await run(join(dir, 'X_net.tntp'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no trip table found beside/);
    const badGap = await run('SiouxFalls', '--gap', 'tiny');
    expect(badGap.code).toBe(1);
    expect(badGap.stderr).toMatch(/--gap = "tiny": must be a number ≥ 0/);
  });

  it('has --help naming the --flows columns', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--flows <file>');
    expect(stdout).toContain('fromNode,toNode,flowVehPerH,costMin');
  });
});
