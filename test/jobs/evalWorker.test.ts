/**
 * A worker started by `node --input-type=module -e "…"` runs its sweep tasks: its pool threads
 * do not inherit the string-input flags (`poolExecArgv`), which made them fail to load
 * (ERR_INPUT_TYPE_NOT_ALLOWED) and the worker exit. The process test needs a real Redis
 * server (skipped with one line without one).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../../src/jobs/index.ts';
import { queueTaskExecutor } from '../../src/flex/queue/index.ts';
import { poolExecArgv } from '../../src/flex/sweep/taskExecutor.ts';
import { smallSweepSpec } from './smallSweepSpec.ts';
import { reachableRedisUrl, uniqueQueueUrl } from './redisUrl.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('poolExecArgv', () => {
  it('drops -e / --eval / -p / --print with their code and --input-type in both spellings, keeps every other flag in order', () => {
    expect(poolExecArgv(['--import', 'tsx', '--input-type=module', '-e', 'import x from "y"', '--max-old-space-size=4096'])).toEqual(['--import', 'tsx', '--max-old-space-size=4096']);
    expect(poolExecArgv(['--input-type', 'module', '--eval', 'code', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
    expect(poolExecArgv(['--eval=code', '-p', '1+1', '--print=2'])).toEqual([]);
    expect(poolExecArgv(['--import', 'tsx'])).toEqual(['--import', 'tsx']);
  });
});

const url = await reachableRedisUrl('test/jobs/evalWorker.test.ts');

// Reference network, 4 intervals of 1 min: one design task (the base point).
const SPEC = smallSweepSpec([1]);

describe.skipIf(url === undefined)('a worker started with node --input-type=module -e', () => {
  const code = `import { main } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))}; process.exitCode = await main(['node', 'ev-cosim', ...process.argv.slice(1)]);`;
  const queue = uniqueQueueUrl(url ?? 'redis://127.0.0.1:6379/0', 'eval');
  const child = url === undefined ? undefined : spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, '--', 'worker', '--queue', queue], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, EV_COSIM_QUEUE: '' },
  });
  let stderr = '';
  child?.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string>((resolve) => child?.once('exit', (c, s) => resolve(c ?? s ?? '')));

  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('runs a sweep task on its pool thread and stops on SIGTERM with exit 0', async () => {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (stderr.includes(' consuming ')) { clearInterval(timer); resolve(); }
        if (child!.exitCode !== null) { clearInterval(timer); reject(new Error(`worker exited: ${stderr}`)); }
      }, 50);
    });
    const executor = await queueTaskExecutor(parseQueueUrl(queue), { attempts: 1 });
    // rejects if the worker exits before the task has finished (handled: it also settles once the test stops the worker)
    let finished = false;
    const died = exited.then((c) => { if (!finished) throw new Error(`worker exited (${c}) before the task finished: ${stderr}`); });
    died.catch(() => {});
    try {
      const result = await Promise.race([executor.run({ kind: 'design', spec: SPEC, probe: 0 }), died.then(() => undefined as never)]);
      finished = true;
      expect(result.kind).toBe('design');
      expect(result.kind === 'design' && result.point.converged).toBe(true);
    } finally {
      await executor.close();
    }
    expect(stderr).not.toContain('ERR_INPUT_TYPE_NOT_ALLOWED');
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
