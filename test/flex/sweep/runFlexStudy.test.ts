/**
 * The real pipeline (scenario → worker pool → DUE + OPF runs → tiers → re-simulation)
 * on a reduced reference scenario in the default suite; the full reference checks
 * run with EV_COSIM_LONG=1.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../../../src/common/errors.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFlexStudy } from '../../../src/flex/sweep/runFlexStudy.ts';
import { allEvaluated } from '../../../src/flex/sweep/runSweep.ts';
import { admissible } from '../../../src/flex/search/flexEvaluation.ts';
import { verifyPoints } from '../../../src/flex/sweep/verifyPoints.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';
import { sphereDirections3d } from '../../../src/flex/directions/sphereDirections3d.ts';

// Reference network, feeder and stations; 4 intervals of 10 min (17:00–17:40), 60-s loading steps; household
// load at 0.9 (at 1.0 the base itself sheds 0.07 kWh in the tail, so no run near it is admissible).
const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'];

describe('runFlexStudy input checks for n > 3 stations', () => {
  it('should refuse more than 8 axes with one InputError that suggests --stations, before any run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-many-'));
    const reference = JSON.parse(readFileSync(readScenarioFile().file, 'utf8')) as { stations: { id: string; node: number }[]; $schema?: string };
    const extra = [5, 7, 8, 10, 12, 13].map((node, i) => ({ ...reference.stations[0], id: `X${i + 1}`, node }));
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ ...reference, $schema: undefined, stations: [...reference.stations, ...extra] }));
    const resumeFile = join(dir, 'results.jsonl');
    const error = await runFlexStudy({ scenarioFile: file, workers: 1, resumeFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/11 stations .*at most 8 axes.*use --stations to choose at most 8, e\.g\. --stations CS1,CS2,CS3/);
    expect(String((error as Error).message)).not.toMatch(/e\+\d/);
    expect(existsSync(resumeFile)).toBe(false);
  });
  it('should refuse an angle grid on more than 3 axes and point to the adaptive directions', async () => {
    await expect(runFlexStudy({ stepDeg: 45, workers: 1 })).rejects.toThrow(/leave --directions out for the adaptive set/);
    await expect(runFlexStudy({ stations: [], workers: 1 })).rejects.toThrow(InputError);
    await expect(runFlexStudy({ directionBudget: 0, workers: 1 })).rejects.toThrow(/directionBudget/);
  });
});

describe('runFlexStudy on the (reduced) reference scenario', () => {
  it('should give reproducible points within budget and tolerance, nested tiers, and resume without new runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-study-'));
    const resumeFile = join(dir, 'results.jsonl');
    const options = {
      overrides: SMALL,
      timeIndex: 3,
      budgetsYuan: [300, 1000],
      stations: ['CS3'],
      // No direction set: adaptive, which on one axis searches ±CS3 and stops (a segment has no other facet normal).
      lookbackIntervals: 1,
      blocks: 1,
      span: 'window' as const,
      levels: [0.25],
      controls: { refineSteps: 0, fitSteps: 2 },
      workers: 2,
      resumeFile,
    };
    const [dta] = await runFlexStudy(options);
    const tolerance = readScenarioFile(undefined, SMALL).scenario.solver.dueGapTolerance;
    expect(dta.model).toBe('dta');
    expect(dta.time).toBe('17:30');
    expect(dta.run.directions.map((a) => a[2])).toEqual([1, -1]);
    expect(dta.run.adaptive?.stop).toBe('no-candidates');
    // The outer bound (computed in this thread) contains every run the grid serves within the largest budget.
    expect(dta.outer).toBeDefined();
    const served = allEvaluated(dta.run).filter((p) => admissible(p, 1000));
    expect(served.length).toBeGreaterThan(0);
    for (const p of served) expect(dta.outer!.contains([p.netMw[2]], 1e-6)).toBe(true);
    const [low, high] = dta.tiers;
    // 1-D region of CS3's net load: the larger budget reaches at least as far both ways.
    expect(high.rangeMw[0].min).toBeLessThanOrEqual(low.rangeMw[0].min);
    expect(high.rangeMw[0].max).toBeGreaterThanOrEqual(low.rangeMw[0].max);
    expect(high.hull.measure).toBeGreaterThanOrEqual(low.hull.measure);
    // Coupons move the load: the 1000 ¥ tier spans a real range around the base point.
    expect(high.rangeMw[0].max - high.rangeMw[0].min).toBeGreaterThan(0.05);
    for (const t of dta.tiers) {
      for (const p of t.vertices) {
        expect(p.subsidyYuan).toBeLessThanOrEqual(t.budgetYuan);
        expect(p.dueGap).toBeLessThanOrEqual(tolerance);
      }
    }
    const checks = await verifyPoints(dta.run.spec, high.vertices);
    for (const c of checks) {
      expect(c.relativeError).toBeLessThanOrEqual(0.01);
      expect(c.dueGap).toBeLessThanOrEqual(tolerance);
    }
    // Resume: every task comes from the file, no co-simulation runs, same answer.
    const lines = readFileSync(resumeFile, 'utf8').trim().split('\n').length;
    const [again] = await runFlexStudy({ ...options, workers: 1 });
    expect(again.run.resumed).toBe(lines);
    expect(again.run.runs).toEqual({ design: 0, search: 0 });
    expect(again.tiers.map((t) => t.vertices.map((p) => p.netMw))).toEqual(dta.tiers.map((t) => t.vertices.map((p) => p.netMw)));
  }, 600_000);

  it.skipIf(!process.env.EV_COSIM_LONG)('reference scenario, 26 directions × 4 budgets, DTA and STA: saturation, ranks, reproduction (EV_COSIM_LONG)', async () => {
    const [dta, sta] = await runFlexStudy({ models: ['dta', 'sta'], workers: 2, stations: ['CS1', 'CS2', 'CS3'], directions: sphereDirections3d(45) });
    const volumes = dta.tiers.map((t) => t.hull.volume);
    console.log('DTA volumes MW³', volumes, 'STA', sta.tiers.map((t) => [t.hull.affineRank, t.hull.area, t.hull.constantTotal]));
    for (let k = 1; k < volumes.length; k++) expect(volumes[k]).toBeGreaterThanOrEqual(volumes[k - 1]);
    // Saturation: the last step adds (much) less than the first.
    const growth = dta.tiers.slice(1).map((t) => t.volumeIncreasePct ?? 0);
    expect(growth[growth.length - 1]).toBeLessThan(growth[0] / 2);
    expect(dta.tiers.every((t) => t.hull.affineRank === 3)).toBe(true);
    const last = sta.tiers[sta.tiers.length - 1];
    expect(last.hull.affineRank).toBe(2);
    expect(last.hull.constantTotal).toBeDefined();
    const tolerance = readScenarioFile().scenario.solver.dueGapTolerance;
    for (const result of [dta, sta]) {
      for (const t of result.tiers) {
        const checks = await verifyPoints(result.run.spec, t.vertices);
        checks.forEach((c, i) => {
          expect(c.relativeError).toBeLessThanOrEqual(0.01);
          expect(c.dueGap).toBeLessThanOrEqual(tolerance);
          expect(t.vertices[i].subsidyYuan).toBeLessThanOrEqual(t.budgetYuan);
        });
      }
    }
  }, 3_600_000);
});
