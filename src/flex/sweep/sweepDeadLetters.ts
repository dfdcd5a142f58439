/**
 * Dead letters of a sweep (docs/distributed.md "Failure semantics"): tasks whose run failed for
 * good, the stand-ins that hold a dead design probe's place in the searches' input, and the
 * sweep result with its dead letters attached.
 */
import { SolverError } from '../../common/errors.js';
import type { EvaluatedPoint } from '../search/flexEvaluation.js';
import type { FlexTask, FlexTaskResult } from './flexTask.js';

/**
 * A task that failed for good: its executor's `run` rejected (inline or on the pool: the task threw, after
 * 1 attempt; on the queue: its last attempt failed). Bad input (`InputError`) is not a dead letter: it ends the sweep.
 */
export interface SweepDeadLetter {
  /** The task's key in the results file: `design:<probe>`, `direction:<index>`, `adaptive:<index>:<vector>`, `book:<index>:<hash>`. */
  readonly taskId: string;
  readonly kind: FlexTask['kind'];
  /** Design probe index (a design task). */
  readonly probe?: number;
  /** Direction index as the sweep numbered it (a direction task): `spec.directions` first, then the adaptive rounds'. */
  readonly direction?: number;
  /** Book index in its check (a checked book's task, `book:<index>:<hash>`). */
  readonly book?: number;
  /** Attempts made (the executor's `attempts` on its rejection, else 1). */
  readonly attempts: number;
  /** The last attempt's error message. */
  readonly reason: string;
}

/**
 * The dead letter of a task whose run rejected.
 *
 * @example
 * deadLetterOf({ kind: 'design', spec, probe: 3 }, 'design:3', new Error('HiGHS status -1')); // { taskId: 'design:3', kind: 'design', probe: 3, attempts: 1, … }
 */
export function deadLetterOf(task: FlexTask, key: string, error: unknown): SweepDeadLetter {
  const given = (error as { attempts?: unknown } | null)?.attempts;
  const attempts = typeof given === 'number' && Number.isInteger(given) && given >= 1 ? given : 1;
  return {
    taskId: key,
    kind: task.kind,
    ...(task.kind === 'design' ? { probe: task.probe } : {}),
    ...(task.kind === 'direction' ? { direction: task.direction } : {}),
    ...(task.kind === 'book' ? { book: task.index } : {}),
    attempts,
    reason: error instanceof Error ? error.message : String(error),
  };
}

// Stand-ins for dead design probes in the searches' input (never in a SweepRun).
const holes = new WeakSet<EvaluatedPoint>();

/**
 * The design evaluations in probe order, a dead probe's place held by a run that did not converge
 * (the searches' response model skips such a probe; it is never admissible). Without the base
 * (probe 0) there is no sweep: every search starts from it and the results are drawn around it.
 *
 * @throws SolverError when the base run (probe 0) is dead
 * @example
 * const design = designWithHoles(designResults, deadLetters); // design.length === designResults.length
 */
export function designWithHoles(results: readonly (FlexTaskResult | undefined)[], deadLetters: readonly SweepDeadLetter[]): EvaluatedPoint[] {
  const base = results[0];
  if (base === undefined) {
    const letter = deadLetters.find((l) => l.taskId === 'design:0');
    throw new SolverError('flex/sweep', 'dead-letter', `the base run (design probe 0) failed after ${letter?.attempts ?? 1} attempt(s): ${letter?.reason ?? 'unknown'}; no sweep without it`);
  }
  const stations = base.kind === 'design' ? base.point.netMw.length : wrongKind();
  return results.map((r) => {
    if (r !== undefined) return r.kind === 'design' ? r.point : wrongKind();
    const hole: EvaluatedPoint = { x: [], netMw: new Array<number>(stations).fill(0), subsidyYuan: 0, dueGap: 0, converged: false, feasible: false, note: 'dead letter: no evaluation' };
    holes.add(hole);
    return hole;
  });
}

/**
 * The sweep's result: dead probes' stand-ins left out of `design`, dead letters (in task order) attached when there are any.
 *
 * @example
 * return withDeadLetters({ spec, design, directions, searches, runs, resumed }, deadLetters);
 */
export function withDeadLetters<R extends { readonly design: EvaluatedPoint[]; readonly deadLetters?: readonly SweepDeadLetter[] }>(run: R, deadLetters: readonly SweepDeadLetter[]): R {
  if (deadLetters.length === 0) return run;
  const order = (l: SweepDeadLetter): number => (l.kind === 'design' ? l.probe ?? 0 : 1e9 + (l.direction ?? 0));
  return { ...run, design: run.design.filter((p) => !holes.has(p)), deadLetters: [...deadLetters].sort((a, b) => order(a) - order(b) || a.taskId.localeCompare(b.taskId)) };
}

function wrongKind(): never {
  throw new Error('flex/sweepDeadLetters: task result of the wrong kind');
}
