/**
 * The exit-code contract of docs/exit-codes.md, per command: 0 results valid, 1 bad input
 * (nothing written), 2 solver trouble (with the gap or residual reached), every failure one
 * stderr line; and the mapping of runtime errors (`describeFailure`) that no input may turn
 * into a stack trace.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/cli/main.ts';
import { InputError, SolverError } from '../../src/common/errors.ts';
import { REFERENCE, runMain } from '../helpers/cli.ts';
import { SHORT } from './badInputCorpus/cases.ts';
import { TINY_M } from './badInputCorpus/workspace.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ev-cosim-exit-'));
}

/** The tiny three-bus case with the generator's Pmin at 5 MW above the 2 MW load: no feasible dispatch. */
function infeasibleCase(dir: string): string {
  const path = join(dir, 'pmin.m');
  writeFileSync(path, TINY_M.replace('1 0 0 5 -5 1.0 10 1 8 0 0', '1 0 0 5 -5 1.0 10 1 8 5 0'));
  return path;
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe('run: 0 valid, 1 bad input, 2 any interval infeasible / inexact / not converged', () => {
  it('exits 0 with status ok or shed', async () => {
    const out = join(tempDir(), 'out');
    const r = await runMain(['run', REFERENCE, '--out', out, '--json', ...SHORT]);
    expect(r.code).toBe(0);
    expect(['ok', 'shed']).toContain(JSON.parse(r.stdout).status);
  });
  it('exits 1 on bad input, nothing written', async () => {
    const dir = tempDir();
    const r = await runMain(['run', REFERENCE, '--out', join(dir, 'out'), '--set', 'classes.chargingShare=2']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^ev-cosim: bad input: .*classes\.chargingShare = 2: /);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('exits 2 when every interval stops at the cut limit, one line with the count and the largest cone gap, results written with status inexact', async () => {
    const out = join(tempDir(), 'out');
    const r = await runMain(['run', REFERENCE, '--out', out, '--json', ...SHORT, '--set', 'solver.maxCutRounds=1']);
    expect(r.code).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/^ev-cosim: solver failure: sim\/run: inexact: inexact OPF in (\d+) of \1 intervals from 17:00 \(largest cone gap \d\.\d\de[+-]\d+ pu² at \d\d:\d\d, cut limit reached\)/);
    expect(line.length).toBeLessThan(400);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).status).toBe('inexact');
  });
  it('exits 2 when an OPF is infeasible (LinDistFlow, import floor above the load), naming the interval', async () => {
    const out = join(tempDir(), 'out');
    const r = await runMain(['run', REFERENCE, '--out', out, '--json', ...SHORT, '--set', 'feeder.formulation=lindistflow', '--set', 'feeder.substation={"pMinMw":9}']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^ev-cosim: solver failure: sim\/run: infeasible: 17:00: OPF infeasible/);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).status).toBe('infeasible');
  });
  it('exits 2, not 1, when the start OPF of a DLMP-linked tariff is infeasible, naming the interval; nothing written', async () => {
    const dir = tempDir();
    const r = await runMain([
      'run', REFERENCE, '--out', join(dir, 'out'), '--json', ...SHORT, '--set', 'feeder.formulation=lindistflow', '--set', 'feeder.substation={"pMinMw":9}',
      '--set', 'prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}',
    ]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^ev-cosim: solver failure: sim\/run: infeasible: 17:00 \(interval 0\): /);
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(false);
  });
});

