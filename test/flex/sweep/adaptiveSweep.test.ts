/**
 * The adaptive direction rounds of runSweep on the fake response (test/flex/fakeResponse.ts):
 * they stop, keep to the direction budget, are deterministic for any finishing order, and
 * scale to n = 4–6 stations with far fewer directions than the 3^n − 1 grid.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openResumeLog } from '../../../src/flex/sweep/resumeLog.ts';
import { directionsNd } from '../../../src/flex/directions/directionsNd.ts';
import { defaultDirectionBudget, defaultRoundSize, startingDirections } from '../../../src/flex/directions/adaptiveDirections.ts';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { admissible } from '../../../src/flex/search/flexEvaluation.ts';
import { allEvaluated, runSweep, type SweepRun } from '../../../src/flex/sweep/runSweep.ts';
import { fakeExecutor, fakeSpec } from './fakeExecutor.ts';

const BUDGETS = [300, 1000, 3000];

async function adaptive(n: number, seed: number, directionBudget: number, volumeTolerance = 0.02, outerSupport?: (u: readonly number[]) => number) {
  const fake = fakeExecutor(n, seed);
  const axes = Array.from({ length: n }, (_, i) => i);
  const spec = fakeSpec(startingDirections(n), BUDGETS, { axes, directionBudget, volumeTolerance, roundSize: defaultRoundSize(n) });
  const run = await runSweep(spec, { executor: fake.executor, probes: fake.probes, outerSupport });
  return { run, fake };
}

/** Hull volume over all axes of the points admissible for a budget, computed here from the raw points. */
function volumeOf(run: SweepRun, budget: number): number {
  const pts = allEvaluated(run).filter((p) => admissible(p, budget)).map((p) => [...p.netMw]);
  return convexHullOf(pts, { tolerance: 1e-6 }).volume;
}

describe('runSweep with adaptive directions (fake response)', () => {
  it('should stop within the direction budget, with every round recorded and volumes that never shrink', async () => {
    const { run } = await adaptive(3, 0, 18);
    expect(run.directions.length).toBeLessThanOrEqual(18);
    expect(run.searches.length).toBe(run.directions.length);
    expect(run.adaptive).toBeDefined();
    const a = run.adaptive!;
    expect(['volume-tolerance', 'direction-budget', 'no-candidates']).toContain(a.stop);
    expect(run.directions.length).toBe(startingDirections(3).length + a.rounds.reduce((s, r) => s + r.directions.length, 0));
    let previous = a.startVolume;
    for (const r of a.rounds) {
      expect(r.innerVolume).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = r.innerVolume;
    }
    // The recorded volume (kept as running hull vertices) is the hull of every admissible point of the
    // largest tier, recomputed here from all raw points (to 1e-9 relative).
    const top = volumeOf(run, BUDGETS[BUDGETS.length - 1]);
    expect(Math.abs(previous - top)).toBeLessThan(1e-9 * top);
    // New directions are unit vectors that differ from the starting ones.
    for (const d of run.directions.slice(startingDirections(3).length)) expect(Math.hypot(...d)).toBeCloseTo(1, 9);
  });

  it('should give identical directions and points whatever order the tasks finish in', async () => {
    const one = await adaptive(3, 0, 18);
    const scrambled = await adaptive(3, 7, 18);
    expect(scrambled.fake.tasks.map((t) => t.kind)).toEqual(one.fake.tasks.map((t) => t.kind));
    expect(JSON.stringify(scrambled.run.directions)).toBe(JSON.stringify(one.run.directions));
    expect(JSON.stringify(allEvaluated(scrambled.run).map((p) => p.netMw))).toBe(JSON.stringify(allEvaluated(one.run).map((p) => p.netMw)));
  });

  it('should spend the whole budget when the tolerance is 0 and stop earlier at a loose tolerance', async () => {
    const strict = await adaptive(3, 0, 20, 0);
    expect(strict.run.adaptive!.stop === 'direction-budget' ? strict.run.directions.length : 20).toBe(20);
    const loose = await adaptive(3, 0, 40, 0.5);
    expect(loose.run.adaptive!.stop).toBe('volume-tolerance');
    expect(loose.run.directions.length).toBeLessThan(40);
  });

  it('should record an open inner–outer gap (> 1e-6 MW) for every direction a round adds when an outer support is given', async () => {
    // A generous fake outer bound: the box [−5, 5]^3 (h_out(u) = 5 Σ|u_i|), larger than anything the fake reaches.
    const box = (u: readonly number[]) => 5 * u.reduce((s, v) => s + Math.abs(v), 0);
    const { run } = await adaptive(3, 0, 20, 0, box);
    const rounds = run.adaptive!.rounds;
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) {
      expect(r.gapsMw.length).toBe(r.directions.length);
      for (const g of r.gapsMw) expect(g!).toBeGreaterThan(1e-6);
    }
  });

  it('should beat the 80-direction 3^n − 1 grid with as many adaptive directions on n = 4, and reach ≥ 60 % of it with 8n = 32', async () => {
    const fake = fakeExecutor(4, 0);
    const grid = await runSweep(fakeSpec(directionsNd(4, { kind: 'cube' }), BUDGETS), { executor: fake.executor, probes: fake.probes });
    expect(grid.directions.length).toBe(80);
    const top = BUDGETS[BUDGETS.length - 1];
    const gridVolume = volumeOf(grid, top);
    const small = await adaptive(4, 0, 32, 0);
    const same = await adaptive(4, 0, 80, 0);
    expect(volumeOf(small.run, top) / gridVolume).toBeGreaterThanOrEqual(0.6);
    expect(volumeOf(same.run, top)).toBeGreaterThanOrEqual(gridVolume);
  });

  it.each([5, 6])('should map a full-dimensional region on n = %i stations within the default budget 8n', async (n) => {
    const budget = defaultDirectionBudget(n);
    const { run, fake } = await adaptive(n, 0, budget);
    expect(run.directions.length).toBeLessThanOrEqual(8 * n);
    expect(volumeOf(run, BUDGETS[BUDGETS.length - 1])).toBeGreaterThan(0);
    // Co-simulation runs stay linear in n: design 1 + 2m probes (m = 8n components), each search ≤ budgets × (1 + 3 fit + 1 refine).
    expect(fake.calls()).toBeLessThanOrEqual(1 + 2 * 8 * n + budget * BUDGETS.length * 5);
  });

  it('should resume an adaptive sweep from its results file without running a task, with the same rounds', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flex-adaptive-')), 'results.jsonl');
    const fake = fakeExecutor(3, 0);
    const spec = fakeSpec(startingDirections(3), BUDGETS, { axes: [0, 1, 2], directionBudget: 20, volumeTolerance: 0, roundSize: 6 });
    const first = await runSweep(spec, { executor: fake.executor, probes: fake.probes, resume: openResumeLog(file) });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.some((l) => l.includes('"key":"adaptive:14:'))).toBe(true);
    const refuse = { concurrency: 1, run: async () => { throw new Error('no task may run on resume'); }, close: async () => undefined };
    const again = await runSweep(spec, { executor: refuse, probes: fake.probes, resume: openResumeLog(file) });
    expect(again.resumed).toBe(lines.length);
    expect(again.runs).toEqual({ design: 0, search: 0 });
    expect(JSON.stringify(again.directions)).toBe(JSON.stringify(first.directions));
    expect(again.adaptive!.rounds.map((r) => r.innerVolume)).toEqual(first.adaptive!.rounds.map((r) => r.innerVolume));
  });
});
