/**
 * The sweep's result does not depend on where its tasks run: in this thread, on a pool of two
 * threads that share one base equilibrium, or on a pool whose threads each solve their own.
 * Real co-simulation (reduced reference scenario), compared byte for byte, timing fields excepted.
 */
import { describe, expect, it } from 'vitest';
import { runFlexStudy, type FlexStudyOptions } from '../../../src/flex/sweep/runFlexStudy.ts';
import type { FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';

// Reference network, feeder and stations; 4 intervals of 10 min, 60-s loading steps (as in runFlexStudy.test.ts).
const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'];

const OPTIONS: FlexStudyOptions = {
  overrides: SMALL,
  timeIndex: 3,
  budgetsYuan: [300, 1000],
  stations: ['CS1', 'CS3'],
  directions: [[1, 0], [-1, 0], [0, 1], [0, -1]],
  lookbackIntervals: 1,
  blocks: 1,
  span: 'window',
  levels: [0.25],
  controls: { refineSteps: 1, fitSteps: 2 },
  outerBound: false,
};

/** The result without the fields that measure time (wall and task times). */
function withoutTiming(r: FlexModelResult): string {
  const { wallMs: _wall, run, ...rest } = r;
  const { taskMs: _tasks, ...runRest } = run;
  return JSON.stringify({ ...rest, run: runRest });
}

const LONG = process.env.EV_COSIM_LONG === '1';

describe('sweep determinism across executors', () => {
  it('should give byte-identical results (timing excepted) in this thread and on 2 threads sharing one base equilibrium', async () => {
    const [inThread] = await runFlexStudy({ ...OPTIONS, workers: 1 });
    const [shared] = await runFlexStudy({ ...OPTIONS, workers: 2 });
    // a sweep that did something: several distinct points, and co-simulation runs
    expect(inThread.run.runs.design + inThread.run.runs.search).toBeGreaterThan(8);
    expect(new Set(inThread.run.searches.flatMap((s) => s.evaluated.map((p) => p.netMw.join(',')))).size).toBeGreaterThan(3);
    expect(shared.run.runs).toEqual(inThread.run.runs);
    expect(withoutTiming(shared)).toBe(withoutTiming(inThread));
  }, 600_000);

  it.skipIf(!LONG)('should give the same on 2 threads that each solve their own base, V8 default heap (EV_COSIM_LONG)', async () => {
    const [inThread] = await runFlexStudy({ ...OPTIONS, workers: 1 });
    const [own] = await runFlexStudy({ ...OPTIONS, workers: 2, executorOptions: { shareBase: false, youngGenerationMb: 0 } });
    expect(withoutTiming(own)).toBe(withoutTiming(inThread));
  }, 600_000);
});
