/** Spawn `ev-cosim worker` from the sources and follow its stderr lines (for the queue tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** A worker process and what it said. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Its stderr lines so far. */
  readonly lines: string[];
  /** Resolves once it says it is consuming. */
  readonly ready: Promise<void>;
  /** Resolves to its exit code (or signal name). */
  readonly exited: Promise<number | string>;
  /** SIGTERM, and wait for its exit. */
  stop(): Promise<number | string>;
}

/** Start `ev-cosim worker --queue url …extra`, with `env` added to this process's environment. */
export function startWorkerProcess(url: string, extra: readonly string[] = [], env: Readonly<Record<string, string>> = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'jobs', 'evCosimFromSource.ts'), 'worker', '--queue', url, ...extra], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, EV_COSIM_QUEUE: '', ...env },
  });
  const lines: string[] = [];
  let buffer = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stderr!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      if (l.includes(' consuming ')) onReady();
    }
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    lines,
    ready: Promise.race([ready, exited.then((c) => { throw new Error(`worker exited (${c}) before it was ready:\n${lines.join('\n')}`); })]),
    exited,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
