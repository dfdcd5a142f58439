/**
 * Turn the final tick state into a `CosimResult`: the statuses that hold and the most
 * severe of them (docs/model.md §4 "Status": infeasible > inexact > not-converged > shed > ok).
 */
import type { CosimContext, CosimState } from './cosimContext.js';
import type { CosimResult, DueOutcome, LinkTable } from './cosimTypes.js';
import { runStatuses, SHED_THRESHOLD_KW, shedEnergyMwh } from './runStatus.js';
import { formatEnergyMwh } from '../results/formatEnergy.js';

/** Static facts of the run that the state does not carry. */
export interface CosimResultMeta {
  readonly busIds: readonly number[];
  readonly busVMinPu: Float64Array;
  readonly intervalMin: number;
  readonly stepSec: number;
  readonly links: LinkTable;
}

/**
 * Assemble the result of a run.
 *
 * @example
 * const result = assembleCosimResult(ctx, runTicks(ctx, state, horizon), meta);
 */
export function assembleCosimResult<D extends DueOutcome>(ctx: CosimContext<D>, state: CosimState<D>, meta: CosimResultMeta): CosimResult {
  const statuses = runStatuses(state.results, { infeasible: state.infeasible, cleared: state.cleared });
  const problems = [...state.problems];
  if (!state.cleared && !state.infeasible) {
    const last = state.results[state.results.length - 1];
    problems.push(
      `network not clear after the longest tail (horizon.clearanceMin): vehicles are still travelling or at a station after ${last?.start ?? 'the last interval'} + ${meta.intervalMin} min; raise horizon.clearanceMin`,
    );
  }
  if (statuses.includes('shed')) {
    const shed = shedEnergyMwh(state.results, meta.intervalMin);
    problems.unshift(
      `load shed: ${formatEnergyMwh(shed.householdMwh)} of household load shed and ${formatEnergyMwh(shed.evCurtailedMwh)} of EV charging curtailed (intervals above ${SHED_THRESHOLD_KW} kW)`,
    );
  }
  return {
    status: statuses[0],
    statuses,
    problems,
    windowIntervals: ctx.windowIntervals,
    cleared: state.cleared,
    stationIds: ctx.map.stationIds,
    stationBuses: ctx.map.busId,
    busIds: meta.busIds,
    busVMinPu: meta.busVMinPu,
    intervals: state.results,
    chargeKw: ctx.rates.chargeKw,
    v2gKw: ctx.rates.v2gKw,
    intervalMin: meta.intervalMin,
    stepSec: meta.stepSec,
    links: meta.links,
    lastDue: state.due,
    timing: ctx.timing,
  };
}
