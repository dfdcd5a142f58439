/**
 * A reduced flex sweep on the job queue with real `ev-cosim worker` processes and a real
 * Redis server (skipped with one line without one): the same result as inline, and a
 * worker killed (SIGKILL) mid-task loses no task and duplicates no result.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl, type JobEvent } from '../../src/jobs/index.ts';
import { queueTaskExecutor } from '../../src/flex/queue/index.ts';
import { runSweep, type SweepRun } from '../../src/flex/sweep/runSweep.ts';
import { taskExecutor } from '../../src/flex/sweep/taskExecutor.ts';
import { runBookCheck } from '../../src/flex/books/runBookCheck.ts';
import { smallSweepSpec } from './smallSweepSpec.ts';
import { reachableRedisUrl, uniqueQueueUrl } from './redisUrl.ts';
import { startWorkerProcess, type WorkerProcess } from './workerProcess.ts';

// Reference network, 4 intervals of 10 min, CS3 only, one budget: 9 design probes + 2 directions.
const SPEC = smallSweepSpec([1, -1]);

/** The deterministic part of a sweep (timing fields excepted), as text. */
function deterministic(run: SweepRun): string {
  return JSON.stringify({ design: run.design, directions: run.directions, searches: run.searches, runs: run.runs });
}

const url = await reachableRedisUrl('test/jobs/queueSweep.test.ts');

describe.skipIf(url === undefined)('flex sweep on the queue with worker processes', () => {
  let reference: string;
  const cacheDir = mkdtempSync(join(tmpdir(), 'ev-cosim-bundles-'));
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    const inline = taskExecutor(1);
    try {
      reference = deterministic(await runSweep(SPEC, { executor: inline }));
    } finally {
      await inline.close();
    }
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  });

  it('2 worker processes give byte-identical results to inline, and stop on SIGTERM with exit 0', async () => {
    const queue = uniqueQueueUrl(url!, 'sweep');
    const pair = [startWorkerProcess(queue, ['--cache-dir', cacheDir]), startWorkerProcess(queue, ['--cache-dir', cacheDir])];
    workers.push(...pair);
    await Promise.all(pair.map((w) => w.ready));
    const executor = await queueTaskExecutor(parseQueueUrl(queue));
    let run: SweepRun;
    try {
      run = await runSweep(SPEC, { executor });
    } finally {
      await executor.close();
    }
    expect(deterministic(run)).toBe(reference);
    expect(executor.deadLetters).toEqual([]);
    // 9 design probes, 2 directions and their candidates run ahead (runSweep): at least 11 jobs
    const jobs = executor.submitter.stats.submitted;
    expect(jobs).toBeGreaterThanOrEqual(11);
    // both workers took tasks, each task completed once
    const done = pair.map((w) => w.lines.filter((l) => l.includes(' completed ')));
    expect(done[0].length + done[1].length).toBe(jobs);
    expect(done.every((d) => d.length > 0)).toBe(true);
    // one base for both processes: one solved and stored it, the other took it from the queue
    const bases = pair.map((w) => w.lines.filter((l) => l.includes(' flex base ')));
    expect(bases.map((b) => b.length)).toEqual([1, 1]);
    expect(bases.flat().filter((l) => l.includes(' solved here ')).length).toBe(1);
    expect(bases.flat().filter((l) => l.includes(' taken from the queue')).length).toBe(1);
    expect(await Promise.all(pair.map((w) => w.stop()))).toEqual([0, 0]);
  });

  it('a worker killed mid-task (SIGKILL): its task is retried by the other, none lost, none counted twice', async () => {
    const queue = uniqueQueueUrl(url!, 'kill');
    const victim = startWorkerProcess(queue, ['--cache-dir', cacheDir, '--lock-seconds', '4']);
    workers.push(victim);
    await victim.ready;
    const events: JobEvent[] = [];
    let killed: string | undefined;
    let rescuer: WorkerProcess | undefined;
    const executor = await queueTaskExecutor(parseQueueUrl(queue), {
      onEvent: (e) => {
        events.push(e);
        if (e.state === 'active' && killed === undefined) {
          killed = e.id;
          // mid-task: the first task prepares the problem (base equilibrium) for about a second
          setTimeout(() => {
            victim.child.kill('SIGKILL');
            rescuer = startWorkerProcess(queue, ['--cache-dir', cacheDir, '--lock-seconds', '4']);
            workers.push(rescuer);
          }, 200);
        }
      },
    });
    let run: SweepRun;
    try {
      run = await runSweep(SPEC, { executor });
    } finally {
      await executor.close();
    }
    expect(await victim.exited).toBe('SIGKILL');
    expect(deterministic(run)).toBe(reference);
    expect(executor.deadLetters).toEqual([]);
    // the killed task stalled and was run again by the rescuer
    expect(events.some((e) => e.id === killed && e.state === 'stalled')).toBe(true);
    const completedIds = events.filter((e) => e.state === 'completed').map((e) => e.id);
    const jobs = executor.submitter.stats.submitted;
    expect(new Set(completedIds).size).toBe(jobs);
    expect(completedIds.length).toBe(jobs);
    const rescued = rescuer!.lines.filter((l) => l.includes(' completed ') && l.includes(killed!.slice(0, 12)));
    expect(rescued.length).toBe(1);
    expect(victim.lines.some((l) => l.includes(' completed ') && l.includes(killed!.slice(0, 12)))).toBe(false);
    // the rescuer got the base once: solved (the victim died holding the claim) or taken from the queue
    expect(rescuer!.lines.filter((l) => l.includes(' flex base ')).length).toBe(1);
    expect(await rescuer!.stop()).toBe(0);
  });
  it('checked books (random, fitted to the budget) on a worker process give the same runs as inline', async () => {
    // 5 stations × 4 intervals; CS1–CS3 offer both kinds, the home stations H2 and H3 charging only
    const random = { stationKinds: [['charge', 'v2g'], ['charge', 'v2g'], ['charge', 'v2g'], ['charge'], ['charge']] as const, intervals: 4, maxChargeYuanPerKWh: 2, maxV2gYuanPerVisit: 60 };
    const source = { kind: 'random' as const, seed: 3, count: 2 };
    const inline = taskExecutor(1);
    let here;
    try {
      here = await runBookCheck(SPEC, source, { executor: inline, random });
    } finally {
      await inline.close();
    }
    const queue = uniqueQueueUrl(url!, 'books');
    const worker = startWorkerProcess(queue, ['--cache-dir', cacheDir]);
    workers.push(worker);
    await worker.ready;
    const executor = await queueTaskExecutor(parseQueueUrl(queue));
    let there;
    try {
      there = await runBookCheck(SPEC, source, { executor, random });
    } finally {
      await executor.close();
    }
    const strip = (r: typeof here) => JSON.stringify({ books: r.books, runs: r.runs, dead: r.deadLetters });
    expect(here.books.length).toBeGreaterThanOrEqual(2);
    expect(strip(there)).toBe(strip(here));
    expect(await worker.stop()).toBe(0);
  });
});
