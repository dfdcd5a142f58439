/**
 * Run the rotating-hyperplane sweep of one spec (docs/model.md §5 "Sweep";
 * docs/flexibility.md §4): design probes, one boundary search per starting direction,
 * then adaptive rounds of facet normals, in parallel, resumable.
 */
import { convexHullOf } from '../hull/convexHullOf.js';
import type { HullResult } from '../hull/hullResult.js';
import { refinementDirections } from '../directions/adaptiveDirections.js';
import { InputError } from '../../common/errors.js';
import { admissible, type EvaluatedPoint } from '../search/flexEvaluation.js';
import type { DirectionSearch } from '../search/searchDirection.js';
import type { ResumeLog } from './resumeLog.js';
import { deadLetterOf, designWithHoles, withDeadLetters, type SweepDeadLetter } from './sweepDeadLetters.js';

export type { SweepDeadLetter } from './sweepDeadLetters.js';
import { directionCandidates, type FlexTask, type FlexTaskResult } from './flexTask.js';
import type { SweepSpec } from './sweepSpec.js';
import type { TaskExecutor } from './taskExecutor.js';
import { specProbes } from './probeCount.js';

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  readonly executor: TaskExecutor;
  /** Results file: tasks found there are not run again; finished tasks are appended. */
  readonly resume?: ResumeLog;
  /** Called after each task with (done, total); `total` counts the direction budget for an adaptive sweep. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Outer support h_out(u), MW, for a unit u on the axes (`OuterBound.support`), used to rank
   * the adaptive rounds' candidates by the gap to the inner hull. Without it: by facet size.
   * May be a promise (an outer bound still being built while the design runs), awaited before the first round.
   */
  readonly outerSupport?: OuterSupport | PromiseLike<OuterSupport | undefined>;
  /** Relative flatness tolerance of the hulls the adaptive rounds measure [1e-6]. */
  readonly hullTolerance?: number;
  /** Number of design probes when the executor's problem is not the spec's scenario (test fakes) [`probeCount(spec)`]. */
  readonly probes?: number;
  /** Run each direction's candidates ahead as tasks of their own (same results; shorter chains per task) [true; never with `probes`]. */
  readonly candidatesAhead?: boolean;
}

/** Outer support h_out(u), MW, of a unit u on the axes. */
export type OuterSupport = (u: readonly number[]) => number;

/** Timing of one phase of a sweep (design, start directions, each adaptive round), not part of the deterministic result. */
export interface SweepPhaseTiming {
  readonly phase: string;
  /** From its first task's start to its last task's end, ms. */
  readonly wallMs: number;
  /** Per task run here (results-file tasks left out), in submission order: wall time and its thread's CPU time (null when unknown), ms. */
  readonly taskWallMs: number[];
  readonly taskCpuMs: (number | null)[];
  /** Main-thread computing after the phase before the next one starts (hull, candidate directions, outer LPs), ms. */
  readonly mainMs: number;
}

/** One adaptive round: the directions it added and the largest tier's inner volume after it. */
export interface AdaptiveRound {
  /** Directions added (unit, full station space), searched in this round. */
  readonly directions: number[][];
  /** Gap h_out − h_in (MW) per added direction before the round; null without an outer bound. */
  readonly gapsMw: (number | null)[];
  /** Inner volume of the largest tier (MW^n over the axes, 0 when flat) after the round. */
  readonly innerVolume: number;
  /** Its relative growth in this round (null when it grew from 0). */
  readonly volumeChange: number | null;
}

/** How the adaptive rounds ended. */
export type AdaptiveStop = 'volume-tolerance' | 'direction-budget' | 'no-candidates';

