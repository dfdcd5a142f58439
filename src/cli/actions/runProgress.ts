/**
 * The progress lines `ev-cosim run` writes on stderr when stderr is not a terminal (CI logs,
 * pipes): one plain line per interval, and a line at least every few seconds while a long DUE
 * iterates, so a city-scale run shows signs of life from its first second. On a terminal the
 * run keeps its progress bar (`runAction.ts`).
 */

/** What the run reports to the progress writer. */
export interface RunProgressSink {
  /** The scenario is read; preparing (network, feeder, OPF session) starts. */
  preparing(what: string): void;
  /** Prepared; the run starts. `what` describes the network and feeder. */
  started(what: string): void;
  /** A DUE iteration ended (`iteration` 0 = the gap of the starting point, then 1, 2, …) in the interval being solved. */
  dueIteration(iteration: number, relativeGap: number): void;
  /** An interval ended. */
  interval(result: { readonly index: number; readonly start: string; readonly dueGap: number; readonly dueIterations: number; readonly phase: 'window' | 'tail' }): void;
}

/** Options of `plainProgress`. */
export interface PlainProgressOptions {
  /** Window intervals and the longest tail after them. */
  readonly windowIntervals: number;
  readonly tailIntervals: number;
  /** Clock (`HH:MM`) of interval `index`, shown on the lines of the DUE being solved for it (absent: not shown). */
  readonly clockOf?: (index: number) => string;
  /** Where lines go (default: stderr). */
  readonly write?: (line: string) => void;
  /** Seconds since the run began (default: wall clock since the call). */
  readonly elapsedSec?: () => number;
  /** Least seconds between two DUE-iteration lines (default 2). */
  readonly dueEverySec?: number;
}

/**
 * A progress writer of plain lines:
 *
 * ```
 * ev-cosim run: preparing siouxfalls-ieee123-evening-peak (12 × 10 min from 17:00, tail ≤ 480 min) · 0.0 s
 * ev-cosim run: SiouxFalls 32 nodes / 96 links with stations; ieee123 114 buses; solving · 0.6 s
 * interval 1/12 17:00 · DUE iteration 4 · gap 5.5e-4 · 25.1 s
 * interval 1/12 17:00 · DUE gap 7.6e-5 (10 iterations) · 56.2 s
 * interval 13/12+48 19:00 tail · DUE gap 7.6e-5 · 57.4 s
 * ```
 *
 * The interval being solved is the one after the last reported; DUE-iteration lines are
 * throttled to one per `dueEverySec`; an interval whose DUE was not re-solved (shared with an
 * earlier one) omits the iteration count.
 *
 * @example
 * const progress = plainProgress({ windowIntervals: 12, tailIntervals: 48 });
 * progress.interval({ index: 0, start: '17:00', dueGap: 4.6e-5, dueIterations: 9, phase: 'window' });
 */
export function plainProgress(options: PlainProgressOptions): RunProgressSink {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const began = performance.now();
  const elapsed = options.elapsedSec ?? (() => (performance.now() - began) / 1000);
  const every = options.dueEverySec ?? 2;
  const { windowIntervals, tailIntervals } = options;
  let next = 0;
  let lastLineSec = Number.NEGATIVE_INFINITY;
  let lastIterations: number | undefined;
  const at = (): string => `${elapsed().toFixed(1)} s`;
  const label = (index: number): string =>
    index < windowIntervals ? `interval ${index + 1}/${windowIntervals}` : `interval ${index + 1}/${windowIntervals}+${tailIntervals}`;
  const emit = (line: string): void => {
    lastLineSec = elapsed();
    write(line);
  };
  return {
    preparing: (what) => emit(`ev-cosim run: preparing ${what} · ${at()}`),
    started: (what) => emit(`ev-cosim run: ${what} · ${at()}`),
    dueIteration: (iteration, gap) => {
      lastIterations = iteration;
      if (elapsed() - lastLineSec < every) return;
      emit(`${label(next)}${options.clockOf === undefined ? '' : ` ${options.clockOf(next)}`} · DUE iteration ${iteration} · gap ${gap.toExponential(1)} · ${at()}`);
    },
    interval: (r) => {
      const solved = lastIterations === undefined ? '' : ` (${lastIterations} iteration${lastIterations === 1 ? '' : 's'})`;
      emit(`${label(r.index)} ${r.start}${r.phase === 'tail' ? ' tail' : ''} · DUE gap ${r.dueGap.toExponential(1)}${solved} · ${at()}`);
      next = r.index + 1;
      lastIterations = undefined;
    },
  };
}
