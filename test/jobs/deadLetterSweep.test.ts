/**
 * Dead letters in a sweep (docs/distributed.md "Failure semantics"), on the fake response
 * (test/flex/sweep/fakeExecutor.ts): a task whose executor rejects is left out, the sweep goes on,
 * every other task's result is the one of a clean run, and the dead letter says which task is
 * missing. The same code path serves the three executors (inline and pool: the task threw; queue:
 * its last attempt failed, `attempts` on the rejection); the queue itself: queueDeadLetters.test.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/errors.ts';
import { startingDirections, defaultRoundSize } from '../../src/flex/directions/adaptiveDirections.ts';
import { flexModelSchema } from '../../src/flex/report/flexJsonSchema.ts';
import { flexJson } from '../../src/flex/report/flexJson.ts';
import { assembleTiers } from '../../src/flex/sweep/assembleTiers.ts';
import type { FlexModelResult } from '../../src/flex/sweep/flexModelResult.ts';
import type { FlexTask } from '../../src/flex/sweep/flexTask.ts';
import { openResumeLog } from '../../src/flex/sweep/resumeLog.ts';
import { allEvaluated, runSweep, type SweepRun } from '../../src/flex/sweep/runSweep.ts';
import type { TaskExecutor } from '../../src/flex/sweep/taskExecutor.ts';
import { fakeExecutor, fakeSpec } from '../flex/sweep/fakeExecutor.ts';

const BUDGETS = [300, 1000];
const DIRECTIONS = startingDirections(3);

/** The key runSweep gives a task in the results file (design and start directions). */
const keyOf = (t: FlexTask): string => (t.kind === 'design' ? `design:${t.probe}` : t.kind === 'direction' ? `direction:${t.direction}` : (t as { kind: string }).kind);

/** An executor on the fake response whose tasks with the given keys reject (with `attempts` when given, as the queue's do). */
function failing(keys: readonly string[], error: (key: string) => Error = (k) => new Error(`boom ${k}`), seed = 0): { executor: TaskExecutor; probes: number } {
  const fake = fakeExecutor(3, seed);
  return {
    probes: fake.probes,
    executor: {
      ...fake.executor,
      run: async (task) => {
        if (keys.includes(keyOf(task))) throw error(keyOf(task));
        return fake.executor.run(task);
      },
    },
  };
}

async function sweep(keys: readonly string[], error?: (key: string) => Error): Promise<SweepRun> {
  const { executor, probes } = failing(keys, error);
  return runSweep(fakeSpec(DIRECTIONS, BUDGETS), { executor, probes });
}

/** A model result around a sweep (as runFlexStudy builds it), for the JSON. */
function resultOf(run: SweepRun): FlexModelResult {
  const fake = fakeExecutor(3);
  return {
    model: 'dta', timeIndex: 6, time: '18:00', intervalMin: 10, intervals: 12, stations: ['CS1', 'CS2', 'CS3'], buses: [22, 16, 30],
    axes: [0, 1, 2], window: fake.window, run, tiers: assembleTiers(run, [0, 1, 2]), wallMs: 0,
  };
}

const clean = await sweep([]);

