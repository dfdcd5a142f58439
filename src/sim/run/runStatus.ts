/**
 * The run's status from its intervals (docs/model.md §4 "Status"): every condition that
 * holds, most severe first, and the problem line for shedding.
 */
import type { CosimStatus, IntervalResult, OpfOutcome } from './cosimTypes.js';
import { COSIM_STATUS_PRECEDENCE } from './cosimTypes.js';

/** Shedding or curtailment below this, kW, is solver noise and does not make a run `shed`. */
export const SHED_THRESHOLD_KW = 1e-3;

/** Household load shed by one OPF, kW (the engine's split when it gives one). */
export function householdShedKw(opf: OpfOutcome): number {
  return opf.householdShedKw ?? opf.shedKw;
}

/** EV charging curtailed by one OPF, kW (0 when the engine does not report it). */
export function evCurtailedKw(opf: OpfOutcome): number {
  return opf.evCurtailedKw ?? 0;
}

/** What the status depends on besides the intervals. */
export interface RunFlags {
  /** An OPF had no solution (the run stopped). */
  readonly infeasible: boolean;
  /** The network was clear at the end of the run. */
  readonly cleared: boolean;
}

/**
 * All statuses that hold, in precedence order; `['ok']` when none does.
 *
 * - `infeasible`: an OPF without solution;
 * - `inexact`: an interval whose OPF status is `inexact` or `cut-limit`;
 * - `not-converged`: a DUE or a price fixed point missed its tolerance, or the network
 *   was not clear within `horizon.clearanceMin`;
 * - `shed`: household load shed or EV charging curtailed above `SHED_THRESHOLD_KW` in an interval.
 *
 * @example
 * runStatuses(result.intervals, { infeasible: false, cleared: true })[0]; // the run's status
 */
export function runStatuses(intervals: readonly IntervalResult[], flags: RunFlags): CosimStatus[] {
  const held = new Set<CosimStatus>();
  if (flags.infeasible) held.add('infeasible');
  if (!flags.cleared && !flags.infeasible) held.add('not-converged');
  for (const r of intervals) {
    if (r.opf.status === 'inexact' || r.opf.status === 'cut-limit') held.add('inexact');
    if (!r.dueConverged || !r.fixedPointConverged) held.add('not-converged');
    if (householdShedKw(r.opf) > SHED_THRESHOLD_KW || evCurtailedKw(r.opf) > SHED_THRESHOLD_KW) held.add('shed');
  }
  const list = COSIM_STATUS_PRECEDENCE.filter((s) => held.has(s));
  return list.length === 0 ? ['ok'] : list;
}

/**
 * Energy shed over the intervals, MWh: household load and EV charging curtailed.
 *
 * @example
 * shedEnergyMwh(result.intervals, 10); // { householdMwh: 0.61, evCurtailedMwh: 0 }
 */
export function shedEnergyMwh(intervals: readonly IntervalResult[], intervalMin: number): { householdMwh: number; evCurtailedMwh: number } {
  const hours = intervalMin / 60;
  let householdMwh = 0;
  let evCurtailedMwh = 0;
  for (const r of intervals) {
    householdMwh += (householdShedKw(r.opf) / 1000) * hours;
    evCurtailedMwh += (evCurtailedKw(r.opf) / 1000) * hours;
  }
  return { householdMwh, evCurtailedMwh };
}

/** Statuses after which the results are not valid and `run` exits 2 (docs/exit-codes.md); `ok` and `shed` exit 0. */
export const FAILING_STATUSES: readonly CosimStatus[] = ['infeasible', 'inexact', 'not-converged'];

/**
 * One line saying why a run failed (status `infeasible`, `inexact` or `not-converged`):
 * how many intervals, the first one by clock time, and the gap or residual reached
 * (largest cone gap, pu²; largest DUE gap; largest price residual, ¥/kWh); the full
 * per-interval list stays in `summary.json` `problems`.
 *
 * @param intervals - the run's intervals
 * @param statuses - the run's statuses (most severe first)
 * @param problems - the run's problem lines (used for `infeasible` and clearance, which have no interval figure)
 * @returns e.g. `inexact in 15 of 15 intervals from 17:00 (largest cone gap 8.26e+1 pu² at 17:20)`
 * @example
 * runFailureLine(result.intervals, result.statuses, result.problems);
 */
export function runFailureLine(intervals: readonly IntervalResult[], statuses: readonly CosimStatus[], problems: readonly string[]): string {
  const parts: string[] = [];
  const total = intervals.length;
  if (statuses.includes('infeasible')) {
    parts.push(problems.find((p) => /OPF (infeasible|error)/.test(p)) ?? 'an OPF has no solution; the run stopped');
  }
  if (statuses.includes('inexact')) {
    const bad = intervals.filter((r) => r.opf.status === 'inexact' || r.opf.status === 'cut-limit');
    const worst = bad.reduce((w, r) => (r.opf.maxConeGapPu > w.opf.maxConeGapPu ? r : w), bad[0]);
    const cut = bad.some((r) => r.opf.status === 'cut-limit') ? ', cut limit reached' : '';
    if (worst !== undefined) {
      parts.push(`inexact OPF in ${bad.length} of ${total} intervals from ${bad[0].start} (largest cone gap ${worst.opf.maxConeGapPu.toExponential(2)} pu² at ${worst.start}${cut})`);
    }
  }
  if (statuses.includes('not-converged')) {
    const due = intervals.filter((r) => !r.dueConverged);
    const fixed = intervals.filter((r) => !r.fixedPointConverged);
    if (due.length > 0) {
      const worst = due.reduce((w, r) => (r.dueGap > w.dueGap ? r : w), due[0]);
      parts.push(`DUE not converged in ${due.length} of ${total} intervals from ${due[0].start} (largest gap ${worst.dueGap.toExponential(2)} at ${worst.start})`);
    }
    if (fixed.length > 0) {
      const worst = fixed.reduce((w, r) => (r.fixedPointResidual > w.fixedPointResidual ? r : w), fixed[0]);
      parts.push(`price fixed point not converged in ${fixed.length} of ${total} intervals from ${fixed[0].start} (largest residual ${worst.fixedPointResidual.toExponential(2)} ¥/kWh at ${worst.start})`);
    }
    const clearance = problems.find((p) => p.startsWith('network not clear'));
    if (clearance !== undefined) parts.push(clearance);
    else if (due.length === 0 && fixed.length === 0) parts.push('not converged');
  }
  return parts.join('; ');
}
