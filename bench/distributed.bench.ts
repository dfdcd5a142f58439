/**
 * Job-queue benchmark (docs/distributed.md): a reduced flex sweep inline vs the local thread
 * pool vs the queue with 1 and 2 local `ev-cosim worker` processes, and a 12-case batch
 * inline vs the queue with 1 and 2 workers, all measured in the same run; the sweep also with 2
 * workers that each solve the base themselves (`worker --no-shared-base`, as before the base was
 * shared through the queue). Prints wall time,
 * CPU seconds (this process plus the workers, from /proc), the queue overhead per task
 * ((queue with 1 worker − inline) / tasks) and the speed-up from the second worker.
 *
 * Run: npx tsx bench/distributed.bench.ts [--reps N] [--only sweep|batch] [--full]
 * Redis: EV_COSIM_REDIS_URL, or a redis-server started here on a free loopback port (stopped at the end).
 * Workers run from the sources (tsx); their start-up is outside the timed part. Each configuration
 * uses a queue of its own, so no result is reused from an earlier configuration.
 * Prints figures only; never asserts on time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueTaskExecutor } from '../src/flex/queue/index.ts';
import { runSweep } from '../src/flex/sweep/runSweep.ts';
import { taskExecutor, type TaskExecutor } from '../src/flex/sweep/taskExecutor.ts';
import type { SweepSpec } from '../src/flex/sweep/sweepSpec.ts';
import { gridCases, inlineBatchExecutor, queueBatchExecutor, runBatch } from '../src/batch/index.ts';
import { parseQueueUrl } from '../src/jobs/index.ts';
import { DEFAULT_SCENARIO_FILE, readScenarioFile } from '../src/sim/index.ts';

const ROOT = join(import.meta.dirname, '..');
const repsAt = process.argv.indexOf('--reps');
const reps = repsAt > 0 ? Number(process.argv[repsAt + 1]) : 1;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;

// --full: the reference scenario as shipped (tasks of seconds, where a second worker can pay off);
// default: a 4-interval, 60-s-step version (tasks of ~0.3 s: the queue's own overhead dominates)
const full = process.argv.includes('--full');
const SMALL = full ? [] : ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'];
// CS3, 1 budget, look-back 0: 9 design probes + 2 directions = 11 tasks, 11 co-simulation runs
const STATIONS = readScenarioFile(DEFAULT_SCENARIO_FILE, SMALL).scenario.stations.length;
/** ±CS3 in the full station space. */
const onCs3 = (sign: number): number[] => Array.from({ length: STATIONS }, (_, i) => (i === 2 ? sign : 0));
const SPEC: SweepSpec = {
  scenarioFile: DEFAULT_SCENARIO_FILE, overrides: SMALL, model: 'dta', timeIndex: 3,
  window: { lookbackIntervals: 0, blocks: 1, span: 'window' }, levels: [0.25], controls: { fitSteps: 2, refineSteps: 0 },
  directions: [onCs3(1), onCs3(-1)], budgetsYuan: [300],
};
const SWEEP_TASKS = 11;
const CASES = gridCases(['demand.scale=0.8,0.9,1,1.1', 'classes.v2gShare=0,0.1,0.2']);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** CPU seconds of a live process (utime + stime from /proc). */
function procCpuS(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

interface Worker { child: ChildProcess; ready: Promise<void> }

function startWorker(url: string, cacheDir: string, extra: readonly string[]): Worker {
  // from a file, not `-e`: the worker's thread pool inherits the process's exec flags, and `--input-type` is not one a thread may take
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'jobs', 'evCosimFromSource.ts'), 'worker', '--queue', url, '--cache-dir', cacheDir, ...extra], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ready = new Promise<void>((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes(' consuming ')) resolve();
    });
    child.on('exit', (c) => reject(new Error(`worker exited ${c}: ${text}`)));
  });
  return { child, ready };
}

