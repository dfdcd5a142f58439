/**
 * Run the rotating-hyperplane sweep of one spec (docs/model.md §5 "Sweep";
 * docs/flexibility.md §4): design probes, one boundary search per starting direction,
 * then adaptive rounds of facet normals, in parallel, resumable.
 */
import { convexHullOf } from '../hull/convexHullOf.js';
import type { HullResult } from '../hull/hullResult.js';
import { refinementDirections } from '../directions/adaptiveDirections.js';
import { admissible, type EvaluatedPoint } from '../search/flexEvaluation.js';
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
  /** Called after each task with (done, total); `total` counts the direction budget for an adaptive sweep. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Outer support h_out(u), MW, for a unit u on the axes (`OuterBound.support`), used to rank
   * the adaptive rounds' candidates by the gap to the inner hull. Without it: by facet size.
   */
  readonly outerSupport?: (u: readonly number[]) => number;
  /** Relative flatness tolerance of the hulls the adaptive rounds measure [1e-6]. */
  readonly hullTolerance?: number;
  /** Number of design probes when the executor's problem is not the spec's scenario (test fakes) [`probeCount(spec)`]. */
  readonly probes?: number;
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
   * Time of this call's tasks as measured inside the threads (not part of the deterministic result):
   * the sum of task wall times, and of the problem preparations (one per thread and spec), ms.
   */
  readonly taskMs?: { readonly tasks: number; readonly prepare: number };
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
 *    inside the task, each seeded with the smaller budget's best), all in parallel.
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
  const probes = options.probes ?? probeCount(spec);
  const adaptive = spec.adaptive;
  const directionTotal = adaptive ? Math.max(adaptive.directionBudget, spec.directions.length) : spec.directions.length;
  let total = probes + directionTotal;
  let done = 0;
  let resumed = 0;
  const runs = { design: 0, search: 0 };
  const taskMs = { tasks: 0, prepare: 0 };
  const exec = async (task: FlexTask, key: string): Promise<FlexTaskResult> => {
    const stored = resume?.get(spec, key);
    let result: FlexTaskResult;
    if (stored) {
      result = stored;
      resumed++;
    } else {
      result = await executor.run(task);
      taskMs.tasks += result.wallMs ?? 0;
      taskMs.prepare += result.prepareMs ?? 0;
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
  const directions = spec.directions.map((a) => [...a]);
  const searchResults = await Promise.all(
    spec.directions.map((_, d) => exec({ kind: 'direction', spec, direction: d, design }, `direction:${d}`)),
  );
  const searches = searchResults.map((r) => (r.kind === 'direction' ? r.search : unreachable()));
  if (!adaptive) return { spec, design, directions, searches, runs, resumed, taskMs };

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
  while (directions.length < adaptive.directionBudget) {
    const candidates = refinementDirections(currentPoints, {
      count: Math.min(roundSize, adaptive.directionBudget - directions.length),
      searched: directions.map(onAxes),
      outerSupport: options.outerSupport,
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
    const first = directions.length;
    directions.push(...added);
    const results = await Promise.all(added.map((vector, i) => {
      const d = first + i;
      return exec({ kind: 'direction', spec, direction: d, design, vector }, `adaptive:${d}:${vector.map((v) => v.toFixed(12)).join(',')}`);
    }));
    searches.push(...results.map((r) => (r.kind === 'direction' ? r.search : unreachable())));
    const after = grow().volume;
    const change = volume > 0 ? (after - volume) / volume : after > 0 ? null : 0;
    rounds.push({
      directions: added,
      gapsMw: candidates.map((c) => (c.outerSupportMw === undefined ? null : c.outerSupportMw - c.innerSupportMw)),
      innerVolume: after,
      volumeChange: change,
    });
    volume = after;
    if (change !== null && change < volumeTolerance) {
      stop = 'volume-tolerance';
      break;
    }
  }
  // The progress total promised the whole budget; say we are done with what was searched.
  total = done;
  onProgress?.(done, total);
  return { spec, design, directions, searches, adaptive: { startVolume, rounds, stop }, runs, resumed, taskMs };
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
