/**
 * Turn the final tick state into a `CosimResult`: the run's status is
 * `not-converged` as soon as one interval's DUE or price fixed point missed its
 * tolerance (docs/model.md §7: reported as such, with the gap reached).
 */
import type { CosimContext, CosimState } from './cosimContext.js';
import type { CosimResult, DueOutcome, LinkTable } from './cosimTypes.js';

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
  const notConverged = state.results.some((r) => !r.dueConverged || !r.fixedPointConverged);
  return {
    status: notConverged ? 'not-converged' : 'ok',
    problems: state.problems,
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
