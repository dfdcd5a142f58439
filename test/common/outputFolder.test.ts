import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFolder, OUTPUT_MARKER, readMarker, writeOutputFolder } from '../../src/common/outputFolder.ts';
import { inputErrorMessage } from '../helpers/inputErrorMessage.ts';

let root: string;
let cwd: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ev-cosim-out-'));
  cwd = process.cwd();
});
afterEach(() => process.chdir(cwd));

const write = (dir: string, text: string, command = 'run'): string[] =>
  writeOutputFolder(checkOutputFolder(dir, { command }), [['a.txt', text], ['b.txt', `${text}!`]]);

/** A pid no process has: a child that has already exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

const refused = inputErrorMessage;

describe('checkOutputFolder / writeOutputFolder', () => {
  it('writes a new folder with the marker listing the files', () => {
    const dir = join(root, 'deep', 'res');
    const files = write(dir, 'one');
    expect(files).toEqual([join(dir, 'a.txt'), join(dir, 'b.txt')]);
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'a.txt', 'b.txt'].sort());
    expect(readMarker(dir)).toEqual({ tool: 'ev-cosim', command: 'run', files: ['a.txt', 'b.txt'] });
  });

  it('replaces its own folder and leaves no temporary siblings', () => {
    const dir = join(root, 'res');
    write(dir, 'one');
    write(dir, 'two');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('two');
    expect(readdirSync(root)).toEqual(['res']);
  });

  it('writes into an existing empty folder', () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    write(dir, 'one');
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('one!');
  });

  it('refuses a folder holding the user\'s files and touches nothing', () => {
    const dir = join(root, 'notes');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(refused(() => write(dir, 'x'))).toMatch(/--out = ".*notes": is a folder ev-cosim did not write \(it holds notes\.txt\)/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses its own folder once the user added a file to it', () => {
    const dir = join(root, 'res');
    write(dir, 'one');
    writeFileSync(join(dir, 'my-plot.png'), 'mine');
    expect(refused(() => write(dir, 'two'))).toMatch(/holds files ev-cosim did not write \(my-plot\.png\)/);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one');
  });

  it('refuses an existing file, a path through a file, the current folder and its parents', () => {
    const file = join(root, 'results.csv');
    writeFileSync(file, 'keep');
    expect(refused(() => write(file, 'x'))).toMatch(/is an existing file, not a folder/);
    expect(refused(() => write(join(file, 'sub'), 'x'))).toMatch(/runs through the existing file/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
    const here = join(root, 'here');
    mkdirSync(join(here, 'inner'), { recursive: true });
    process.chdir(join(here, 'inner'));
    expect(refused(() => write('.', 'x'))).toMatch(/is the current folder or one of its parents/);
    expect(refused(() => write('..', 'x'))).toMatch(/is the current folder or one of its parents/);
    expect(refused(() => write('/', 'x'))).toMatch(/root of the file system/);
  });

  it('needs --force to replace the results of another command', () => {
    const dir = join(root, 'res');
    write(dir, 'flex', 'flex');
    expect(refused(() => write(dir, 'run'))).toMatch(/holds results of `ev-cosim flex`; .*--force/);
    writeOutputFolder(checkOutputFolder(dir, { command: 'run', force: true }), [['a.txt', 'run']]);
    expect(readMarker(dir)?.command).toBe('run');
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'a.txt'].sort());
  });

  it('puts back the old results a killed run left aside and removes its temporary folder', () => {
    const dir = join(root, 'res');
    write(dir, 'old');
    const pid = deadPid();
    // the state between the two renames of a replacement, killed there
    const aside = join(root, `.res.old-${pid}`);
    spawnSync('mv', [dir, aside]);
    const temp = join(root, `.res.tmp-${pid}`);
    mkdirSync(temp);
    writeFileSync(join(temp, OUTPUT_MARKER), JSON.stringify({ tool: 'ev-cosim', command: 'run', files: [] }));
    const plan = checkOutputFolder(dir, { command: 'run' });
    expect(plan.mode).toBe('replace');
    expect([...plan.cleaned].sort()).toEqual([aside, temp].sort());
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['res']);
  });

  it('leaves a look-alike folder it cannot recognise as its own', () => {
    const dir = join(root, 'res');
    const other = join(root, `.res.tmp-${deadPid()}`);
    mkdirSync(other);
    writeFileSync(join(other, 'data.bin'), 'someone else');
    checkOutputFolder(dir, { command: 'run' });
    expect(existsSync(join(other, 'data.bin'))).toBe(true);
  });

  it('SIGKILL at random instants of a replacement: complete old or new results exist after the next start', async () => {
    const dir = join(root, 'res');
    writeOutputFolder(checkOutputFolder(dir, { command: 'run' }), [['a.txt', 'v0'], ['b.txt', 'v0']]);
    const module = pathToFileURL(join(cwd, 'dist/common/outputFolder.js')).href;
    // the child keeps replacing the folder with large files until killed
    const body = `const m = await import(${JSON.stringify(module)});
      const big = 'x'.repeat(2_000_000);
      for (let i = 1; ; i++) m.writeOutputFolder(m.checkOutputFolder(${JSON.stringify(dir)}, { command: 'run' }), [['a.txt', 'v' + i + big], ['b.txt', 'v' + i + big]]);`;
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', body], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 60 + ((round * 37) % 90)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      checkOutputFolder(dir, { command: 'run' });
      const a = readFileSync(join(dir, 'a.txt'), 'utf8');
      const b = readFileSync(join(dir, 'b.txt'), 'utf8');
      // one complete set: both files of the same write
      expect(a.slice(0, 8).split('x')[0]).toBe(b.slice(0, 8).split('x')[0]);
      expect(readMarker(dir)?.files).toEqual(['a.txt', 'b.txt']);
      expect(readdirSync(root)).toEqual(['res']);
    }
  }, 30_000);
});
