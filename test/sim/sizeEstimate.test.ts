/**
 * Size guard (issue 14 item 4, docs/limits.md "Size guard"): the estimate is finite and
 * monotone, tracks measured runs, and a scenario above the limit fails `validate` and `run`
 * before any solve (exit 1, one line naming the fields that drive the size and the estimate,
 * nothing written) unless `--allow-large` is given.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/errors.ts';
import { resolveScenario } from '../../src/sim/run/resolveScenario.ts';
import { capWorkers, checkSizeEstimate, MEMORY_LIMIT_MB, sizeEstimate, type ProblemSize } from '../../src/sim/run/sizeEstimate.ts';
import { readScenarioFile } from '../../src/sim/scenario/readScenarioFile.ts';
import { REFERENCE, ROOT, runMain } from '../helpers/cli.ts';

const CITY = join(ROOT, 'scenarios', 'siouxfalls-ieee123-evening-peak.json');
const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function estimateOf(file: string, sets: string[] = []) {
  const loaded = readScenarioFile(file, sets);
  return resolveScenario(loaded.scenario, loaded.baseDir, file, { allowLarge: true }).size;
}

const size = fc.record({
  links: fc.integer({ min: 1, max: 1e5 }),
  steps: fc.integer({ min: 1, max: 1e8 }),
  horizonSteps: fc.integer({ min: 1, max: 1e8 }),
  vehicles: fc.double({ min: 0, max: 1e12, noNaN: true }),
  intervals: fc.integer({ min: 1, max: 2000 }),
  groups: fc.integer({ min: 0, max: 1e7 }),
  meanPathLinks: fc.double({ min: 0, max: 1e4, noNaN: true }),
  workers: fc.integer({ min: 1, max: 256 }),
});

describe('sizeEstimate', () => {
  it('is finite and positive over the whole input range (property)', () => {
    fc.assert(fc.property(size, (s: ProblemSize) => {
      const e = sizeEstimate(s);
      expect(Number.isFinite(e.memoryMb) && e.memoryMb > 0).toBe(true);
      expect(Number.isFinite(e.cpuSec) && e.cpuSec > 0).toBe(true);
    }));
  });

  it('grows with steps, links, groups and workers (property)', () => {
    fc.assert(fc.property(size, fc.constantFrom('steps', 'links', 'groups', 'workers'), (s: ProblemSize, key) => {
      const a = sizeEstimate(s);
      const b = sizeEstimate({ ...s, [key]: s[key] * 2 });
      expect(b.memoryMb).toBeGreaterThanOrEqual(a.memoryMb);
    }));
  });

  // Peak RSS measured with /usr/bin/time -v on 2026-12-01 (tsx, 2-core machine): the estimate
  // may over-estimate (it guards) but must not fall far below what a run really takes.
  const measured: [string, string, string[], number, number][] = [
    ['reference', REFERENCE, [], 283, 1260],
    ['reference, stepSec 1', REFERENCE, ['horizon.stepSec=1'], 649, 37800],
    ['reference, demand × 10', REFERENCE, ['demand.scale=10'], 313, 6479],
    ['reference, demand × 100', REFERENCE, ['demand.scale=100'], 509, 59127],
    ['city (Sioux Falls + IEEE 123)', CITY, [], 342, 630],
    ['city, stepSec 20', CITY, ['horizon.stepSec=20'], 510, 1890],
  ];
  for (const [name, file, sets, rssMb, steps] of measured) {
    it(`${name}: memory within 0.85–1.6 × the measured ${rssMb} MB peak, loading steps within 25 % of the measured ${steps}`, () => {
      const e = estimateOf(file, sets);
      expect(e.memoryMb / rssMb).toBeGreaterThan(0.85);
      expect(e.memoryMb / rssMb).toBeLessThan(1.6);
      expect(Math.abs(e.steps - steps) / steps).toBeLessThan(0.25);
    });
  }

  it(`keeps the limit (${MEMORY_LIMIT_MB} MB) at least 4 × above the city scenario's estimate`, () => {
    expect(MEMORY_LIMIT_MB / estimateOf(CITY).memoryMb).toBeGreaterThan(4);
  });

  it('checkSizeEstimate: throws above the limit, naming the size drivers, passes below it', () => {
    const e = sizeEstimate({ links: 30, steps: 612_000, horizonSteps: 612_000, vehicles: 3250, intervals: 1020, groups: 20, meanPathLinks: 5.7, workers: 1 });
    expect(() => checkSizeEstimate(e, 'x.json')).toThrow(InputError);
    expect(() => checkSizeEstimate(e, 'x.json')).toThrow(/^x\.json: size: estimated peak memory .* exceeds the limit of 2\.00 GiB: 612000 loading steps \(horizon\.intervals, intervalMin, clearanceMin \/ horizon\.stepSec\)/);
    expect(() => checkSizeEstimate(e, 'x.json', { memoryMb: 1e6, cpuSec: 1e9 })).not.toThrow();
  });
});

describe('size guard through the CLI', () => {
  // reference with 1 s steps and a week of tail: 612,000 loading steps, ~3.9 GB estimated
  const huge = ['--set', 'horizon.stepSec=1', '--set', 'horizon.clearanceMin=10080'];

  it('validate: exit 1 with one line naming the scenario, the driving fields and the estimate', async () => {
    const { code, stdout, stderr } = await runMain(['validate', REFERENCE, ...huge]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/nguyen-dupuis-ieee33-evening-peak\.json: size: estimated peak memory \d\.\d\d GiB exceeds the limit of 2\.00 GiB: 612000 loading steps .*horizon\.stepSec.*--allow-large/);
  });

  it('run: the same line, no results folder', async () => {
    const out = join(dir, 'huge');
    const { code, stderr } = await runMain(['run', REFERENCE, '--out', out, ...huge]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/size: estimated peak memory/);
    expect(existsSync(out)).toBe(false);
  });

  it('validate --allow-large: exit 0 and the estimate above the limit in the JSON report', async () => {
    const { code, stdout } = await runMain(['validate', REFERENCE, ...huge, '--allow-large', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.size.memoryMb).toBeGreaterThan(report.size.memoryLimitMb);
    expect(report.size.loadingSteps).toBe(612_000);
  });

  it('rejects 1e7 veh/h on one OD pair as a schema bound (vehPerH ≤ 1e6)', async () => {
    const { code, stderr } = await runMain(['validate', REFERENCE, '--set', 'demand.od=[{"origin":1,"destination":2,"vehPerH":1e7}]']);
    expect(code).toBe(1);
    expect(stderr).toContain('demand.od[0].vehPerH = 10000000');
  });
});

describe('capWorkers', () => {
  it('caps a request above the cores, with a note; keeps it with force; keeps smaller or absent requests', () => {
    expect(capWorkers(64, { cores: 2 })).toEqual({ workers: 2, note: '--workers 64 capped at the 2 available cores (--force-workers keeps it)' });
    expect(capWorkers(64, { cores: 2, force: true })).toEqual({ workers: 64 });
    expect(capWorkers(2, { cores: 2 })).toEqual({ workers: 2 });
    expect(capWorkers(undefined, { cores: 2 })).toEqual({ workers: undefined });
  });
});