/** Raw sweep output: every evaluated point, by task. */
export interface SweepRun {
  readonly spec: SweepSpec;
  /** Design probe evaluations (base first). */
  readonly design: EvaluatedPoint[];
  /** Every direction searched (unit, full station space): `spec.directions`, then the adaptive rounds'. */
  readonly directions: number[][];
  /** One search per direction (same order as `directions`). */
  readonly searches: DirectionSearch[];
  /** The adaptive rounds (absent for an explicit direction set). */
  readonly adaptive?: {
    /** Inner volume of the largest tier after the starting set, MW^n. */
    readonly startVolume: number;
    readonly rounds: AdaptiveRound[];
    readonly stop: AdaptiveStop;
  };
  /** Co-simulation runs done by this call (0 for tasks taken from the results file); per task kind. */
  readonly runs: { readonly design: number; readonly search: number };
  /** Tasks taken from the results file. */
  readonly resumed: number;
  /**
   * Time of this call's tasks as measured inside the threads (not part of the deterministic result), ms:
   * the sum of task wall times (preparations included), of the problem preparations inside them (one per thread
   * and spec), of a pool's base and prepare tasks (`setup`), of the tasks' thread CPU (`cpu`, null when a task's is
   * unknown), and per phase (`phases`).
   */
  readonly taskMs?: { readonly tasks: number; readonly prepare: number; readonly setup: number; readonly cpu: number | null; readonly phases: SweepPhaseTiming[] };
  /**
   * Tasks that failed for good (dead letters), in task order; absent when every task finished. The sweep went on
   * without them: `design`, `directions` and `searches` hold only the tasks that finished (docs/distributed.md).
   */
  readonly deadLetters?: readonly SweepDeadLetter[];
}


/**
 * Every evaluated point of a sweep: design first, then every direction search's points in
 * direction order (starting set, then the adaptive rounds'), each in evaluation order.
 *
 * @example
 * allEvaluated(run).filter((p) => admissible(p, 2000)).length;
 */
export function allEvaluated(run: Pick<SweepRun, 'design' | 'searches'>): EvaluatedPoint[] {
  const out: EvaluatedPoint[] = [...run.design];
  for (const s of run.searches) out.push(...s.evaluated);
  return out;
}

/**
 * Inner volume per budget: the n-volume over the axes of the hull of every admissible
 * point (0 when flat or with too few points).
 *
 * @example
 * innerVolumes(allEvaluated(run), [0, 1, 2], [1000, 2000]); // [MW³, MW³]
 */
export function innerVolumes(points: readonly EvaluatedPoint[], axes: readonly number[], budgetsYuan: readonly number[], hullTolerance = 1e-6): number[] {
  return budgetsYuan.map((budget) => hullOf(admissibleOnAxes(points, axes, budget), axes.length, hullTolerance).volume);
}

function hullOf(points: readonly (readonly number[])[], n: number, tolerance: number): HullResult {
  return convexHullOf(points.length === 0 ? [] : points, { tolerance });
}

