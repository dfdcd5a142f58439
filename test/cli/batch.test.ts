/**
 * `ev-cosim batch`: a batch of 4 cases (a 2 × 2 grid) writes the same files as 4 separate `ev-cosim run`s
 * (timing fields and the folder paths in summary.json excepted), one batch.csv row per case,
 * and a second call resumes every case without running it; bad input exits 1 writing nothing.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.ts';

const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'].flatMap((s) => ['--set', s]);
const FILES = ['report.html', 'stations.csv', 'buses.csv', 'links.csv', 'system.csv'];

/** summary.json without its timing block and with the folder path replaced. */
function summaryOf(folder: string): unknown {
  const s = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8').split(folder).join('<folder>')) as Record<string, unknown>;
  delete s.timing;
  return s;
}

describe('ev-cosim batch', () => {
  it('4 cases match 4 separate runs; batch.csv has one row per case; a second call resumes all 4', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-cli-'));
    const out = join(dir, 'batch');
    const grid = ['--grid', 'demand.scale=0.8,1.2', '--grid', 'classes.v2gShare=0,0.1'];
    const first = await runMain(['batch', ...SMALL, ...grid, '--out', out, '--json']);
    expect(first.stderr).not.toMatch(/bad input|internal error/);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout) as { cases: { case: string; status: string; overrides: string }[]; resumed: number };
    expect(json.cases.map((c) => c.case)).toEqual(['case-01', 'case-02', 'case-03', 'case-04']);
    expect(json.resumed).toBe(0);
    const rows = parse(readFileSync(join(out, 'batch.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.overrides)).toEqual(json.cases.map((c) => c.overrides));
    expect(existsSync(join(out, 'batch.html'))).toBe(true);
    // the first grid axis varies slowest: case 2 is (0.8, 0.1), case 3 (1.2, 0)
    const scales = ['0.8', '1.2'];
    const shares = ['0', '0.1'];
    for (let i = 0; i < 4; i++) {
      const single = join(dir, `run-${i}`);
      const r = await runMain(['run', ...SMALL, '--set', `demand.scale=${scales[Math.floor(i / 2)]}`, '--set', `classes.v2gShare=${shares[i % 2]}`, '--out', single]);
      expect(r.code).toBe(0);
      const folder = join(out, json.cases[i].case);
      for (const f of FILES) expect(readFileSync(join(folder, f), 'utf8'), `${json.cases[i].case}/${f}`).toBe(readFileSync(join(single, f), 'utf8'));
      expect(summaryOf(folder)).toEqual(summaryOf(single));
      expect(rows[i].peakStationNetMw).toBe(String((JSON.parse(readFileSync(join(single, 'summary.json'), 'utf8')) as { totals: { peakStationNetMw: number } }).totals.peakStationNetMw));
    }
    const table = readFileSync(join(out, 'batch.csv'), 'utf8');
    const again = await runMain(['batch', ...SMALL, ...grid, '--out', out, '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { resumed: number }).resumed).toBe(4);
    expect(readFileSync(join(out, 'batch.csv'), 'utf8')).toBe(table);
  });

  it('bad input exits 1 before anything is written: a grid without values, an unknown executor, a bad override', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-bad-'));
    const out = join(dir, 'b');
    for (const args of [['--grid', 'demand.scale='], ['--grid', 'demand.scale=1', '--executor', 'cluster'], ['--grid', 'demand.scale=-3']]) {
      const r = await runMain(['batch', ...args, '--out', out]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/bad input/);
      expect(existsSync(out)).toBe(false);
    }
  });
});
