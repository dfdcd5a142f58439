/**
 * One unit of sweep work — a design probe or one direction's search — run the
 * same way in-process and in a worker thread.
 */
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { EvaluatedPoint, FlexEvaluation, FlexEvaluator, FullBook } from '../search/flexEvaluation.js';
import { shareableBase, type BaseWarmStart } from '../search/cosimEvaluator.js';
import { componentKey, modelCandidates, searchDirection, type DirectionSearch } from '../search/searchDirection.js';
import { expandCoupons, fullBookCoupons, type CouponWindow } from '../search/couponWindow.js';
import type { DesignProbe } from '../search/designPoints.js';
import type { CouponBook } from '../../sim/index.js';
import type { FlexProblem } from './flexProblem.js';
import { leaseProblem, retireProblems } from './problemCache.js';
import type { SweepSpec } from './sweepSpec.js';

/**
 * A task: evaluate design probe `probe` — or, with `x`, that coupon vector (a direction's
 * candidate, {@link directionCandidates}, run ahead of its search; `probe` is then the direction's
 * index, for labels only); or search direction `direction` given the design's evaluations —
 * `spec.directions[direction]`, or `vector` for a direction added by an adaptive round — reusing
 * `prefetched` evaluations where the search asks for the same coupon book.
 */
export type FlexTask =
  | { readonly kind: 'design'; readonly spec: SweepSpec; readonly probe: number; readonly x?: readonly number[] }
  | {
    readonly kind: 'direction';
    readonly spec: SweepSpec;
    readonly direction: number;
    readonly design: readonly EvaluatedPoint[];
    /** The direction (unit, full station space) when it is not in `spec.directions`. */
    readonly vector?: readonly number[];
    /** Points evaluated ahead (design tasks with `x`): the search takes them instead of running the same book. */
    readonly prefetched?: readonly EvaluatedPoint[];
  }
  | {
    /** A checked book (src/flex/books): run a full coupon book, outside the reduced basis. */
    readonly kind: 'book';
    readonly spec: SweepSpec;
    /** The book's index in its check (labels and placement only). */
    readonly index: number;
    readonly book: FullBook;
    /**
     * Fit to this budget, ¥ (random books): while a run's subsidy exceeds it, scale the whole book
     * by 0.95 × budget / subsidy × the next of `scaleDraws` and run it again (at most once per draw).
     */
    readonly fitBudgetYuan?: number;
    readonly scaleDraws?: readonly number[];
  };

/**
 * What a task returns (JSON-serializable), with the co-simulation runs it cost (the per-thread base run excluded)
 * and, not part of the deterministic result, timing: `wallMs` of the task (its thread's problem preparation
 * included), `prepareMs` the part of it spent preparing the problem (scenario, network, OPF models) when this
 * task was the one that prepared it; in one thread the base equilibrium is solved by the first evaluation, inside
 * that task's `wallMs`. On a pool the base is solved once by a `base` task, beside `prepare` tasks on the other
 * threads: the spec's first result carries their wall time summed (`setupMs`). On a pool thread under Linux also
 * the CPU time of the thread for the task (`cpuMs`, from /proc/thread-self/schedstat: this thread only, not V8's
 * shared helper threads; the spec's first result adds the base and prepare tasks').
 */
export type FlexTaskResult = (
  | { readonly kind: 'design'; readonly probe: number; readonly point: EvaluatedPoint; readonly runs: number }
  | { readonly kind: 'direction'; readonly direction: number; readonly search: DirectionSearch; readonly runs: number }
  /** `point`: the book's last run (with its `book`: after fitting, the scaled book). */
  | { readonly kind: 'book'; readonly index: number; readonly point: EvaluatedPoint; readonly runs: number }
) & { readonly wallMs?: number; readonly prepareMs?: number; readonly setupMs?: number; readonly cpuMs?: number };

