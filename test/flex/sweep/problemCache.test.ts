/**
 * The thread's cache of prepared sweep problems (src/flex/sweep/problemCache.ts behind `runFlexTask`)
 * is invisible in results: a task in a process that ran other specs, failed builds, edited files or
 * closed executors before gets exactly what a problem built for it alone gives. References come from
 * `buildFlexProblem` directly (no cache), on the reduced reference scenario.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import type { EvaluatedPoint } from '../../../src/flex/search/flexEvaluation.ts';
import { buildFlexProblem } from '../../../src/flex/sweep/flexProblem.ts';
import { disposeFlexTasks, runFlexTask, runPoolTask } from '../../../src/flex/sweep/flexTask.ts';
import { cachedProblemCount, MAX_IDLE_PROBLEMS, problemKey } from '../../../src/flex/sweep/problemCache.ts';
import { checkFlexStudyOptions } from '../../../src/flex/sweep/runFlexStudy.ts';
import type { SweepSpec } from '../../../src/flex/sweep/sweepSpec.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';

// Reference network, feeder and stations; 2 intervals of 10 min and a 1-h tail, 60-s loading steps (small and
// fast: what is checked is that the cache is invisible, not the physics).
const SMALL = ['horizon.intervals=2', 'horizon.stepSec=60', 'horizon.clearanceMin=60', 'demand.profile=[0.9,1]', 'feeder.loadScale=0.9'];
const REFERENCE_TEXT = readFileSync(readScenarioFile().file, 'utf8');

/** A copy of the reference scenario in a folder of its own, `edit`ed; returns its path. */
function scenarioCopy(edit: (s: Record<string, unknown>) => void = () => {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'problem-cache-')), 'scenario.json');
  writeScenario(file, edit);
  return file;
}

function writeScenario(file: string, edit: (s: Record<string, unknown>) => void = () => {}): void {
  const s = JSON.parse(REFERENCE_TEXT) as Record<string, unknown>;
  delete s.$schema;
  edit(s);
  writeFileSync(file, JSON.stringify(s));
}

/** A hand-made spec (no `scenarioHash`, as a library user may pass to `runFlexTask`). */
function handSpec(file: string, levels: readonly number[] = [1]): SweepSpec {
  const [checked] = checkFlexStudyOptions({ scenarioFile: file, overrides: SMALL, timeIndex: 1, stations: ['CS3'], lookbackIntervals: 1, blocks: 1, span: 'window', levels });
  const { scenarioHash: _hash, ...spec } = checked;
  return spec;
}

/** Design probe `probe` of `spec` evaluated on a problem built for it alone (no cache), as `runFlexTask` reports it. */
async function referencePoint(spec: SweepSpec, probe: number): Promise<EvaluatedPoint> {
  const problem = await buildFlexProblem(spec);
  try {
    const x = problem.probes[probe].x;
    return { ...(await problem.evaluator.evaluate(expandCoupons(problem.window, x))), x: [...x] };
  } finally {
    problem.prepared.dispose();
  }
}

async function cachedPoint(spec: SweepSpec, probe: number): Promise<{ point: EvaluatedPoint; prepareMs?: number }> {
  const r = await runFlexTask({ kind: 'design', spec, probe });
  if (r.kind !== 'design') throw new Error('expected a design result');
  return { point: r.point, prepareMs: r.prepareMs };
}

const setShare = (share: number) => (s: Record<string, unknown>): void => {
  (s.classes as Record<string, unknown>).chargingShare = share;
};

