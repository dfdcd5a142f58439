/**
 * Run the rotating-hyperplane sweep of one spec (docs/model.md §5 "Sweep"):
 * design probes, then one boundary search per direction, in parallel, resumable.
 */
import type { EvaluatedPoint } from '../search/flexEvaluation.js';
import type { DirectionSearch } from '../search/searchDirection.js';
import type { ResumeLog } from './resumeLog.js';
import type { FlexTask, FlexTaskResult } from './flexTask.js';
import type { SweepSpec } from './sweepSpec.js';
import type { TaskExecutor } from './taskExecutor.js';
import { probeCount } from './probeCount.js';

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  readonly executor: TaskExecutor;
  /** Results file: tasks found there are not run again; finished tasks are appended. */
  readonly resume?: ResumeLog;
  /** Called after each task with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Raw sweep output: every evaluated point, by task. */
export interface SweepRun {
  readonly spec: SweepSpec;
  /** Design probe evaluations (base first). */
  readonly design: EvaluatedPoint[];
  /** One search per direction (spec order). */
  readonly searches: DirectionSearch[];
  /** Co-simulation runs done by this call (0 for tasks taken from the results file); per task kind. */
  readonly runs: { readonly design: number; readonly search: number };
  /** Tasks taken from the results file. */
  readonly resumed: number;
}

/**
 * Run a sweep.
 *
 * 1. Design: every probe (base + single coupons) as its own task, all in parallel.
 * 2. Directions: one task per direction (its budgets in ascending order inside the
 *    task, each seeded with the smaller budget's best), all in parallel.
 * 3. Results are placed by task index, never by finishing order, and every task
 *    warm-starts from the same base equilibrium: the output is the same for any
 *    worker count and scheduling.
 *
 * @param spec - the problem
 * @param options - {@link RunSweepOptions}
 * @example
 * const run = await runSweep(spec, { executor: taskExecutor(2) });
 */
export async function runSweep(spec: SweepSpec, options: RunSweepOptions): Promise<SweepRun> {
  const { executor, resume, onProgress } = options;
  const probes = probeCount(spec);
  const total = probes + spec.directions.length;
  let done = 0;
  let resumed = 0;
  const runs = { design: 0, search: 0 };
  const exec = async (task: FlexTask, key: string): Promise<FlexTaskResult> => {
    const stored = resume?.get(spec, key);
    let result: FlexTaskResult;
    if (stored) {
      result = stored;
      resumed++;
    } else {
      result = await executor.run(task);
      if (result.kind === 'design') runs.design += result.runs;
      else runs.search += result.runs;
      resume?.put(spec, key, result);
    }
    onProgress?.(++done, total);
    return result;
  };
  const designResults = await Promise.all(
    Array.from({ length: probes }, (_, i) => exec({ kind: 'design', spec, probe: i }, `design:${i}`)),
  );
  const design = designResults.map((r) => (r.kind === 'design' ? r.point : unreachable()));
  const searchResults = await Promise.all(
    spec.directions.map((_, d) => exec({ kind: 'direction', spec, direction: d, design }, `direction:${d}`)),
  );
  const searches = searchResults.map((r) => (r.kind === 'direction' ? r.search : unreachable()));
  return { spec, design, searches, runs, resumed };
}

function unreachable(): never {
  throw new Error('flex/runSweep: task result of the wrong kind');
}
