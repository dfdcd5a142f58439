import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE, runCli, runMain } from '../helpers/cli.ts';

const SHORT = ['--set', 'horizon.intervals=2', '--set', 'demand.profile=[0.8,0.9]', '--set', 'feeder.loadScale=1'];

describe('ev-cosim run: the results folder never costs a user a file', () => {
  it('a folder with the user\'s notes, an existing file, and the current folder are refused with exit 1, untouched, before computing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ev-cosim-out-'));
    const notes = join(root, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'todo.md'), 'mine');
    const file = join(root, 'results.txt');
    writeFileSync(file, 'keep');
    for (const [out, reason] of [
      [notes, /is a folder ev-cosim did not write \(it holds todo\.md\)/],
      [file, /is an existing file, not a folder/],
      [join(file, 'sub'), /runs through the existing file/],
    ] as const) {
      const { code, stderr } = await runMain(['run', REFERENCE, '--out', out, ...SHORT]);
      expect(code).toBe(1);
      expect(stderr).toMatch(reason);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readdirSync(notes)).toEqual(['todo.md']);
    expect(readFileSync(file, 'utf8')).toBe('keep');
    const { code, stderr } = await runCli(['run', REFERENCE, '--out', '.', ...SHORT], { cwd: notes });
    expect(code).toBe(1);
    expect(stderr).toMatch(/--out = "\.": is the current folder or one of its parents/);
    expect(readdirSync(notes)).toEqual(['todo.md']);
  });

  it('re-running into its own folder replaces it; another command\'s folder needs --force', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ev-cosim-out-')), 'res');
    expect((await runMain(['run', REFERENCE, '--out', out, ...SHORT])).code).toBe(0);
    expect((await runMain(['run', REFERENCE, '--out', out, ...SHORT])).code).toBe(0);
    const marker = JSON.parse(readFileSync(join(out, '.ev-cosim-results.json'), 'utf8'));
    expect(marker.command).toBe('run');
    writeFileSync(join(out, '.ev-cosim-results.json'), JSON.stringify({ ...marker, command: 'flex' }));
    const refused = await runMain(['run', REFERENCE, '--out', out, ...SHORT]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/holds results of `ev-cosim flex`/);
    expect((await runMain(['run', REFERENCE, '--out', out, '--force', ...SHORT])).code).toBe(0);
  });
});