describe('prepared-problem cache behind runFlexTask (results bit for bit as a problem built alone)', () => {
  afterEach(async () => {
    await disposeFlexTasks();
  });

  it('should build a new problem when a hand-made spec\'s scenario file was edited (no stale problem)', async () => {
    const file = scenarioCopy();
    const spec = handSpec(file);
    const before = await cachedPoint(spec, 1);
    writeScenario(file, setShare(0.3));
    const edited = await referencePoint(spec, 1);
    // the edit matters: more charging vehicles, another load at t*
    expect(edited.netMw).not.toEqual(before.point.netMw);
    expect((await cachedPoint(spec, 1)).point).toEqual(edited);
  }, 60_000);

  it('should forget a failed build: disposeFlexTasks resolves, nothing stays cached, and the spec builds once its file is fixed', async () => {
    const good = handSpec(scenarioCopy());
    await runPoolTask({ kind: 'prepare', spec: good });
    expect(cachedProblemCount()).toBe(1);
    const file = scenarioCopy();
    const spec = handSpec(file);
    writeFileSync(file, '{ "name": ');
    await expect(runFlexTask({ kind: 'design', spec, probe: 0 })).rejects.toThrow(InputError);
    await expect(disposeFlexTasks()).resolves.toBeUndefined();
    expect(cachedProblemCount()).toBe(0);
    writeScenario(file);
    const fixed = await cachedPoint(spec, 1);
    expect(fixed.point).toEqual(await referencePoint(spec, 1));
    // after the close, the good spec's next task builds its problem again (it was disposed, not reused)
    expect((await cachedPoint(good, 0)).prepareMs).toBeDefined();
  }, 60_000);

  it('should let a task that runs while the cache is retired finish on a working problem, then build anew', async () => {
    const spec = handSpec(scenarioCopy());
    const running = cachedPoint(spec, 1);
    await disposeFlexTasks();
    const first = await running;
    expect(cachedProblemCount()).toBe(0);
    const again = await cachedPoint(spec, 1);
    expect(again.prepareMs).toBeDefined();
    expect(again.point).toEqual(first.point);
    expect(first.point).toEqual(await referencePoint(spec, 1));
  }, 60_000);

  it(`should keep at most ${MAX_IDLE_PROBLEMS} idle problems per thread, and give the evicted spec's task its own result`, async () => {
    const file = scenarioCopy();
    // MAX + 2 problems (probe levels differ), prepared only: no co-simulation run
    const specs = Array.from({ length: MAX_IDLE_PROBLEMS + 2 }, (_, i) => handSpec(file, [1 / (i + 2)]));
    for (const spec of specs) await runPoolTask({ kind: 'prepare', spec });
    expect(cachedProblemCount()).toBe(MAX_IDLE_PROBLEMS);
    const evicted = await cachedPoint(specs[0], 1);
    expect(evicted.prepareMs).toBeDefined();
    expect(evicted.point).toEqual(await referencePoint(specs[0], 1));
  }, 60_000);
});

describe('problemKey', () => {
  const spec = handSpec(scenarioCopy());
  const hashed: SweepSpec = { ...spec, scenarioHash: 'a'.repeat(64) };

  it('should be the same for specs that differ only in directions, budgets and search controls (property, 100 cases)', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }), { maxLength: 4 }),
      fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 0, max: 4 }),
      (directions, budgetsYuan, refineSteps) => {
        const other: SweepSpec = { ...hashed, directions, budgetsYuan, controls: { ...hashed.controls, refineSteps } };
        expect(problemKey(other)).toBe(problemKey(hashed));
      },
    ));
  });

  it('should differ when the scenario content, overrides, model, t*, window, levels, STA interval, shed tolerance or size-limit override differ', () => {
    const variants: SweepSpec[] = [
      { ...hashed, scenarioHash: 'b'.repeat(64) },
      { ...hashed, overrides: [...hashed.overrides, 'feeder.loadScale=1'] },
      { ...hashed, model: 'sta' },
      { ...hashed, timeIndex: 2 },
      { ...hashed, window: { ...hashed.window, blocks: 2 } },
      { ...hashed, levels: [0.5] },
      { ...hashed, staIntervalMin: 20 },
      { ...hashed, shedToleranceMw: 1e-3 },
      { ...hashed, allowLarge: true },
    ];
    const keys = new Set([hashed, ...variants].map(problemKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it('should hash a hand-made spec\'s scenario files: an edit changes the key, the same content in place gives the same key', () => {
    const file = scenarioCopy();
    const own = handSpec(file);
    const key = problemKey(own);
    writeScenario(file);
    expect(problemKey(own)).toBe(key);
    writeScenario(file, setShare(0.25));
    expect(problemKey(own)).not.toBe(key);
  });
});
