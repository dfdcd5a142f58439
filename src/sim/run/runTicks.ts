/**
 * Drive the tick function with the RxJS clock in virtual time (docs/model.md §4). The
 * subscription only forwards progress; all model logic is in `cosimTick`.
 */
// The operators' own modules, not the `rxjs` index, which loads all of RxJS (~0.07 s CPU at
// start-up, bench/startup.bench.ts) for the few names the run loop needs. The saving shows once
// every importer of RxJS in the run (also `../clock/intervalClock.ts`) does the same.
import { scan } from 'rxjs/internal/operators/scan';
import { takeWhile } from 'rxjs/internal/operators/takeWhile';
import { VirtualTimeScheduler } from 'rxjs/internal/scheduler/VirtualTimeScheduler';
import { intervalClock, type ClockHorizon } from '../clock/intervalClock.js';
import type { CosimContext, CosimState } from './cosimContext.js';
import type { DueOutcome, IntervalResult } from './cosimTypes.js';
import { cosimTick, isClearAt } from './cosimTick.js';

/**
 * Run the intervals of `horizon` through `cosimTick`, in order, and return the
 * final state.
 *
 * 1. A fresh `VirtualTimeScheduler` drives `intervalClock` (no wall-clock timers) over
 *    the window and the longest tail (`ctx.intervals`).
 * 2. `takeWhile` ends the clock once a tick has stopped the run (network clear in the
 *    tail, or an OPF without solution); `scan` threads the state through `cosimTick`.
 * 3. `flush()` runs the virtual horizon synchronously; an error thrown by a tick is
 *    rethrown here. A run that used every tick is `cleared` when the network is clear
 *    at the end of the last one.
 *
 * @param ctx - prepared context.
 * @param state - initial state (mutated).
 * @param horizon - clock start, Δt and interval count (window + longest tail).
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
  let reported = state.results.length;
  const subscription = intervalClock(horizon, scheduler)
    .pipe(
      takeWhile(() => !state.stopped),
      scan((s: CosimState<D>, tick) => cosimTick(ctx, s, tick), state),
    )
    .subscribe({
      next: (s) => {
        if (s.results.length > reported) onInterval?.(s.results[s.results.length - 1]);
        reported = s.results.length;
      },
      error: (error: unknown) => {
        failure = { error };
      },
    });
  scheduler.flush();
  subscription.unsubscribe();
  if (failure !== undefined) throw failure.error;
  if (!state.stopped) state.cleared = isClearAt(ctx, state.due, horizon.intervals);
  return state;
}
