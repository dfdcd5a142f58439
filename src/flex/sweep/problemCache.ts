/**
 * The prepared problems of this thread (scenario, network, OPF models, evaluator with its base
 * equilibrium), shared by the sweep tasks that run here: one per {@link problemKey}, built on first
 * use, disposed exactly once — when no task uses it any more after {@link retireProblems} (an
 * executor's close), or when it is the least recently used of more than {@link MAX_IDLE_PROBLEMS}
 * idle ones (a long-lived worker thread sees one study after another). A build that fails is not
 * kept: the next task of the spec builds again (e.g. after the scenario file was fixed).
 */
import { bundleScenario } from '../../sim/index.js';
import { buildFlexProblem, type FlexProblem } from './flexProblem.js';
import type { SweepSpec } from './sweepSpec.js';

/** Idle prepared problems a thread keeps; beyond, the least recently used is disposed. */
export const MAX_IDLE_PROBLEMS = 8;

/** A problem in use by a task: call `release` once the task is done with it. */
export interface ProblemLease {
  readonly problem: FlexProblem;
  /** Time spent building the problem, ms, when this lease built it (undefined: it was built already). */
  readonly prepareMs?: number;
  release(): void;
}

interface Entry {
  readonly building: Promise<FlexProblem>;
  /** Leases not yet released. */
  users: number;
  /** Out of the cache: disposed once its last lease is released. */
  retired: boolean;
  disposed: boolean;
}

// Map order is recency: an entry is moved to the end on each use.
const entries = new Map<string, Entry>();

/**
 * The key of a spec's prepared problem: everything the problem depends on — the scenario's
 * content (`scenarioHash`; for a spec without one, hashed here from the file, the overrides and
 * every file they reference, so an edited file is a new problem), its path and overrides (messages
 * name the file), model, t*, coupon window, probe levels, STA interval length, shed tolerance and the
 * size-limit override — and nothing it does not (directions, budgets, search and adaptive
 * controls: specs that differ only there share one problem and its base equilibrium).
 *
 * @throws InputError when the scenario of a spec without `scenarioHash` cannot be read
 * @example
 * problemKey({ ...spec, budgetsYuan: [500] }) === problemKey(spec); // true
 */
export function problemKey(spec: SweepSpec): string {
  const scenario = spec.scenarioHash ?? bundleScenario(spec.scenarioFile, spec.overrides).hash;
  return JSON.stringify([
    scenario, spec.scenarioFile, spec.overrides, spec.model, spec.timeIndex, spec.window, spec.levels,
    spec.staIntervalMin ?? null, spec.shedToleranceMw ?? null, spec.allowLarge === true,
  ]);
}

/**
 * Lease this thread's problem of a spec, building it when there is none (or only a retired one).
 *
 * @throws what `buildFlexProblem` throws (the failed build is forgotten)
 * @example
 * const lease = await leaseProblem(spec);
 * try { await lease.problem.evaluator.evaluate(book); } finally { lease.release(); }
 */
export async function leaseProblem(spec: SweepSpec): Promise<ProblemLease> {
  let key: string | undefined;
  try {
    key = problemKey(spec);
  } catch {
    // an unreadable scenario: the build says why (the same reader's error), or it is used once, uncached
    key = undefined;
  }
  let entry = key === undefined ? undefined : entries.get(key);
  let began: number | undefined;
  if (entry === undefined) {
    began = performance.now();
    entry = { building: buildFlexProblem(spec), users: 0, retired: key === undefined, disposed: false };
  } else {
    entries.delete(key!);
  }
  if (key !== undefined) entries.set(key, entry);
  entry.users++;
  let problem: FlexProblem;
  try {
    problem = await entry.building;
  } catch (error) {
    entry.users--;
    if (key !== undefined && entries.get(key) === entry) entries.delete(key);
    throw error;
  }
  const prepareMs = began === undefined ? undefined : performance.now() - began;
  const leased = entry;
  let released = false;
  return {
    problem,
    prepareMs,
    release: () => {
      if (released) return;
      released = true;
      leased.users--;
      if (leased.users > 0) return;
      if (leased.retired) disposeOnce(leased, problem);
      else evictIdle();
    },
  };
}

/**
 * Retire every problem of this thread: none is handed out again; each is disposed now, or
 * when the last task using it releases it (a task still running keeps a working problem). A
 * task that starts afterwards builds its problem anew.
 *
 * @example
 * await retireProblems(); // an executor's close
 */
export async function retireProblems(): Promise<void> {
  const retired = [...entries.values()];
  entries.clear();
  for (const e of retired) e.retired = true;
  await Promise.all(retired.map((e) => e.building.then((p) => {
    if (e.users === 0) disposeOnce(e, p);
  }, () => undefined)));
}

/**
 * Problems this thread holds in its cache (in use or idle; retired ones excluded).
 *
 * @example
 * await retireProblems(); cachedProblemCount(); // 0
 */
export function cachedProblemCount(): number {
  return entries.size;
}

/** Dispose the least recently used idle problems beyond {@link MAX_IDLE_PROBLEMS}. */
function evictIdle(): void {
  let idle = 0;
  for (const e of entries.values()) if (e.users === 0) idle++;
  for (const [key, e] of entries) {
    if (idle <= MAX_IDLE_PROBLEMS) return;
    if (e.users !== 0) continue;
    entries.delete(key);
    e.retired = true;
    idle--;
    // idle means every lease was released, so the build has resolved
    void e.building.then((p) => disposeOnce(e, p), () => undefined);
  }
}

function disposeOnce(entry: Entry, problem: FlexProblem): void {
  if (entry.disposed) return;
  entry.disposed = true;
  problem.prepared.dispose();
}
