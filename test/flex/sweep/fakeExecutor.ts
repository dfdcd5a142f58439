/**
 * A task executor on the fake response (test fixture): the real design probes and
 * boundary search, `fakeEvaluator` in place of the co-simulation, and tasks that finish
 * in a scrambled order (seeded delays) to stand in for a worker pool.
 */
import { couponWindow, expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { designProbes } from '../../../src/flex/search/designPoints.ts';
import { searchDirection } from '../../../src/flex/search/searchDirection.ts';
import type { FlexTask, FlexTaskResult } from '../../../src/flex/sweep/flexTask.ts';
import type { SweepSpec } from '../../../src/flex/sweep/sweepSpec.ts';
import type { TaskExecutor } from '../../../src/flex/sweep/taskExecutor.ts';
import { fakeEvaluator } from '../fakeResponse.ts';

/** Fake executor for n stations, 12 intervals, t* = 6; `seed` scrambles finishing order (0 = in order). */
export function fakeExecutor(n: number, seed = 0) {
  const fake = fakeEvaluator(n, 12, 6);
  // the first version's basis and levels (2 fine blocks; 0.25 and 1), which the fake's figures in docs/flexibility.md use
  const window = couponWindow({ stations: n, intervals: 12, timeIndex: 6, blocks: 2 });
  const probes = designProbes(window, [0.25, 1]);
  let state = seed;
  const delayMs = (): number => {
    if (seed === 0) return 0;
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % 5;
  };
  const tasks: FlexTask[] = [];
  const executor: TaskExecutor = {
    concurrency: 2,
    run: async (task: FlexTask): Promise<FlexTaskResult> => {
      tasks.push(task);
      await new Promise((resolve) => setTimeout(resolve, delayMs()));
      let runs = 0;
      const evaluate = (book: Parameters<typeof fake.evaluate>[0]) => {
        runs++;
        return fake.evaluate(book);
      };
      if (task.kind === 'design') {
        const probe = probes[task.probe];
        return { kind: 'design', probe: task.probe, point: { ...(await evaluate(expandCoupons(window, probe.x))), x: [...probe.x] }, runs };
      }
      if (task.kind === 'book') {
        const book = { chargeYuanPerKWh: Float64Array.from(task.book.chargeYuanPerKWh), v2gYuanPerVisit: Float64Array.from(task.book.v2gYuanPerVisit) };
        return { kind: 'book', index: task.index, point: { ...(await evaluate(book)), x: [], book: task.book }, runs };
      }
      const a = task.vector ?? task.spec.directions[task.direction];
      const search = await searchDirection(evaluate, window, a, task.spec.budgetsYuan, { probes, evaluated: task.design }, task.spec.controls);
      return { kind: 'direction', direction: task.direction, search, runs };
    },
    close: async () => undefined,
  };
  return { executor, probes: probes.length, window, calls: fake.calls, tasks };
}

/** A spec for the fake executor (the scenario file is never read: pass `probes` to runSweep). */
export function fakeSpec(directions: number[][], budgetsYuan: number[], adaptive?: SweepSpec['adaptive']): SweepSpec {
  return {
    scenarioFile: '/scenarios/fake.json', overrides: [], model: 'dta', timeIndex: 6, window: {}, levels: [0.25, 1],
    controls: { fitSteps: 3, refineSteps: 1 }, directions, budgetsYuan, adaptive,
  };
}
