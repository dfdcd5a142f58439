/**
 * The bad-input corpus (issue 14, docs/exit-codes.md): every case (./badInputCorpus/cases.ts)
 * must exit with its code, print exactly one stderr line naming file, field and value (values
 * cut at ~80 characters), print nothing on stdout, and leave the user's folder as it was.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runMain, type CliOutcome } from './../helpers/cli.ts';
import { CASES, type BadInputCase } from './badInputCorpus/cases.ts';
import { makeWorkspace, snapshotTree } from './badInputCorpus/workspace.ts';

/** Spawn the built CLI in `cwd`, killed after `timeoutMs` (a case that hangs fails instead of stalling the suite). */
function spawnCli(args: readonly string[], cwd: string, timeoutMs: number): Promise<CliOutcome & { killed: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'ev-cosim.mjs'), ...args], { cwd, timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr, killed: error?.killed === true });
    });
  });
}

/** Files the case wrote itself before the command ran (the bad inputs) are part of the "before" snapshot. */
async function runCase(c: BadInputCase) {
  const ws = makeWorkspace();
  const args = c.args(ws);
  const before = snapshotTree(ws.dir);
  const outcome = c.spawn === true ? await spawnCli(args, join(ws.dir, c.cwd ?? '.'), 20_000) : await runMain(args);
  const after = snapshotTree(ws.dir);
  const allowed = (path: string): boolean => (c.writes ?? []).some((w) => path === w || path.startsWith(w));
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k] && !allowed(k)).sort();
  return { ws, outcome, changed };
}

describe('bad-input corpus: exit code, one line naming file / field / value, files untouched', () => {
  it('holds at least 100 cases across all six commands and every input format', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    const commands = new Set(CASES.map((c) => c.args(makeWorkspace())[0]));
    for (const command of ['run', 'opf', 'flex', 'assign', 'equilibrium', 'validate']) expect(commands).toContain(command);
    const formats = new Set(CASES.map((c) => c.format));
    for (const format of ['scenario-json', 'set', 'matpower', 'csv-feeder', 'tntp', 'csv-demand', 'flex-options', 'out', 'options', 'study-json', 'equilibrium-json']) {
      expect(formats).toContain(format);
    }
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { ws, outcome, changed } = await runCase(c);
    const stderr = outcome.stderr.split(ws.dir).join('$W');
    const lines = stderr.trim().split('\n');
    expect({ code: outcome.code, stderr }).toMatchObject({ code: c.code });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line.startsWith(c.code === 1 ? 'ev-cosim: bad input: ' : 'ev-cosim: solver failure: ')).toBe(true);
    expect(line).toMatch(c.message);
    // a value is shown cut at ~80 characters, never the whole file
    expect(line.length).toBeLessThan(500);
    expect(line).not.toMatch(/internal error|\n\s+at /);
    if (c.code === 1) expect(outcome.stdout).toBe('');
    expect(changed).toEqual([]);
  });
});

// TNTP node files are read by the library only (no command takes one): the same contract, in-process.
describe('bad-input corpus: TNTP node files (library reader)', () => {
  const bad: [string, string, RegExp][] = [
    ['a non-number coordinate', 'Node X Y ;\n1 0 0 ;\n2 east 1 ;\n', /nodes\.tntp: line 3: .*"east"/],
    ['a repeated node id', 'Node X Y ;\n1 0 0 ;\n1 2 2 ;\n', /nodes\.tntp: line 3: .*1/],
    ['too few columns', 'Node X Y ;\n1 0 ;\n', /nodes\.tntp: line 2 = "1 0 ;": expected "node X Y"/],
    ['a fractional node id', 'Node X Y ;\n1.5 0 0 ;\n', /nodes\.tntp: line 2: .*1\.5/],
  ];
  it.each(bad)('%s', async (_name, text, message) => {
    const { readTntpNodes } = await import('../../src/traffic/index.ts');
    const { InputError } = await import('../../src/common/errors.ts');
    const ws = makeWorkspace();
    ws.write('nodes.tntp', text);
    let thrown: unknown;
    try {
      readTntpNodes(ws.path('nodes.tntp'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).not.toContain('\n');
    expect((thrown as Error).message).toMatch(message);
  });
});
