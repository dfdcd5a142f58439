// Inside TestScheduler.run, asyncScheduler runs in virtual time (no real timers).
import { asyncScheduler, VirtualTimeScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { intervalClock, type ClockTick } from '../../../src/sim/clock/intervalClock.ts';

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

const tick = (index: number, startMin: number, start: string): ClockTick => ({ index, startMin, start });

describe('intervalClock', () => {
  it('should emit one tick per interval at t·Δt in virtual time, then complete', () => {
    scheduler().run(({ expectObservable }) => {
      // One virtual frame = one simulated minute: ticks at 0, 10, 20 min; completes with the last.
      expectObservable(intervalClock({ startMin: 1020, intervalMin: 10, intervals: 3 }, asyncScheduler)).toBe('a 9ms b 9ms (c|)', {
        a: tick(0, 1020, '17:00'),
        b: tick(1, 1030, '17:10'),
        c: tick(2, 1040, '17:20'),
      });
    });
  });

  it('should emit a single tick for a one-interval horizon', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(intervalClock({ startMin: 0, intervalMin: 10, intervals: 1 }, asyncScheduler)).toBe('(a|)', { a: tick(0, 0, '00:00') });
    });
  });

  it('should complete at once for an empty horizon', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(intervalClock({ startMin: 0, intervalMin: 10, intervals: 0 }, asyncScheduler)).toBe('|');
    });
  });

  it('should stop emitting when unsubscribed early', () => {
    scheduler().run(({ expectObservable }) => {
      const clock = intervalClock({ startMin: 1020, intervalMin: 10, intervals: 12 }, asyncScheduler);
      expectObservable(clock, '^ 15ms !').toBe('a 9ms b', { a: tick(0, 1020, '17:00'), b: tick(1, 1030, '17:10') });
    });
  });

  it('should run on a VirtualTimeScheduler only when flushed (no wall-clock timers)', () => {
    const virtual = new VirtualTimeScheduler();
    const seen: string[] = [];
    intervalClock({ startMin: 1020, intervalMin: 10, intervals: 12 }, virtual).subscribe((t) => seen.push(t.start));
    expect(seen).toEqual([]);
    virtual.flush();
    expect(seen).toHaveLength(12);
    expect(seen[11]).toBe('18:50');
    expect(virtual.now()).toBe(110);
  });
});