async function withWorkers<T>(url: string, count: number, body: (queueUrl: string) => Promise<T>, extra: readonly string[] = []): Promise<{ value: T; workerCpuS: number }> {
  const u = new URL(url);
  u.searchParams.set('queue', `bench-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
  const cacheDir = mkdtempSync(join(tmpdir(), 'ev-cosim-bench-bundles-'));
  const workers = Array.from({ length: count }, () => startWorker(u.toString(), cacheDir, extra));
  await Promise.all(workers.map((w) => w.ready));
  const before = workers.map((w) => procCpuS(w.child.pid!));
  try {
    const value = await body(u.toString());
    const workerCpuS = workers.reduce((a, w, i) => a + procCpuS(w.child.pid!) - before[i], 0);
    return { value, workerCpuS };
  } finally {
    await Promise.all(workers.map((w) => (w.child.exitCode !== null || w.child.signalCode !== null ? undefined : new Promise((r) => { w.child.once('exit', r); w.child.kill('SIGTERM'); }))));
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

interface Figure { wallS: number; cpuS: number }

async function measure(run: () => Promise<number>): Promise<Figure> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const extraCpu = await run();
  const c = process.cpuUsage(c0);
  return { wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 + extraCpu };
}

async function sweepWith(executor: TaskExecutor): Promise<void> {
  try {
    await runSweep(SPEC, { executor });
  } finally {
    await executor.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  let url = process.env.EV_COSIM_REDIS_URL;
  let redis: { dir: string } | undefined;
  if (!url) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-bench-redis-'));
    const r = spawnSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--dir', dir, '--pidfile', join(dir, 'redis.pid')]);
    if (r.status !== 0) throw new Error('no EV_COSIM_REDIS_URL and redis-server did not start');
    await new Promise((res) => setTimeout(res, 300));
    url = `redis://127.0.0.1:${port}/0`;
    redis = { dir };
  }
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; redis ${url}; ${reps} rep(s)`);
  try {
    const configs: [string, string, () => Promise<number>][] = [];
    if (only !== 'batch') {
      configs.push(
        ['sweep', 'inline', async () => { await sweepWith(taskExecutor(1)); return 0; }],
        ['sweep', 'local pool 2', async () => { await sweepWith(taskExecutor(2)); return 0; }],
        ...[1, 2].map((n): [string, string, () => Promise<number>] => ['sweep', `queue ${n} worker${n > 1 ? 's' : ''}`, async () => {
          const r = await withWorkers(url!, n, async (q) => sweepWith(await queueTaskExecutor(parseQueueUrl(q))));
          return r.workerCpuS;
        }]),
        // as before the base was shared between worker processes: each solves its own
        ['sweep', 'queue 2 own bases', async () => {
          const r = await withWorkers(url!, 2, async (q) => sweepWith(await queueTaskExecutor(parseQueueUrl(q))), ['--no-shared-base']);
          return r.workerCpuS;
        }],
      );
    }
    if (only !== 'sweep') {
      const batchOut = (): string => join(mkdtempSync(join(tmpdir(), 'ev-cosim-bench-batch-')), 'b');
      const base = { scenarioFile: DEFAULT_SCENARIO_FILE, overrides: SMALL, title: 'bench', cases: CASES };
      configs.push(
        ['batch', 'inline', async () => { await runBatch({ ...base, outDir: batchOut(), executor: inlineBatchExecutor }); return 0; }],
        ...[1, 2].map((n): [string, string, () => Promise<number>] => ['batch', `queue ${n} worker${n > 1 ? 's' : ''}`, async () => {
          const r = await withWorkers(url!, n, (q) => runBatch({ ...base, outDir: batchOut(), executor: (d) => queueBatchExecutor(parseQueueUrl(q), d) }));
          return r.workerCpuS;
        }]),
      );
    }
    const results = new Map<string, Figure[]>();
    for (let rep = 0; rep < reps; rep++) {
      for (const [what, how, run] of configs) {
        const f = await measure(run);
        const key = `${what}|${how}`;
        results.set(key, [...(results.get(key) ?? []), f]);
        console.log(`  rep ${rep + 1} ${what.padEnd(5)} ${how.padEnd(16)} wall ${f.wallS.toFixed(2)} s  cpu ${f.cpuS.toFixed(2)} s`);
      }
    }
    const med = (key: string): Figure | undefined => {
      const fs = results.get(key);
      return fs ? { wallS: median(fs.map((f) => f.wallS)), cpuS: median(fs.map((f) => f.cpuS)) } : undefined;
    };
    console.log('\nmedians:');
    for (const [key] of results) {
      const m = med(key)!;
      console.log(`  ${key.replace('|', ' ').padEnd(24)} wall ${m.wallS.toFixed(2)} s  cpu ${m.cpuS.toFixed(2)} s`);
    }
    for (const [what, tasks] of [['sweep', SWEEP_TASKS], ['batch', CASES.length]] as const) {
      const inline = med(`${what}|inline`);
      const q1 = med(`${what}|queue 1 worker`);
      const q2 = med(`${what}|queue 2 workers`);
      if (!inline || !q1 || !q2) continue;
      console.log(`${what}: ${tasks} tasks; queue overhead per task (1 worker − inline) ${(((q1.wallS - inline.wallS) / tasks) * 1000).toFixed(0)} ms wall, `
        + `${(((q1.cpuS - inline.cpuS) / tasks) * 1000).toFixed(0)} ms CPU; second worker speed-up ${(q1.wallS / q2.wallS).toFixed(2)}× (wall)`);
      const own = med(`${what}|queue 2 own bases`);
      if (own) console.log(`${what}: second worker speed-up with each worker solving its own base ${(q1.wallS / own.wallS).toFixed(2)}× (wall); shared base vs own bases: ${(own.wallS / q2.wallS).toFixed(2)}× wall, ${(own.cpuS / q2.cpuS).toFixed(2)}× CPU`);
      const pool = med(`${what}|local pool 2`);
      if (pool) console.log(`${what}: local pool 2 vs queue 2 workers: ${(q2.wallS / pool.wallS).toFixed(2)}× the pool's wall time`);
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    if (redis) {
      try {
        process.kill(Number(readFileSync(join(redis.dir, 'redis.pid'), 'utf8')), 'SIGTERM');
      } catch { /* already gone */ }
      rmSync(redis.dir, { recursive: true, force: true });
    }
  }
}

await main();
