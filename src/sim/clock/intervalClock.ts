/**
 * The co-simulation clock (docs/model.md §4): an RxJS stream of interval ticks in virtual
 * time. It carries no model logic — subscribers call the tick function.
 */
// The operators' own modules (exported by rxjs as `rxjs/internal/*`), not the `rxjs` index,
// which loads all of RxJS at start-up for the three names needed here (bench/startup.bench.ts).
import type { Observable, SchedulerLike } from 'rxjs';
import { map } from 'rxjs/internal/operators/map';
import { take } from 'rxjs/internal/operators/take';
import { timer } from 'rxjs/internal/observable/timer';
import { formatClockTime } from './clockTime.js';

/** One tick of the clock: the start of interval `index`. */
export interface ClockTick {
  /** Interval index t = 0 … intervals − 1 (never doubles as state, docs/architecture.md). */
  readonly index: number;
  /** Start of the interval, minutes since midnight (may exceed 1440 past midnight). */
  readonly startMin: number;
  /** Start as `HH:MM`. */
  readonly start: string;
}

/** What the clock needs to know about the horizon. */
export interface ClockHorizon {
  /** Start of interval 0, minutes since midnight. */
  readonly startMin: number;
  /** Δt, minutes. */
  readonly intervalMin: number;
  readonly intervals: number;
}

/**
 * Emit one tick per interval, at virtual time `t · intervalMin` (one virtual time
 * unit = one simulated minute), then complete.
 *
 * 1. `timer(0, intervalMin, scheduler)` yields 0, 1, 2, … at virtual times 0, Δt, 2Δt, …
 * 2. `take(intervals)` ends the horizon; `map` adds the clock time.
 *
 * Deterministic: with a `VirtualTimeScheduler` (or rxjs `TestScheduler`) no
 * wall-clock timer is involved and the ticks run when the scheduler is flushed.
 *
 * @param horizon - start (min since midnight), Δt (min) and interval count.
 * @param scheduler - the virtual-time scheduler that drives the ticks.
 * @example
 * const scheduler = new VirtualTimeScheduler();
 * intervalClock({ startMin: 1020, intervalMin: 10, intervals: 12 }, scheduler).subscribe((t) => console.log(t.start));
 * scheduler.flush(); // 17:00, 17:10, …, 18:50
 */
export function intervalClock(horizon: ClockHorizon, scheduler: SchedulerLike): Observable<ClockTick> {
  const startMin = horizon.startMin;
  const intervalMin = horizon.intervalMin;
  return timer(0, intervalMin, scheduler).pipe(
    take(horizon.intervals),
    map((index) => ({ index, startMin: startMin + index * intervalMin, start: formatClockTime(startMin + index * intervalMin) })),
  );
}
