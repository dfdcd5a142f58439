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
