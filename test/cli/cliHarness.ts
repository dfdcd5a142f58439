/**
 * Run the CLI and capture exit code, stdout and stderr: `runCli` spawns the real
 * binary (`node bin/ev-cosim.mjs …`); `runMain` calls `main()` in this process
 * (much faster: modules stay loaded) with stdout / stderr writes captured.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[]): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'ev-cosim.mjs'), ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

export async function runMain(args: readonly string[]): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'ev-cosim', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}

export const REFERENCE = join(ROOT, 'scenarios', 'nguyen-dupuis-ieee33-evening-peak.json');
