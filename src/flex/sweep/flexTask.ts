/**
 * One unit of sweep work — a design probe or one direction's search — run the
 * same way in-process and in a worker thread.
 */
import type { EvaluatedPoint, FlexEvaluator } from '../search/flexEvaluation.js';
import { shareableBase, type BaseWarmStart } from '../search/cosimEvaluator.js';
import { searchDirection, type DirectionSearch } from '../search/searchDirection.js';
import { expandCoupons } from '../search/couponWindow.js';
import { buildFlexProblem, type FlexProblem } from './flexProblem.js';
import { specFingerprint, type SweepSpec } from './sweepSpec.js';

/**
 * A task: evaluate design probe `probe`, or search direction `direction` given the design's
 * evaluations — `spec.directions[direction]`, or `vector` for a direction added by an adaptive round.
 */
export type FlexTask =
  | { readonly kind: 'design'; readonly spec: SweepSpec; readonly probe: number }
  | {
    readonly kind: 'direction';
    readonly spec: SweepSpec;
    readonly direction: number;
    readonly design: readonly EvaluatedPoint[];
    /** The direction (unit, full station space) when it is not in `spec.directions`. */
    readonly vector?: readonly number[];
  };

/**
 * What a task returns (JSON-serializable), with the co-simulation runs it cost (the per-thread base run excluded)
 * and, not part of the deterministic result, its wall time and the time this thread spent preparing the problem
 * (scenario, network, OPF models) when this task was the one that prepared it (in one thread the base equilibrium
 * is solved by the first evaluation, inside that task's `wallMs`; on a pool it is solved once by a `base` task,
 * whose time the pool adds to the `prepareMs` of the spec's first result).
 */
export type FlexTaskResult = (
  | { readonly kind: 'design'; readonly probe: number; readonly point: EvaluatedPoint; readonly runs: number }
  | { readonly kind: 'direction'; readonly direction: number; readonly search: DirectionSearch; readonly runs: number }
) & { readonly wallMs?: number; readonly prepareMs?: number };

/**
 * What a pool thread runs: a sweep task, with the spec's base equilibrium when the pool has
 * shared it (`warmStart`), or the `base` task that solves it (see `taskExecutor`).
 */
export type PoolTask =
  | (FlexTask & { readonly warmStart?: BaseWarmStart })
  | { readonly kind: 'base'; readonly spec: SweepSpec };

/** Result of a {@link PoolTask}: a task's result, or the base equilibrium to share (`shareableBase`) and the thread's time. */
export type PoolTaskResult = FlexTaskResult | { readonly kind: 'base'; readonly warmStart: BaseWarmStart | undefined; readonly wallMs: number };

// One prepared problem per spec per thread: the base run and the OPF models are reused by every task.
const problems = new Map<string, Promise<FlexProblem>>();

/** The thread's problem of a spec (built on first use) and the time spent building it here, if this call built it. */
async function problemOf(spec: SweepSpec): Promise<{ problem: FlexProblem; prepareMs?: number }> {
  const key = specFingerprint(spec);
  const pending = problems.get(key);
  if (pending) return { problem: await pending };
  const began = performance.now();
  const building = buildFlexProblem(spec);
  problems.set(key, building);
  const problem = await building;
  return { problem, prepareMs: performance.now() - began };
}

/**
 * Run a pool task in this thread.
 *
 * - `base`: solve the spec's base equilibrium (once per thread) and return it without its
 *   loading checkpoint (`shareableBase`), for the pool to hand to every other thread.
 * - a sweep task with `warmStart`: adopt it as this thread's base unless the thread has one
 *   already (no base run here), then {@link runFlexTask}.
 *
 * @param task - {@link PoolTask}
 * @example
 * const { warmStart } = await runPoolTask({ kind: 'base', spec }) as { warmStart: BaseWarmStart };
 * await runPoolTask({ kind: 'design', spec, probe: 3, warmStart });
 */
export async function runPoolTask(task: PoolTask): Promise<PoolTaskResult> {
  const began = performance.now();
  const { problem, prepareMs } = await problemOf(task.spec);
  if (task.kind === 'base') {
    const own = await problem.evaluator.base();
    const warmStart = own === undefined ? undefined : shareableBase(own);
    return { kind: 'base', warmStart, wallMs: performance.now() - began };
  }
  if (task.warmStart !== undefined) problem.evaluator.adoptBase(task.warmStart);
  return runOn(task, problem, began, prepareMs);
}

/**
 * Run one task.
 *
 * 1. Get (or build once per thread) the spec's problem; its evaluator runs the base
 *    equilibrium once and warm-starts every run from it, so the result of a task
 *    does not depend on which thread runs it or what it ran before.
 * 2. `design`: evaluate the probe's coupons. `direction`: `searchDirection` over
 *    the spec's budgets.
 *
 * @param task - {@link FlexTask}
 * @example
 * const r = await runFlexTask({ kind: 'design', spec, probe: 0 });
 */
export async function runFlexTask(task: FlexTask): Promise<FlexTaskResult> {
  const began = performance.now();
  const { problem, prepareMs } = await problemOf(task.spec);
  return runOn(task, problem, began, prepareMs);
}

async function runOn(task: FlexTask, problem: FlexProblem, began: number, prepareMs: number | undefined): Promise<FlexTaskResult> {
  const timed = <T extends FlexTaskResult>(result: T): T => ({ ...result, wallMs: performance.now() - began, prepareMs });
  // Count this task's own runs (tasks may interleave in one thread); the base run of
  // each thread's problem is not attributed to any task.
  let runs = 0;
  const evaluate: FlexEvaluator = (book) => {
    runs++;
    return problem.evaluator.evaluate(book);
  };
  if (task.kind === 'design') {
    const probe = problem.probes[task.probe];
    const e = await evaluate(expandCoupons(problem.window, probe.x));
    return timed({ kind: 'design', probe: task.probe, point: { ...e, x: [...probe.x] }, runs });
  }
  const search = await searchDirection(
    evaluate,
    problem.window,
    task.vector ?? task.spec.directions[task.direction],
    task.spec.budgetsYuan,
    { probes: problem.probes, evaluated: task.design },
    task.spec.controls,
  );
  return timed({ kind: 'direction', direction: task.direction, search, runs });
}

/** Release every problem prepared in this thread. */
export async function disposeFlexTasks(): Promise<void> {
  for (const p of problems.values()) (await p).prepared.dispose();
  problems.clear();
}
