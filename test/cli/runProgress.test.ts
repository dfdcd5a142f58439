import { describe, expect, it } from 'vitest';
import { plainProgress } from '../../src/cli/actions/runProgress.ts';

/** A progress writer on a fake clock (seconds set by the test), collecting its lines. */
function fake(dueEverySec = 2, clockOf?: (index: number) => string) {
  const lines: string[] = [];
  let now = 0;
  const progress = plainProgress({ windowIntervals: 12, tailIntervals: 48, write: (l) => lines.push(l), elapsedSec: () => now, dueEverySec, ...(clockOf ? { clockOf } : {}) });
  return { lines, progress, at: (sec: number) => (now = sec) };
}

describe('plainProgress (non-TTY run progress)', () => {
  it('should write a line when preparing, when started, and one per interval with the DUE gap and iterations', () => {
    const { lines, progress, at } = fake();
    progress.preparing('x (12 × 10 min from 17:00)');
    at(0.9);
    progress.started('SiouxFalls 40 nodes');
    at(11.8);
    progress.dueIteration(1, 0.2);
    progress.interval({ index: 0, start: '17:00', dueGap: 4.6e-5, dueIterations: 9, phase: 'window' });
    at(12.1);
    progress.interval({ index: 12, start: '19:00', dueGap: 4.6e-5, dueIterations: 9, phase: 'tail' });
    expect(lines).toEqual([
      'ev-cosim run: preparing x (12 × 10 min from 17:00) · 0.0 s',
      'ev-cosim run: SiouxFalls 40 nodes · 0.9 s',
      'interval 1/12 · DUE iteration 1 · gap 2.0e-1 · 11.8 s',
      'interval 1/12 17:00 · DUE gap 4.6e-5 (1 iteration) · 11.8 s',
      // no DUE solved for this interval (the trajectory is shared): no iteration count
      'interval 13/12+48 19:00 tail · DUE gap 4.6e-5 · 12.1 s',
    ]);
  });

  it('should throttle DUE-iteration lines to one per dueEverySec and name the interval being solved', () => {
    const { lines, progress, at } = fake(2, (k) => ['17:00', '17:10'][k]);
    progress.started('s');
    for (let k = 1; k <= 10; k++) {
      at(k * 0.5); // iterations every 0.5 s → a line at 2.0, 4.0 s
      progress.dueIteration(k, 1 / k);
    }
    progress.interval({ index: 0, start: '17:00', dueGap: 0.1, dueIterations: 10, phase: 'window' });
    at(6.5); // 1.5 s after the interval line: throttled
    progress.dueIteration(1, 0.6);
    at(7.5);
    progress.dueIteration(2, 0.5);
    expect(lines.slice(1)).toEqual([
      'interval 1/12 17:00 · DUE iteration 4 · gap 2.5e-1 · 2.0 s',
      'interval 1/12 17:00 · DUE iteration 8 · gap 1.3e-1 · 4.0 s',
      'interval 1/12 17:00 · DUE gap 1.0e-1 (10 iterations) · 5.0 s',
      'interval 2/12 17:10 · DUE iteration 2 · gap 5.0e-1 · 7.5 s',
    ]);
  });
});
