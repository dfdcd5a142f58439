import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

async function runCli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'ev-cosim', 'flex', ...args]);
    return { code, stderr, stdout };
  } finally {
    errSpy.mockRestore();
    outSpy.mockRestore();
  }
}

describe('ev-cosim flex: bad input exits 1 with a clear message before any run', () => {
  it('should reject a non-positive budget', async () => {
    const r = await runCli(['--budgets', '1000,0', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--budgets = 0: each budget must be > 0/);
    expect(r.stdout).toBe('');
  });
  it('should reject an empty direction set', async () => {
    const r = await runCli(['--directions', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--directions.*empty/);
  });
  it('should reject a time index outside the horizon', async () => {
    const r = await runCli(['--time', '12']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/time = 12: must be an interval index in \[0, 11\]/);
  });
  it('should reject a station not in the scenario', async () => {
    const r = await runCli(['--stations', 'CS1,CS9']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"CS9": not a station of the scenario \(CS1, CS2, CS3\)/);
  });
  it('should reject a need at a bus without a station', async () => {
    const r = await runCli(['--need', 'bus5<=1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no station at bus 5/);
  });
  it('should reject an unknown model', async () => {
    const r = await runCli(['--model', 'xta']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--model = "xta": must be dta, sta or both/);
  });
  it('should describe every option in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const o of ['--budgets', '--directions', '--time', '--model', '--workers', '--out', '--resume', '--json', '--need']) expect(r.stdout).toContain(o);
  });
});

describe('ev-cosim flex on a reduced reference scenario', () => {
  it('should print one JSON object with model, time, stations and tiers (budget, volume, affineRank, vertices) per model, and write the outputs', async () => {
    const { mkdtempSync, existsSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const out = mkdtempSync(join(tmpdir(), 'flex-cli-'));
    const r = await runCli([
      '--set', 'horizon.intervals=6', '--set', 'horizon.stepSec=60', '--set', 'demand.profile=[0.7,0.8,0.9,1,1,1]', '--set', 'feeder.loadScale=1',
      '--time', '3', '--budgets', '300,1000', '--stations', 'CS3', '--lookback', '0', '--levels', '0.25', '--refine', '0',
      '--model', 'both', '--workers', '1', '--need', 'CS3<=0.2', '--out', out, '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]);
    expect(json.model).toBe('both');
    for (const model of ['dta', 'sta'] as const) {
      const m = json.models[model];
      expect(m.model).toBe(model);
      expect(m.stations).toEqual(['CS3']);
      expect(typeof m.time).toBe('number');
      expect(m.tiers.map((t: { budget: number }) => t.budget)).toEqual([300, 1000]);
      for (const t of m.tiers) {
        expect(typeof t.volume).toBe('number');
        expect(typeof t.affineRank).toBe('number');
        expect(t.vertices.length).toBeGreaterThan(0);
        for (const v of t.vertices) {
          expect(v.netMW).toHaveLength(1);
          expect(v.subsidy).toBeLessThanOrEqual(t.budget);
          expect(typeof v.dueGap).toBe('number');
          expect(Object.keys(v.coupons)).toEqual(['CS1', 'CS2', 'CS3']);
        }
      }
      expect(m.plan.need).toEqual({ station: 'CS3', bus: 30, op: '<=', limitMW: 0.2 });
    }
    expect(json.models.sta.time).toBe(1); // 17:30 lies in the 17:30–18:00 static interval (6 × 10 min → 2 × 30 min)
    expect(json.comparison.length).toBe(4);
    for (const f of ['flex.json', 'tiers.csv', 'points.csv', 'vertices.csv', 'report.html', 'projection-dta.svg', 'projection-sta.svg', 'results.jsonl']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    expect(readFileSync(join(out, 'tiers.csv'), 'utf8').split('\n')[0]).toContain('budget_yuan,volume_mw_n,increase_pct');
  }, 600_000);
});