/**
 * What a pool thread runs: a sweep task, with the spec's base equilibrium when the pool has
 * shared it (`warmStart`, or `sharedBase`: the same, serialized once into shared memory by
 * {@link sharedWarmStart}, so handing it to a task copies nothing and a thread that has its
 * base already never reads it), the `base` task that solves it, or `prepare` (build the thread's
 * problem of the spec, while another thread solves the base; see `taskExecutor`).
 */
export type PoolTask =
  | (FlexTask & { readonly warmStart?: BaseWarmStart; readonly sharedBase?: SharedArrayBuffer })
  | { readonly kind: 'base'; readonly spec: SweepSpec }
  | { readonly kind: 'prepare'; readonly spec: SweepSpec };

/**
 * Result of a {@link PoolTask}: a task's result, or the base equilibrium to share (`shareableBase`; none for
 * `prepare`) with the thread's wall and CPU time.
 */
export type PoolTaskResult =
  | FlexTaskResult
  | { readonly kind: 'base' | 'prepare'; readonly warmStart: BaseWarmStart | undefined; readonly wallMs: number; readonly cpuMs?: number };

/**
 * CPU time of the calling thread so far, ms (Linux: /proc/thread-self/schedstat, ns); undefined
 * where that file does not exist. Unlike `process.cpuUsage()` it counts this thread alone, so a
 * pool thread can time its own tasks while other threads run.
 *
 * @example
 * const c0 = threadCpuMs(); work(); const used = c0 === undefined ? undefined : threadCpuMs()! - c0;
 */
export function threadCpuMs(): number | undefined {
  if (noSchedstat) return undefined;
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
  } catch {
    noSchedstat = true;
    return undefined;
  }
}
let noSchedstat = false;

// Problems of this thread whose evaluator has its base (solved or adopted): no warm start to read.
const based = new WeakSet<FlexProblem>();

/**
 * A base warm start serialized once into shared memory, for every pool task of the spec
 * (`PoolTask.sharedBase`): posting a `SharedArrayBuffer` to a thread copies nothing, and only a
 * thread without a base deserializes it (the same V8 serializer as a structured clone, so the
 * adopted warm start is the same).
 *
 * @example
 * const sharedBase = sharedWarmStart(warmStart); pool.run({ ...task, sharedBase });
 */
export function sharedWarmStart(warmStart: BaseWarmStart): SharedArrayBuffer {
  const bytes = serialize(warmStart);
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * Run a pool task in this thread.
 *
 * - `base`: solve the spec's base equilibrium (once per thread) and return it without its
 *   loading checkpoint (`shareableBase`), for the pool to hand to every other thread.
 * - `prepare`: only build this thread's problem of the spec (a no-op when built already).
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
  const cpu0 = threadCpuMs();
  const cpuMs = (): number | undefined => (cpu0 === undefined ? undefined : threadCpuMs()! - cpu0);
  const lease = await leaseProblem(task.spec);
  const { problem, prepareMs } = lease;
  try {
    if (task.kind === 'base' || task.kind === 'prepare') {
      const own = task.kind === 'base' ? await problem.evaluator.base() : undefined;
      if (task.kind === 'base') based.add(problem);
      const warmStart = own === undefined ? undefined : shareableBase(own);
      return { kind: task.kind, warmStart, wallMs: performance.now() - began, cpuMs: cpuMs() };
    }
    if (!based.has(problem) && (task.warmStart !== undefined || task.sharedBase !== undefined)) {
      problem.evaluator.adoptBase(task.warmStart ?? (deserialize(new Uint8Array(task.sharedBase!)) as BaseWarmStart));
      based.add(problem);
    }
    const result = await runOn(task, problem, began, prepareMs);
    return { ...result, cpuMs: cpuMs() };
  } finally {
    lease.release();
  }
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
  const lease = await leaseProblem(task.spec);
  try {
    return await runOn(task, lease.problem, began, lease.prepareMs);
  } finally {
    lease.release();
  }
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
    const x = task.x ?? problem.probes[task.probe].x;
    const e = await evaluate(expandCoupons(problem.window, x));
    return timed({ kind: 'design', probe: task.probe, point: { ...e, x: [...x] }, runs });
  }
  if (task.kind === 'book') return timed({ kind: 'book', index: task.index, point: await runBook(evaluate, task), runs });
  // A prefetched point stands for a run of exactly its coupon book (evaluations are deterministic).
  const ahead = new Map<string, FlexEvaluation>();
  for (const p of task.prefetched ?? []) {
    const { x, ...evaluation } = p;
    ahead.set(bookKey(expandCoupons(problem.window, x)), evaluation);
  }
  const searchEvaluate: FlexEvaluator = ahead.size === 0 ? evaluate : (book) => {
    const known = ahead.get(bookKey(book));
    return known === undefined ? evaluate(book) : Promise.resolve(known);
  };
  const search = await searchDirection(
    searchEvaluate,
    problem.window,
    task.vector ?? task.spec.directions[task.direction],
    task.spec.budgetsYuan,
    { probes: problem.probes, evaluated: task.design },
    task.spec.controls,
  );
  return timed({ kind: 'direction', direction: task.direction, search, runs });
}