describe('a sweep with dead letters goes on without them (fake response, exact comparison with a clean run)', () => {
  it('a dead direction search: every other task as in the clean run, the direction left out, one dead letter', async () => {
    const run = await sweep(['direction:2']);
    expect(run.deadLetters).toEqual([{ taskId: 'direction:2', kind: 'direction', direction: 2, attempts: 1, reason: 'boom direction:2' }]);
    expect(JSON.stringify(run.design)).toBe(JSON.stringify(clean.design));
    expect(JSON.stringify(run.directions)).toBe(JSON.stringify(clean.directions.filter((_, d) => d !== 2)));
    expect(JSON.stringify(run.searches)).toBe(JSON.stringify(clean.searches.filter((_, d) => d !== 2)));
    expect(clean.deadLetters).toBeUndefined();
    // the tiers are built from the points that exist: each tier's points are points of the clean run
    const cleanKeys = new Set(allEvaluated(clean).map((p) => JSON.stringify(p)));
    for (const t of assembleTiers(run, [0, 1, 2])) for (const p of t.hullPoints) expect(cleanKeys.has(JSON.stringify(p))).toBe(true);
  });

  it('a dead design probe: left out of the design, the searches still run (skipping it), attempts taken from the rejection', async () => {
    const withAttempts = (k: string): Error => Object.assign(new Error(`worker gave up on ${k}`), { attempts: 3 });
    const run = await sweep(['design:3'], withAttempts);
    expect(run.deadLetters).toEqual([{ taskId: 'design:3', kind: 'design', probe: 3, attempts: 3, reason: 'worker gave up on design:3' }]);
    expect(JSON.stringify(run.design)).toBe(JSON.stringify(clean.design.filter((_, i) => i !== 3)));
    expect(run.searches.length).toBe(DIRECTIONS.length);
    expect(run.directions.length).toBe(DIRECTIONS.length);
    // no stand-in reaches the result: every design point is a real evaluation
    expect(run.design.every((p) => p.note === undefined && p.x.length > 0)).toBe(true);
  });

  it('a dead design probe keeps the searches out of the results file: resuming it gives the clean run exactly', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dead-resume-')), 'results.jsonl');
    const { executor, probes } = failing(['design:3']);
    const spec = fakeSpec(DIRECTIONS, BUDGETS);
    await runSweep(spec, { executor, probes, resume: openResumeLog(file) });
    const keys = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { key: string }).key);
    expect(keys.sort()).toEqual(Array.from({ length: probes }, (_, i) => `design:${i}`).filter((k) => k !== 'design:3').sort());
    const again = await runSweep(spec, { executor: fakeExecutor(3).executor, probes, resume: openResumeLog(file) });
    expect(again.deadLetters).toBeUndefined();
    expect(again.resumed).toBe(probes - 1);
    expect(JSON.stringify([again.design, again.directions, again.searches])).toBe(JSON.stringify([clean.design, clean.directions, clean.searches]));
  });

  it('the base run (design probe 0) dead: no sweep (SolverError naming it); bad input (InputError) is not a dead letter', async () => {
    await expect(sweep(['design:0'])).rejects.toThrow(/the base run \(design probe 0\) failed after 1 attempt\(s\): boom design:0/);
    const bad = (): Error => new InputError({ source: 'test', field: 'x', value: 1 }, 'bad');
    await expect(sweep(['direction:1'], bad)).rejects.toBeInstanceOf(InputError);
  });

  it('flexJson lists the dead letters (schema-valid) and has no deadLetters key for a clean run', async () => {
    const run = await sweep(['design:5', 'direction:0']);
    const json = flexModelSchema.parse(flexJson([resultOf(run)], [], 'fake'));
    expect(json.deadLetters?.map((l) => l.taskId)).toEqual(['design:5', 'direction:0']);
    expect('deadLetters' in flexModelSchema.parse(flexJson([resultOf(clean)], [], 'fake'))).toBe(false);
  });

  it('adaptive rounds whose every task dies still end within the direction budget', async () => {
    const fake = fakeExecutor(3);
    const executor: TaskExecutor = {
      ...fake.executor,
      run: async (task) => {
        if (task.kind === 'direction' && task.vector !== undefined) throw new Error('adaptive task failed');
        return fake.executor.run(task);
      },
    };
    const spec = fakeSpec(DIRECTIONS, BUDGETS, { axes: [0, 1, 2], directionBudget: 16, volumeTolerance: 0, roundSize: defaultRoundSize(3) });
    const run = await runSweep(spec, { executor, probes: fake.probes });
    expect(run.directions.length).toBe(DIRECTIONS.length);
    expect(run.deadLetters!.length).toBeGreaterThan(0);
    expect(run.directions.length + run.deadLetters!.length).toBeLessThanOrEqual(16);
    expect(run.deadLetters!.every((l) => l.taskId.startsWith('adaptive:') && l.reason === 'adaptive task failed')).toBe(true);
    expect(run.adaptive!.rounds.every((r) => r.directions.length === 0 && r.gapsMw.length === 0)).toBe(true);
  });

  it('a dead start direction in an adaptive sweep keeps its index: the rounds number on after it and do not search it again', async () => {
    const fake = fakeExecutor(3);
    const executor: TaskExecutor = {
      ...fake.executor,
      run: async (task) => {
        if (task.kind === 'direction' && task.direction === 1 && task.vector === undefined) throw new Error('start direction 1 failed');
        return fake.executor.run(task);
      },
    };
    const spec = fakeSpec(DIRECTIONS, BUDGETS, { axes: [0, 1, 2], directionBudget: 14, volumeTolerance: 0, roundSize: defaultRoundSize(3) });
    const run = await runSweep(spec, { executor, probes: fake.probes });
    expect(run.deadLetters).toEqual([{ taskId: 'direction:1', kind: 'direction', direction: 1, attempts: 1, reason: 'start direction 1 failed' }]);
    const adaptiveTasks = fake.tasks.filter((t) => t.kind === 'direction' && t.vector !== undefined);
    expect(adaptiveTasks.map((t) => (t.kind === 'direction' ? t.direction : -1))).toEqual(adaptiveTasks.map((_, i) => DIRECTIONS.length + i));
    const dead = DIRECTIONS[1].join(',');
    expect(run.directions.some((a) => a.join(',') === dead)).toBe(false);
    expect(run.directions.length + 1).toBeLessThanOrEqual(14);
  });

  it('property: any set of dead tasks (base excepted), any finishing order: the rest equal the clean run, the dead are listed once', async () => {
    const probes = fakeExecutor(3).probes;
    const keys = [...Array.from({ length: probes - 1 }, (_, i) => `design:${i + 1}`), ...DIRECTIONS.map((_, d) => `direction:${d}`)];
    await fc.assert(fc.asyncProperty(fc.subarray(keys, { maxLength: 5 }), fc.integer({ min: 0, max: 50 }), async (dead, seed) => {
      const { executor } = failing(dead, undefined, seed);
      const run = await runSweep(fakeSpec(DIRECTIONS, BUDGETS), { executor, probes });
      expect((run.deadLetters ?? []).map((l) => l.taskId).sort()).toEqual([...dead].sort());
      const deadProbes = new Set(dead.filter((k) => k.startsWith('design:')).map((k) => Number(k.split(':')[1])));
      expect(JSON.stringify(run.design)).toBe(JSON.stringify(clean.design.filter((_, i) => !deadProbes.has(i))));
      const alive = DIRECTIONS.map((_, d) => d).filter((d) => !dead.includes(`direction:${d}`));
      expect(JSON.stringify(run.directions)).toBe(JSON.stringify(alive.map((d) => clean.directions[d])));
      // with the whole design the searches are the clean run's (a dead probe changes their input)
      if (deadProbes.size === 0) expect(JSON.stringify(run.searches)).toBe(JSON.stringify(alive.map((d) => clean.searches[d])));
      else expect(run.searches.length).toBe(alive.length);
    }), { numRuns: 20, seed: 15 });
  });
});
