/**
 * Dead letters on the queue, end to end (real Redis, a real `ev-cosim worker` process whose
 * test failure hook fails one task on every attempt; skipped with one line without a server):
 * `flex` and `batch` write their results without the dead task, list it, print one line for it
 * and exit 2; the other tasks' results equal a clean inline run's, and `flex --resume` of the
 * written results.jsonl runs only the missing task and completes the study.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FAIL_ENV } from '../../src/jobs/index.ts';
import { runMain } from '../helpers/cli.ts';
import { reachableRedisUrl, uniqueQueueUrl } from './redisUrl.ts';
import { startWorkerProcess, type WorkerProcess } from './workerProcess.ts';

const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'].flatMap((s) => ['--set', s]);
// CS3 at 10:30 (interval 3), one budget: 9 design probes, the start directions ±CS3
const FLEX = [...SMALL, '--time', '3', '--budgets', '300', '--stations', 'CS3', '--lookback', '0', '--levels', '0.25', '--refine', '0', '--json'];
const TIMING = new Set(['wallMs', 'prepareMs', 'setupMs', 'cpuMs']);

/** results.jsonl as key → result without its timing fields. */
function taskLog(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
    const { key, result } = JSON.parse(line) as { key: string; result: Record<string, unknown> };
    out.set(key, JSON.stringify(Object.fromEntries(Object.entries(result).filter(([k]) => !TIMING.has(k)))));
  }
  return out;
}

/** flex.json without the effort counts of this call (`runs`: 0 for resumed tasks). */
function regionOf(file: string): unknown {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete json.runs;
  return json;
}

const url = await reachableRedisUrl('test/jobs/queueDeadLetters.test.ts');

describe.skipIf(url === undefined)('dead letters on the queue (flex and batch)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dead-letters-'));
  const queue = url === undefined ? '' : uniqueQueueUrl(url, 'dead');
  let worker: WorkerProcess;
  beforeAll(async () => {
    worker = startWorkerProcess(queue, ['--cache-dir', join(dir, 'cache')], { [TEST_FAIL_ENV]: 'flex:direction:1,batch:demand.scale=1.2' });
    await worker.ready;
  }, 120_000);
  afterAll(() => {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  });

  it('flex: results written without the dead direction, listed in flex.json, one stderr line, exit 2; --resume completes it as a clean run', async () => {
    const clean = await runMain(['flex', ...FLEX, '--executor', 'inline', '--out', join(dir, 'clean')]);
    expect(clean.code, clean.stderr).toBe(0);
    const q = await runMain(['flex', ...FLEX, '--executor', 'queue', '--queue', queue, '--out', join(dir, 'q')]);
    expect(q.code, q.stderr).toBe(2);
    const lines = q.stderr.split('\n').filter((l) => l.includes('dead letter'));
    expect(lines, q.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^ev-cosim flex: dead letter: DTA direction 1 \(direction:1\) failed after 3 attempts: test failure hook: flex:direction:1; its points are missing/);
    const json = JSON.parse(q.stdout) as { deadLetters?: unknown[]; directions: number[][]; files: string[] };
    expect(json.deadLetters).toEqual([{ taskId: 'direction:1', kind: 'direction', direction: 1, attempts: 3, reason: 'test failure hook: flex:direction:1' }]);
    const cleanJson = JSON.parse(clean.stdout) as { directions: number[][]; deadLetters?: unknown };
    expect(cleanJson.deadLetters).toBeUndefined();
    expect(json.directions).toEqual(cleanJson.directions.filter((_, d) => d !== 1));
    for (const f of ['flex.json', 'tiers.csv', 'points.csv', 'report.html', 'results.jsonl']) expect(existsSync(join(dir, 'q', f)), f).toBe(true);
    // report.html says INCOMPLETE and lists the dead letter; the clean run's does not
    const report = readFileSync(join(dir, 'q', 'report.html'), 'utf8');
    expect(report).toContain('INCOMPLETE: DTA: 1 task failed for good');
    expect(report).toMatch(/<tr><td>direction:1<\/td><td>direction<\/td><td>direction 1<\/td><td>3<\/td><td class="reason">test failure hook: flex:direction:1<\/td><\/tr>/);
    expect(readFileSync(join(dir, 'clean', 'report.html'), 'utf8')).not.toContain('INCOMPLETE');
    // every finished task is the clean run's, byte for byte (timing excepted); only the dead one is missing
    const reference = taskLog(join(dir, 'clean', 'results.jsonl'));
    const got = taskLog(join(dir, 'q', 'results.jsonl'));
    expect([...reference.keys()].filter((k) => !got.has(k))).toEqual(['direction:1']);
    for (const [key, result] of got) expect(result, key).toBe(reference.get(key));
    // a second call resuming the written log runs the missing task alone (inline) and gives the clean study
    const resumed = await runMain(['flex', ...FLEX, '--executor', 'inline', '--resume', join(dir, 'q', 'results.jsonl'), '--out', join(dir, 'q')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as { runs: { resumedTasks: number } }).runs.resumedTasks).toBeGreaterThan(0);
    expect(taskLog(join(dir, 'q', 'results.jsonl'))).toEqual(reference);
    expect(regionOf(join(dir, 'q', 'flex.json'))).toEqual(regionOf(join(dir, 'clean', 'flex.json')));
  }, 300_000);

  it('batch: the dead case is a failed row with attempts and reason, no folder; the other case as inline; exit 2', async () => {
    const q = await runMain(['batch', ...SMALL, '--grid', 'demand.scale=0.8,1.2', '--executor', 'queue', '--queue', queue, '--out', join(dir, 'bq'), '--json']);
    expect(q.code, q.stderr).toBe(2);
    const lines = q.stderr.split('\n').filter((l) => l.includes('dead letter'));
    expect(lines).toEqual([expect.stringMatching(/^ev-cosim batch: dead letter: case-02 \(demand\.scale=1\.2\) failed after 3 attempts: test failure hook: batch:demand\.scale=1\.2; no results folder/)]);
    const json = JSON.parse(q.stdout) as { cases: { case: string; status: string; exit: number; attempts: number | null; problem: string }[]; exit: number };
    expect(json.exit).toBe(2);
    expect(json.cases.map((c) => [c.case, c.status, c.exit, c.attempts])).toEqual([['case-01', 'ok', 0, null], ['case-02', 'failed', 2, 3]]);
    expect(json.cases[1].problem).toBe('test failure hook: batch:demand.scale=1.2');
    expect(existsSync(join(dir, 'bq', 'case-01', 'summary.json'))).toBe(true);
    expect(existsSync(join(dir, 'bq', 'case-02'))).toBe(false);
    const rows = parse(readFileSync(join(dir, 'bq', 'batch.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['ok', ''], ['failed', '3']]);
    expect(readFileSync(join(dir, 'bq', 'batch.html'), 'utf8')).toContain('test failure hook: batch:demand.scale=1.2');
    const inline = await runMain(['batch', ...SMALL, '--grid', 'demand.scale=0.8', '--out', join(dir, 'bi'), '--json']);
    expect(inline.code).toBe(0);
    const reference = parse(readFileSync(join(dir, 'bi', 'batch.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect({ ...rows[0], case: '' }).toEqual({ ...reference[0], case: '' });
    expect(await worker.stop()).toBe(0);
  }, 300_000);
});