/** Run a checked book, scaled down to its fit budget while over it (one more run per scale draw at most). */
async function runBook(evaluate: FlexEvaluator, task: Extract<FlexTask, { kind: 'book' }>): Promise<EvaluatedPoint> {
  let book = task.book;
  let e = await evaluate(fullBookCoupons(book));
  for (const draw of task.fitBudgetYuan === undefined ? [] : task.scaleDraws ?? []) {
    if (e.subsidyYuan <= task.fitBudgetYuan!) break;
    const f = ((0.95 * task.fitBudgetYuan!) / e.subsidyYuan) * draw;
    book = { chargeYuanPerKWh: book.chargeYuanPerKWh.map((v) => v * f), v2gYuanPerVisit: book.v2gYuanPerVisit.map((v) => v * f) };
    e = await evaluate(fullBookCoupons(book));
  }
  return { ...e, x: [], book };
}

/** Exact identity of a coupon book (every value, bit for bit via its shortest round-trip text). */
function bookKey(book: CouponBook): string {
  return `${Array.from(book.chargeYuanPerKWh).join(',')}|${Array.from(book.v2gYuanPerVisit).join(',')}`;
}

/**
 * The coupon vectors a direction's search evaluates first, one per budget (`searchDirection`,
 * step 3: the greedy model candidate, which depends on the design alone), without repeats (to
 * 12 significant digits, as the search dedupes). A sweep runs them ahead as design tasks with `x`,
 * in parallel, so the search itself — a chain of dependent runs — is shorter.
 *
 * @param window - the spec's coupon window
 * @param probes - its design probes (base first)
 * @param design - their evaluations, same order
 * @param direction - unit vector a (full station space)
 * @param budgetsYuan - ascending budgets
 * @example
 * directionCandidates(window, probes, design, [1, 0, 0], [1000, 2000]).length; // ≤ 2
 */
export function directionCandidates(
  window: CouponWindow,
  probes: readonly DesignProbe[],
  design: readonly EvaluatedPoint[],
  direction: readonly number[],
  budgetsYuan: readonly number[],
): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const x of modelCandidates(window, { probes, evaluated: design }, direction, budgetsYuan)) {
    const key = componentKey(x);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(x);
  }
  return out;
}

/**
 * Release every problem prepared in this thread (`retireProblems`): each is disposed now, or once
 * the tasks still running on it are done; a later task builds its problem anew. Another study
 * running in this thread at the time keeps correct results but rebuilds its problem (and base)
 * for its next task.
 *
 * @example
 * const ex = { run: runFlexTask, close: disposeFlexTasks }; // the in-thread executor
 */
export async function disposeFlexTasks(): Promise<void> {
  await retireProblems();
}
