/**
 * The sweep's result does not depend on where its tasks run: in this thread, on a pool of one or two
 * threads that share one base equilibrium, or on a pool whose threads each solve their own; nor on
 * whether each direction's candidates run ahead as tasks of their own.
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
  it('should give byte-identical results (timing excepted) in this thread, on 2 threads sharing one base equilibrium, and on 1 thread without candidates run ahead', async () => {
    const [inThread] = await runFlexStudy({ ...OPTIONS, workers: 1 });
    const [shared] = await runFlexStudy({ ...OPTIONS, workers: 2 });
    const [pool1] = await runFlexStudy({ ...OPTIONS, workers: 1, executorOptions: { pool: true }, candidatesAhead: false });
    // a sweep that did something: several distinct points, and co-simulation runs
    expect(inThread.run.runs.design + inThread.run.runs.search).toBeGreaterThan(8);
    expect(new Set(inThread.run.searches.flatMap((s) => s.evaluated.map((p) => p.netMw.join(',')))).size).toBeGreaterThan(3);
    // the candidates ran as tasks of their own (more tasks than the 4 directions), and the searches
    // took their evaluations: as many runs as without them
    expect(inThread.run.taskMs?.phases[1].taskWallMs.length).toBeGreaterThan(4);
    expect(pool1.run.taskMs?.phases[1].taskWallMs.length).toBe(4);
    expect(shared.run.runs).toEqual(inThread.run.runs);
    expect(pool1.run.runs).toEqual(inThread.run.runs);
    expect(withoutTiming(shared)).toBe(withoutTiming(inThread));
    expect(withoutTiming(pool1)).toBe(withoutTiming(inThread));
    // pool threads time their tasks (Linux): the thread CPU of every task is known
    if (process.platform === 'linux') expect(shared.run.taskMs?.cpu).toBeGreaterThan(0);
  }, 600_000);

  it.skipIf(!LONG)('should give the same on 2 threads that each solve their own base, V8 default heap (EV_COSIM_LONG)', async () => {
    const [inThread] = await runFlexStudy({ ...OPTIONS, workers: 1 });
    const [own] = await runFlexStudy({ ...OPTIONS, workers: 2, executorOptions: { shareBase: false, youngGenerationMb: 0 } });
    expect(withoutTiming(own)).toBe(withoutTiming(inThread));
  }, 600_000);
});