describe('opf: 0 optimal, 1 bad input, 2 infeasible / power flow not converged', () => {
  it('exits 0 on the bundled case', async () => {
    const r = await runMain(['opf', 'case33bw', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('optimal');
  });
  it('exits 1 on a feeder that is not one, naming the argument', async () => {
    const r = await runMain(['opf', 'nope-feeder']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/^ev-cosim: bad input: ev-cosim opf: <feeder> = "nope-feeder": not a bundled feeder/);
  });
  it('exits 2 on an infeasible dispatch, nothing printed as a result', async () => {
    const r = await runMain(['opf', infeasibleCase(tempDir()), '--formulation', 'lindistflow', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(/^ev-cosim: solver failure: ev-cosim opf: infeasible: /);
  });
});

describe('assign, equilibrium, validate, flex', () => {
  it('assign: 0 converged, 1 bad option, 2 gap target not reached with the gap reached', async () => {
    expect((await runMain(['assign', 'NguyenDupuis', '--json'])).code).toBe(0);
    const bad = await runMain(['assign', 'NguyenDupuis', '--gap', '-1']);
    expect(bad.code).toBe(1);
    expect(oneLine(bad.stderr)).toMatch(/--gap = "-1"/);
    const stuck = await runMain(['assign', 'NguyenDupuis', '--max-iter', '1', '--gap', '1e-12', '--json']);
    expect(stuck.code).toBe(2);
    expect(oneLine(stuck.stderr)).toMatch(/^ev-cosim: solver failure: ev-cosim assign: not converged: .*\(gap reached \d\.\d{3}e[+-]\d+\)$/);
  });
  it('equilibrium: 0 converged, 1 bad option, 2 not converged with the residual reached', async () => {
    const ok = await runMain(['equilibrium', 'gwe-ieee33', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).status).toBe('converged');
    expect((await runMain(['equilibrium', 'gwe-ieee33', '--v2g', 'maybe'])).code).toBe(1);
    const stuck = await runMain(['equilibrium', 'gwe-ieee33', '--max-iterations', '1', '--json']);
    expect(stuck.code).toBe(2);
    expect(oneLine(stuck.stderr)).toMatch(/^ev-cosim: solver failure: gwe-ieee33: not-converged: .*\(gap reached \d\.\d{3}e[+-]\d+\)$/);
  });
  it('validate: 0 valid, 1 invalid, never 2', async () => {
    expect((await runMain(['validate', REFERENCE])).code).toBe(0);
    const bad = await runMain(['validate', REFERENCE, '--set', 'demand.scale=-1']);
    expect(bad.code).toBe(1);
    expect(oneLine(bad.stderr)).toMatch(/demand\.scale = -1: /);
  });
  it('flex: 1 on a bad option, before any run', async () => {
    const r = await runMain(['flex', REFERENCE, '--time', '99', '--out', join(tempDir(), 'flex')]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toMatch(/--time = 99: /);
  });
});

describe('describeFailure: every error that ends a command is one line with its exit code', () => {
  const errno = (code: string, path: string, syscall: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, path, syscall });
  const cases: [string, unknown, number, RegExp][] = [
    ['an InputError', new InputError({ source: 'a.json', field: 'x', value: 2 }, 'too big'), 1, /^ev-cosim: bad input: a\.json: x = 2: too big$/],
    ['a SolverError', new SolverError('sim/run', 'inexact', 'cone gap', 0.5), 2, /^ev-cosim: solver failure: sim\/run: inexact: cone gap \(gap reached 5\.000e-1\)$/],
    ['a HiGHS exception', Object.assign(new Error('changeRowsBounds failed with HiGHS status -1'), { name: 'HighsError' }), 2, /^ev-cosim: solver failure: HiGHS: changeRowsBounds failed with HiGHS status -1 /],
    ['EEXIST on a path', errno('EEXIST', '/tmp/x/out', 'mkdir'), 1, /^ev-cosim: bad input: \/tmp\/x\/out: already exists \(EEXIST in mkdir\)$/],
    ['ENOTDIR on a path', errno('ENOTDIR', '/tmp/file/out', 'mkdir'), 1, /^ev-cosim: bad input: \/tmp\/file\/out: a part of the path is a file, not a folder \(ENOTDIR in mkdir\)$/],
    ['EACCES on a path', errno('EACCES', '/root/out', 'open'), 1, /^ev-cosim: bad input: \/root\/out: permission denied \(EACCES in open\)$/],
    ['a full disk', errno('ENOSPC', '/tmp/out/links.csv', 'write'), 2, /^ev-cosim: could not finish: \/tmp\/out\/links\.csv: no space left on device \(ENOSPC\); no complete results were written$/],
    ['an array too large', new RangeError('Invalid array length'), 1, /^ev-cosim: bad input: the input asks for more memory than a process can hold \(Invalid array length\)/],
    ['an unexpected error with a multi-line message', new TypeError('x is undefined\n    at somewhere'), 2, /^ev-cosim: internal error: TypeError: x is undefined; at somewhere/],
    ['a thrown string', 'boom', 2, /^ev-cosim: internal error: Error: boom; please report it/],
  ];
  it.each(cases)('%s', (_name, error, code, line) => {
    const report = describeFailure(error);
    expect(report.code).toBe(code);
    expect(report.line).toMatch(line);
    expect(report.line).not.toContain('\n');
  });
});
