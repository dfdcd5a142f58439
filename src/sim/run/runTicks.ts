/**
 * Drive the tick function with the RxJS clock in virtual time (docs/model.md §4). The
 * subscription only forwards progress; all model logic is in `cosimTick`.
 */
// The operators' own modules, not the `rxjs` index, which loads all of RxJS (~0.07 s CPU at
// start-up, bench/startup.bench.ts) for the few names the run loop needs. The saving shows once
// every importer of RxJS in the run (also `../clock/intervalClock.ts`) does the same.
import { scan } from 'rxjs/internal/operators/scan';
import { VirtualTimeScheduler } from 'rxjs/internal/scheduler/VirtualTimeScheduler';
import { intervalClock, type ClockHorizon } from '../clock/intervalClock.js';
import type { CosimContext, CosimState } from './cosimContext.js';
import type { DueOutcome, IntervalResult } from './cosimTypes.js';
import { cosimTick } from './cosimTick.js';

/**
 * Run every interval of `horizon` through `cosimTick`, in order, and return the
 * final state.
 *
 * 1. A fresh `VirtualTimeScheduler` drives `intervalClock` (no wall-clock timers).
 * 2. `scan` threads the state through `cosimTick`, one tick per interval.
 * 3. `flush()` runs the virtual horizon synchronously; an error thrown by a tick
 *    (e.g. `SolverError` from an infeasible OPF) is rethrown here.
 *
 * @param ctx - prepared context.
 * @param state - initial state (mutated).
 * @param horizon - clock start, Δt and interval count.
 * @param onInterval - progress callback, called after each interval.
 * @example
 * const final = runTicks(ctx, initialCosimState(book), { startMin: 1020, intervalMin: 10, intervals: 12 });
 */
export function runTicks<D extends DueOutcome>(
  ctx: CosimContext<D>,
  state: CosimState<D>,
  horizon: ClockHorizon,
  onInterval?: (result: IntervalResult) => void,
): CosimState<D> {
  const scheduler = new VirtualTimeScheduler();
  let failure: { error: unknown } | undefined;
  const subscription = intervalClock(horizon, scheduler)
    .pipe(scan((s: CosimState<D>, tick) => cosimTick(ctx, s, tick), state))
    .subscribe({
      next: (s) => onInterval?.(s.results[s.results.length - 1]),
      error: (error: unknown) => {
        failure = { error };
      },
    });
  scheduler.flush();
  subscription.unsubscribe();
  if (failure !== undefined) throw failure.error;
  return state;
}
