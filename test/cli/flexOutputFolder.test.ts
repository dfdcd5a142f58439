import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flexModelSchema } from '../../src/flex/report/flexJsonSchema.ts';
import { REFERENCE, ROOT, runMain } from '../helpers/cli.ts';

const flex = (args: string[]) => runMain(['flex', ...args]);
const MARKER = '.ev-cosim-results.json';
const workOf = (out: string): string => join(dirname(out), `.${basename(out)}.work`);

// Reference network and feeder, 4 × 10 min with t* the last interval (no "after" coupon blocks: 17 design runs, the
// region a segment of 6 admissible points), one axis station, one budget: these checks are about folders, not regions.
const REDUCED = [
  '--set', 'horizon.intervals=4', '--set', 'horizon.stepSec=60', '--set', 'demand.profile=[0.7,0.8,0.9,1]', '--set', 'feeder.loadScale=1',
  '--time', '3', '--budgets', '300', '--stations', 'CS3', '--lookback', '0', '--levels', '0.25', '--refine', '0', '--workers', '1', '--model', 'dta',
];
const parseJson = (stdout: string) => flexModelSchema.extend({ files: z.array(z.string()) }).parse(JSON.parse(stdout));

/** Every file under `dir` with its content (the "file system unchanged" check). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out[`${p}/`] = '';
        walk(p);
      } else out[p] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('ev-cosim flex: unsafe --out targets and bad options exit 1, one line, the file system unchanged', () => {
  it('refuses a folder with the user\'s notes, an existing file, a path through a file and a `run` folder without --force', async () => {
    const root = mkdtempSync(join(tmpdir(), 'flex-out-'));
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, 'notes', 'todo.md'), 'mine');
    writeFileSync(join(root, 'results.txt'), 'keep');
    mkdirSync(join(root, 'ran'));
    writeFileSync(join(root, 'ran', MARKER), JSON.stringify({ tool: 'ev-cosim', command: 'run', files: ['summary.json'] }));
    writeFileSync(join(root, 'ran', 'summary.json'), '{}');
    const before = snapshot(root);
    for (const [out, reason] of [
      [join(root, 'notes'), /--out = ".*notes": is a folder ev-cosim did not write \(it holds todo\.md\)/],
      [join(root, 'results.txt'), /is an existing file, not a folder/],
      [join(root, 'results.txt', 'sub'), /runs through the existing file/],
      [join(root, 'ran'), /holds results of `ev-cosim run`; give another folder, or --force/],
    ] as const) {
      const r = await flex([...REDUCED, '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(snapshot(root)).toEqual(before);
  });

  const bad: [string, string[], RegExp][] = [
    ['--time 99', ['--time', '99'], /--time = 99: must be an interval index in \[0, 3\]/],
    ['--stations CS9', ['--stations', 'CS9'], /--stations = "CS9": not a station of the scenario/],
    ['an empty station subset', ['--stations', ','], /--stations = ",": must name at least one station/],
    ['--lookback -1', ['--lookback', '-1'], /--lookback = "-1": must be an integer ≥ 0/],
    ['a budget ≤ 0', ['--budgets', '0'], /--budgets = 0: each budget must be > 0/],
    ['a need at a bus without a station', ['--need', 'bus5<=1'], /--need = "bus5<=1": no station at bus 5/],
    ['contradictory needs', ['--need', 'CS3>=0.5', '--need', 'CS3<=0.1'], /--need = .*contradictory/],
    ['a missing --resume file', ['--resume', '/nonexistent/results.jsonl'], /\/nonexistent\/results\.jsonl: file not found/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what} before any file is touched (own folder with results.jsonl, nested new path)`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'flex-bad-'));
      const own = join(root, 'own');
      mkdirSync(own);
      writeFileSync(join(own, MARKER), JSON.stringify({ tool: 'ev-cosim', command: 'flex', files: ['results.jsonl'] }));
      writeFileSync(join(own, 'results.jsonl'), '{"scenario":"00","spec":"0123456789abcdef","key":"design:0","result":{}}\n');
      const before = snapshot(root);
      for (const out of [own, join(root, 'a', 'b')]) {
        const r = await flex([...REDUCED, ...args, '--out', out, '--json']);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(snapshot(root)).toEqual(before);
    });
  }
});

// One reduced sweep (about 7 s CPU), then only refusals and fully resumed runs (no co-simulation).
describe('ev-cosim flex: one complete marked set per folder; resume keyed by content; the live log survives an interruption', () => {
  const root = mkdtempSync(join(tmpdir(), 'flex-set-'));
  const scenario = join(root, 'study', 's.json');
  const out = join(root, 'res');
  const work = workOf(out);
  let first: ReturnType<typeof parseJson>;
  let tasks = 0;
  const deadWork = (log: string): void => {
    mkdirSync(work);
    writeFileSync(join(work, MARKER), JSON.stringify({ tool: 'ev-cosim', command: 'flex-work', files: ['results.jsonl'], inputs: { pid: '999999999' } }));
    cpSync(log, join(work, 'results.jsonl'));
  };
  beforeAll(async () => {
    mkdirSync(dirname(scenario));
    cpSync(REFERENCE, scenario);
    const a = await flex([scenario, ...REDUCED, '--out', out, '--json']);
    expect(a.code, a.stderr).toBe(0);
    first = parseJson(a.stdout);
    tasks = readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').length;
  }, 600_000);

  it('writes the set with a marker (command, scenario sha256, version) listing exactly its files, and no working folder left', () => {
    const marker = JSON.parse(readFileSync(join(out, MARKER), 'utf8'));
    expect(marker).toMatchObject({ tool: 'ev-cosim', command: 'flex', inputs: { version: JSON.parse(readFileSync('package.json', 'utf8')).version } });
    expect(marker.inputs.scenarioSha256).toMatch(/^[0-9a-f]{64}$/);
    expect([...marker.files].sort()).toEqual(readdirSync(out).filter((f) => f !== MARKER).sort());
    expect(marker.files).toContain('results.jsonl');
    expect(existsSync(work)).toBe(false);
  });

  it('refuses (exit 1, one line naming the file) a --resume log of other options, another scenario content or the old format, reading it only', async () => {
    const log = join(root, 'kept.jsonl');
    cpSync(join(out, 'results.jsonl'), log);
    const text = readFileSync(log, 'utf8');
    const original = readFileSync(scenario, 'utf8');
    const old = join(root, 'old.jsonl');
    writeFileSync(old, text.split('\n').filter(Boolean).map((l) => {
      const { scenario: _s, ...rest } = JSON.parse(l);
      return `${JSON.stringify(rest)}\n`;
    }).join(''));
    const cases: [string, string[], () => void, RegExp][] = [
      ['options', ['--budgets', '400'], () => {}, /kept\.jsonl: resume key: sweep options differ/],
      ['override', ['--set', 'demand.scale=1.01'], () => {}, /kept\.jsonl: resume key: scenario content differs/],
      ['file edit', [], () => writeFileSync(scenario, `${original}\n`), /kept\.jsonl: resume key: scenario content differs/],
    ];
    for (const [what, extra, edit, message] of cases) {
      edit();
      const before = snapshot(root);
      const r = await flex([scenario, ...REDUCED, ...extra, '--resume', log, '--out', join(root, 'again'), '--json']);
      expect(r.code, what).toBe(1);
      expect(r.stderr, what).toMatch(message);
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(snapshot(root), what).toEqual(before);
    }
    writeFileSync(scenario, original);
    const r = await flex([scenario, ...REDUCED, '--resume', old, '--out', join(root, 'again'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/old\.jsonl: resume key: lines without a scenario content hash/);
    expect(readFileSync(log, 'utf8')).toBe(text);
    expect(existsSync(join(root, 'again'))).toBe(false);
  }, 120_000);

  it('reuses an interrupted sweep\'s live log (a dead pid\'s working folder) and drops the stale files of the earlier set', async () => {
    const marker = JSON.parse(readFileSync(join(out, MARKER), 'utf8'));
    // A file an earlier run listed (e.g. projection-sta.svg of a `--model both` run) goes with the old set.
    writeFileSync(join(out, 'projection-sta.svg'), '<svg/>');
    writeFileSync(join(out, MARKER), JSON.stringify({ ...marker, files: [...marker.files, 'projection-sta.svg'] }));
    deadWork(join(out, 'results.jsonl'));
    const b = await flex([scenario, ...REDUCED, '--out', out, '--json']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toMatch(new RegExp(`^ev-cosim flex: resuming ${tasks} tasks of an interrupted sweep of the same scenario and options`));
    const jb = parseJson(b.stdout);
    expect(jb.runs).toMatchObject({ design: 0, search: 0, resumedTasks: tasks });
    expect(jb.tiers).toEqual(first.tiers);
    expect(existsSync(join(out, 'projection-sta.svg'))).toBe(false);
    expect(existsSync(work)).toBe(false);
  }, 120_000);

  it('only reads a --resume FILE (byte-identical, same mtime) and writes the merged log into the set', async () => {
    const kept = join(root, 'kept2.jsonl');
    cpSync(join(out, 'results.jsonl'), kept);
    const mtime = statSync(kept).mtimeMs;
    const c = await flex([scenario, ...REDUCED, '--resume', kept, '--out', out, '--json']);
    expect(c.code, c.stderr).toBe(0);
    expect(parseJson(c.stdout).runs).toMatchObject({ design: 0, search: 0, resumedTasks: tasks });
    expect(statSync(kept).mtimeMs).toBe(mtime);
    expect(readFileSync(kept, 'utf8')).toBe(readFileSync(join(out, 'results.jsonl'), 'utf8'));
  }, 120_000);

  it('refuses a working folder a live process holds, and one holding files it did not write', async () => {
    mkdirSync(work);
    writeFileSync(join(work, MARKER), JSON.stringify({ tool: 'ev-cosim', command: 'flex-work', files: ['results.jsonl'], inputs: { pid: String(process.ppid) } }));
    const live = await flex([scenario, ...REDUCED, '--out', out, '--json']);
    expect(live.code).toBe(1);
    expect(live.stderr).toMatch(new RegExp(`working folder = ".*\\.res\\.work": is in use by a running ev-cosim flex \\(pid ${process.ppid}\\)`));
    writeFileSync(join(work, MARKER), JSON.stringify({ tool: 'ev-cosim', command: 'flex-work', files: ['results.jsonl'], inputs: { pid: '999999999' } }));
    writeFileSync(join(work, 'mine.txt'), 'user');
    const foreign = await flex([scenario, ...REDUCED, '--out', out, '--json']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/holds files ev-cosim flex did not write \(mine\.txt\)/);
    expect(readFileSync(join(work, 'mine.txt'), 'utf8')).toBe('user');
  }, 120_000);

  it.skipIf(process.env.EV_COSIM_LONG !== '1')('a sweep SIGKILLed after some tasks leaves its live log; the next start reuses those tasks and gives the same tiers', async () => {
    const killedOut = join(root, 'killed');
    const log = join(workOf(killedOut), 'results.jsonl');
    // the sources through tsx (not dist/, which a parallel build may be replacing)
    const runner = join(root, 'runner.mts');
    writeFileSync(runner, `import { main } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))};\nprocess.exitCode = await main(['node', 'ev-cosim', ...process.argv.slice(2)]);\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', runner, 'flex', scenario, ...REDUCED, '--out', killedOut, '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let childErr = '';
    child.stderr!.on('data', (c) => (childErr += String(c)));
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    let done = 0;
    while (child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
      done = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.endsWith('}')).length : 0;
      if (done >= 1) {
        child.kill('SIGKILL');
        break;
      }
    }
    await exited;
    expect(done, childErr).toBeGreaterThanOrEqual(1);
    expect(existsSync(killedOut)).toBe(false); // no half set
    const r = await flex([scenario, ...REDUCED, '--out', killedOut, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^ev-cosim flex: resuming \d+ tasks? of an interrupted sweep/);
    const json = parseJson(r.stdout);
    expect(json.runs.resumedTasks).toBeGreaterThanOrEqual(done);
    expect(json.tiers).toEqual(first.tiers);
    expect(readFileSync(join(killedOut, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(tasks);
  }, 600_000);

  it.skipIf(process.env.EV_COSIM_LONG !== '1')('removes (not reuses) a live log of other options left in the working folder', async () => {
    rmSync(work, { recursive: true, force: true });
    deadWork(join(out, 'results.jsonl'));
    const d = await flex([scenario, ...REDUCED, '--levels', '0.5', '--out', out, '--json']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/^ev-cosim flex: removed the task log of an interrupted sweep with other options/);
    expect(parseJson(d.stdout).runs.resumedTasks).toBe(0);
  }, 600_000);
});