/** Distinct (to 1e-9 MW) coordinates on the axes of the points admissible for a budget, first-seen order. */
function admissibleOnAxes(points: readonly EvaluatedPoint[], axes: readonly number[], budget: number): number[][] {
  const seen = new Set<string>();
  const out: number[][] = [];
  for (const p of points) {
    if (!admissible(p, budget)) continue;
    const c = axes.map((s) => p.netMw[s]);
    const key = c.map((v) => Math.round(v * 1e9)).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/**
 * Run a sweep.
 *
 * 1. Design: every probe (base + single coupons) as its own task, all in parallel.
 * 2. Directions: one task per starting direction (its budgets in ascending order
 *    inside the task, each seeded with the smaller budget's best), all in parallel; for a
 *    real spec its first run per budget (the model's candidate, known from the design) runs
 *    ahead as a task of its own, so the chain of dependent runs per direction is shorter.
 * 3. Adaptive (`spec.adaptive`): rounds of `roundSize` facet normals of the largest
 *    tier's inner hull (`refinementDirections`: largest gap to the outer support first),
 *    searched in parallel, until the largest tier's inner volume grows by less than
 *    `volumeTolerance` in a round, the direction budget is spent, or no candidate is left.
 * 4. Results are placed by task index, never by finishing order, every task
 *    warm-starts from the same base equilibrium, and each round's directions depend only
 *    on earlier results: the output is the same for any worker count and scheduling.
 *
 * @param spec - the problem
 * @param options - {@link RunSweepOptions}
 * @example
 * const run = await runSweep(spec, { executor: taskExecutor(2) });
 */
export async function runSweep(spec: SweepSpec, options: RunSweepOptions): Promise<SweepRun> {
  const { executor, resume, onProgress } = options;
  // A real spec: the window and probes as the workers build them, to run each direction's candidates ahead.
  const real = options.probes === undefined ? specProbes(spec) : undefined;
  const ahead = options.candidatesAhead === false ? undefined : real;
  const probes = options.probes ?? real!.probes.length;
  const adaptive = spec.adaptive;
  const directionTotal = adaptive ? Math.max(adaptive.directionBudget, spec.directions.length) : spec.directions.length;
  let total = probes + directionTotal;
  let done = 0;
  let resumed = 0;
  // With a dead design probe the searches run on an incomplete design: their results are not kept
  // in the results file, so a resumed call searches again once the probe has its evaluation.
  let designIncomplete = false;
  const runs = { design: 0, search: 0 };
  const taskMs = { tasks: 0, prepare: 0, setup: 0, cpu: 0 as number | null, phases: [] as SweepPhaseTiming[] };
  let phase = { phase: 'design', began: performance.now(), ended: performance.now(), taskWallMs: [] as number[], taskCpuMs: [] as (number | null)[] };
  // Close the current phase (its main-thread tail ends now) and open the next one.
  const nextPhase = (name: string): void => {
    const now = performance.now();
    taskMs.phases.push({ phase: phase.phase, wallMs: phase.ended - phase.began, taskWallMs: phase.taskWallMs, taskCpuMs: phase.taskCpuMs, mainMs: now - phase.ended });
    phase = { phase: name, began: now, ended: now, taskWallMs: [], taskCpuMs: [] };
  };
  // `candidate`: a direction's candidate run ahead (a search run, not a step of the progress, not
  // written to the results file: the direction's own line holds it).
  const exec = async (task: FlexTask, key: string, candidate = false): Promise<FlexTaskResult> => {
    const stored = candidate ? undefined : resume?.get(spec, key);
    let result: FlexTaskResult;
    if (stored) {
      result = stored;
      resumed++;
    } else {
      const slot = phase.taskWallMs.length;
      phase.taskWallMs.push(0);
      phase.taskCpuMs.push(null);
      const mine = phase;
      result = await executor.run(task);
      mine.ended = performance.now();
      mine.taskWallMs[slot] = result.wallMs ?? 0;
      mine.taskCpuMs[slot] = result.cpuMs ?? null;
      taskMs.tasks += result.wallMs ?? 0;
      taskMs.prepare += result.prepareMs ?? 0;
      taskMs.setup += result.setupMs ?? 0;
      taskMs.cpu = taskMs.cpu === null || result.cpuMs === undefined ? null : taskMs.cpu + result.cpuMs;
      if (result.kind === 'design' && !candidate) runs.design += result.runs;
      else runs.search += result.runs;
      if (!candidate && !(designIncomplete && result.kind === 'direction')) resume?.put(spec, key, result);
    }
    if (!candidate) onProgress?.(++done, total);
    return result;
  };
  // A task whose run rejects is a dead letter: the sweep goes on without it (bad input ends the sweep).
  const deadLetters: SweepDeadLetter[] = [];
  const tryExec = (task: FlexTask, key: string): Promise<FlexTaskResult | undefined> => exec(task, key).catch((error: unknown) => {
    if (error instanceof InputError) throw error;
    deadLetters.push(deadLetterOf(task, key, error));
    onProgress?.(++done, total);
    return undefined;
  });
  // A direction's search: its candidates first, in parallel (`directionCandidates`), then the search,
  // which takes their evaluations instead of running them again (same points, same order). A candidate
  // that fails is left to the search.
  const search = async (task: Extract<FlexTask, { kind: 'direction' }>, key: string): Promise<FlexTaskResult | undefined> => {
    if (ahead === undefined || resume?.get(spec, key) !== undefined) return tryExec(task, key);
    const xs = directionCandidates(ahead.window, ahead.probes, task.design, task.vector ?? spec.directions[task.direction], spec.budgetsYuan);
    const points = await Promise.all(xs.map((x, k) => exec({ kind: 'design', spec, probe: task.direction, x }, `${key}:candidate:${k}`, true).catch((error: unknown) => {
      if (error instanceof InputError) throw error;
      return undefined;
    })));
    const prefetched = points.flatMap((r) => (r?.kind === 'design' ? [r.point] : []));
    return tryExec({ ...task, prefetched }, key);
  };
  const designResults = await Promise.all(
    Array.from({ length: probes }, (_, i) => tryExec({ kind: 'design', spec, probe: i }, `design:${i}`)),
  );
  // The searches' input keeps a dead probe's place (their response model skips a probe that did not converge).
  const design = designWithHoles(designResults, deadLetters);
  designIncomplete = designResults.includes(undefined);
  nextPhase('start directions');
  const directions = spec.directions.map((a) => [...a]);
  const searchResults = await Promise.all(
    spec.directions.map((_, d) => search({ kind: 'direction', spec, direction: d, design }, `direction:${d}`)),
  );
  // a dead direction is not searched: it leaves `directions` with its search
  for (let d = searchResults.length - 1; d >= 0; d--) if (searchResults[d] === undefined) directions.splice(d, 1);
  const searches = searchResults.filter((r) => r !== undefined).map((r) => (r.kind === 'direction' ? r.search : unreachable()));
  if (!adaptive) {
    nextPhase('');
    return withDeadLetters({ spec, design, directions, searches, runs, resumed, taskMs }, deadLetters);
  }
  const outerSupport = await options.outerSupport;

  const { axes, volumeTolerance, roundSize } = adaptive;
  const budgets = spec.budgetsYuan;
  const largest = budgets[budgets.length - 1];
  const tolerance = options.hullTolerance ?? 1e-6;
  const n = axes.length;
  const onAxes = (a: readonly number[]): number[] => axes.map((s) => a[s]);
  // The largest tier's hull, kept as its vertices: conv(P ∪ Q) = conv(vert P ∪ Q), and a hull
  // in R^6 of hundreds of points takes seconds, so only vertices and new points enter the next one.
  let seen = 0;
  let hullPoints: number[][] = [];
  const grow = (): HullResult => {
    const all = allEvaluated({ design, searches });
    const fresh = admissibleOnAxes(all.slice(seen), axes, largest);
    seen = all.length;
    const candidates = dedupe([...hullPoints, ...fresh]);
    const hull = hullOf(candidates, n, tolerance);
    // Keep every point while the hull is flat (a flat hull's vertices in R^n are not all it needs later).
    hullPoints = hull.affineRank === n ? hull.vertices.map((i) => candidates[i]) : candidates;
    current = hull;
    currentPoints = candidates; // the points `current` indexes
    return hull;
  };
  let current: HullResult;
  let currentPoints: number[][] = [];
  const startVolume = grow().volume;
  let volume = startVolume;
  const rounds: AdaptiveRound[] = [];
  let stop: AdaptiveStop = 'direction-budget';
  // dead directions (start set and rounds) count against the budget, keep their index and are not proposed again in this call
  const deadDirections: number[][] = spec.directions.filter((_, d) => searchResults[d] === undefined).map((a) => [...a]);
  while (directions.length + deadDirections.length < adaptive.directionBudget) {
    const candidates = refinementDirections(currentPoints, {
      count: Math.min(roundSize, adaptive.directionBudget - directions.length - deadDirections.length),
      searched: [...directions, ...deadDirections].map(onAxes),
      outerSupport,
      hullTolerance: tolerance,
      hull: current!,
    });
    if (candidates.length === 0) {
      stop = 'no-candidates';
      break;
    }
    const added = candidates.map((c) => {
      const full = new Array<number>(design[0].netMw.length).fill(0);
      axes.forEach((s, i) => (full[s] = c.direction[i]));
      return full;
    });
    const first = directions.length + deadDirections.length;
    nextPhase(`round ${rounds.length + 1}`);
    const results = await Promise.all(added.map((vector, i) => {
      const d = first + i;
      return search({ kind: 'direction', spec, direction: d, design, vector }, `adaptive:${d}:${vector.map((v) => v.toFixed(12)).join(',')}`);
    }));
    const searched = (_: unknown, i: number): boolean => results[i] !== undefined;
    deadDirections.push(...added.filter((_, i) => !searched(_, i)));
    directions.push(...added.filter(searched));
    searches.push(...results.filter((r) => r !== undefined).map((r) => (r.kind === 'direction' ? r.search : unreachable())));
    const after = grow().volume;
    const change = volume > 0 ? (after - volume) / volume : after > 0 ? null : 0;
    rounds.push({
      directions: added.filter(searched),
      gapsMw: candidates.filter(searched).map((c) => (c.outerSupportMw === undefined ? null : c.outerSupportMw - c.innerSupportMw)),
      innerVolume: after,
      volumeChange: change,
    });
    volume = after;
    if (change !== null && change < volumeTolerance) {
      stop = 'volume-tolerance';
      break;
    }
  }
  nextPhase('');
  // The progress total promised the whole budget; say we are done with what was searched.
  total = done;
  onProgress?.(done, total);
  return withDeadLetters({ spec, design, directions, searches, adaptive: { startVolume, rounds, stop }, runs, resumed, taskMs }, deadLetters);
}

function dedupe(points: readonly number[][]): number[][] {
  const seen = new Set<string>();
  return points.filter((c) => {
    const key = c.map((v) => Math.round(v * 1e9)).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unreachable(): never {
  throw new Error('flex/runSweep: task result of the wrong kind');
}
