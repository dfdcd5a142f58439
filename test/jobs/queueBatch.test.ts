/**
 * `ev-cosim batch --executor queue` with 2 real worker processes and a real Redis server
 * (skipped with one line without one): the same case folders and batch.csv as inline.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.ts';
import { reachableRedisUrl, uniqueQueueUrl } from './redisUrl.ts';
import { startWorkerProcess, type WorkerProcess } from './workerProcess.ts';

const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'].flatMap((s) => ['--set', s]);
const GRID = ['--grid', 'demand.scale=0.8,1', '--grid', 'classes.v2gShare=0,0.1'];

/** A case folder's files, summary.json without timing and with the folder path replaced. */
function folderFiles(folder: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of readdirSync(folder).filter((n) => !n.startsWith('.'))) {
    const text = readFileSync(join(folder, name), 'utf8').split(folder).join('<folder>');
    if (name === 'summary.json') {
      const s = JSON.parse(text) as Record<string, unknown>;
      delete s.timing;
      out[name] = s;
    } else out[name] = text;
  }
  return out;
}

const url = await reachableRedisUrl('test/jobs/queueBatch.test.ts');

describe.skipIf(url === undefined)('batch on the queue with worker processes', () => {
  const workers: WorkerProcess[] = [];
  afterAll(() => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  });

  it('4 cases on 2 workers give the same folders and batch.csv as inline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-queue-'));
    const queue = uniqueQueueUrl(url!, 'batch');
    const cacheDir = join(dir, 'cache');
    workers.push(startWorkerProcess(queue, ['--cache-dir', cacheDir]), startWorkerProcess(queue, ['--cache-dir', cacheDir]));
    await Promise.all(workers.map((w) => w.ready));
    const queued = await runMain(['batch', ...SMALL, ...GRID, '--executor', 'queue', '--queue', queue, '--out', join(dir, 'q')]);
    expect(queued.stderr).not.toMatch(/bad input|internal error/);
    expect(queued.code).toBe(0);
    const inline = await runMain(['batch', ...SMALL, ...GRID, '--out', join(dir, 'i')]);
    expect(inline.code).toBe(0);
    expect(readFileSync(join(dir, 'q', 'batch.csv'), 'utf8')).toBe(readFileSync(join(dir, 'i', 'batch.csv'), 'utf8'));
    for (const c of ['case-01', 'case-02', 'case-03', 'case-04']) {
      const q = folderFiles(join(dir, 'q', c));
      expect(Object.keys(q).sort()).toEqual(['buses.csv', 'links.csv', 'report.html', 'stations.csv', 'summary.json', 'system.csv']);
      expect(q).toEqual(folderFiles(join(dir, 'i', c)));
    }
    const completed = workers.flatMap((w) => w.lines.filter((l) => l.includes('batch-case') && l.includes(' completed ')));
    expect(completed.length).toBe(4);
    expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
  });
});
