/**
 * The one way tests run the CLI and capture exit code, stdout and stderr:
 * - `runMain(args)` calls `main()` in this process (fast: modules stay loaded), with
 *   writes to stdout / stderr captured and `process.exitCode` reset afterwards;
 * - `runCli(args)` spawns the real compiled binary (`node bin/ev-cosim.mjs …`), as a user
 *   runs it (the suite builds `dist/` first: test/setup/buildOnce.ts).
 *
 * `args` are the words after `ev-cosim`, e.g. `['assign', 'SiouxFalls', '--json']`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** What a CLI call returned. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawn `node bin/ev-cosim.mjs …args` in the repository root. */
export function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'ev-cosim.mjs'), ...args], { cwd: options.cwd ?? ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Call `main(['node', 'ev-cosim', …args])` in this process with stdout / stderr captured. */
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
    process.exitCode = undefined;
  }
}

/** The bundled reference scenario. */
export const REFERENCE = join(ROOT, 'scenarios', 'nguyen-dupuis-ieee33-evening-peak.json');
