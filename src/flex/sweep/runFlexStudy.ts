/**
 * A whole flexibility study: one sweep per traffic model, tiers and hulls, ready
 * for the CLI, the report and the bench (docs/model.md §5).
 */
import { InputError } from '../../common/errors.js';
import { bundleScenario, DEFAULT_SCENARIO_FILE, readScenarioFile, stationServiceRecord } from '../../sim/index.js';
import { bookCheck, DEFAULT_OUTSIDE_TOLERANCE_MW } from '../books/bookCheck.js';
import { runBookCheck } from '../books/runBookCheck.js';
import { studyBooks, type CheckBooksOption } from '../books/studyBooks.js';
import type { BookSource } from '../books/runBookCheck.js';
import { stationCouponKinds } from '../search/couponWindow.js';
import { createOuterBound, type OuterBound, type OuterBoundSpec } from '../outer/outerBound.js';
import { directionsNd } from '../directions/directionsNd.js';
import { defaultDirectionBudget, defaultRoundSize, MAX_ADAPTIVE_AXES, startingDirections } from '../directions/adaptiveDirections.js';
import { DEFAULT_PROBE_LEVELS } from '../search/designPoints.js';
import type { SearchControls } from '../search/searchDirection.js';
import { assembleTiers } from './assembleTiers.js';
import { allEvaluated } from './runSweep.js';
import { intervalClock, type FlexModelResult } from './flexModelResult.js';
import { specScenario, specWindow } from './flexProblem.js';
import { openResumeLog } from './resumeLog.js';
import { runSweep } from './runSweep.js';
import type { FlexModel, SweepSpec } from './sweepSpec.js';
import { taskExecutor, type TaskExecutor, type TaskExecutorOptions } from './taskExecutor.js';

/** Options of {@link runFlexStudy}; defaults in brackets. */
export interface FlexStudyOptions {
  /** Scenario file [the bundled reference scenario] and `--set` overrides [none]. */
  readonly scenarioFile?: string;
  readonly overrides?: readonly string[];
  /** Traffic models to sweep [['dta']]. */
  readonly models?: readonly FlexModel[];
  /** t*, interval index of the scenario [6 = 18:00 in the reference scenario]. */
  readonly timeIndex?: number;
  /** Budgets F_max, ¥ [1000, 2000, 4000, 6000]; sorted ascending. */
  readonly budgetsYuan?: readonly number[];
  /** Station ids spanning the region [all stations]. */
  readonly stations?: readonly string[];
  /**
   * Direction set on the axes: explicit vectors, or the angle grid of step `stepDeg` degrees
   * (at most 3 axes). Neither [default]: adaptive — ±axes and orthant diagonals (`startingDirections`), then facet normals.
   */
  readonly directions?: readonly (readonly number[])[];
  readonly stepDeg?: number;
  /** Adaptive sweep: total directions searched [8n, n = axes], volume tolerance [0.02], directions per round [2n]. */
  readonly directionBudget?: number;
  readonly volumeTolerance?: number;
  readonly roundSize?: number;
  /**
   * Outer bound per model, in this thread [`createOuterBound`, src/flex/outer]; `false` for none.
   * Its support ranks the adaptive candidates by the inner–outer gap (without one: by facet
   * size); after the sweep it is evaluated along every searched direction and its region is
   * the model result's `outer`.
   */
  readonly outerBound?: ((spec: OuterBoundSpec) => Promise<OuterBound>) | false;
  /** Largest shed / curtailment, MW, that still counts as none [1e-6]. */
  readonly shedToleranceMw?: number;
  /** Coupon basis: look-back k intervals [3], fine blocks [one per window interval], span ['horizon': + a block before and after], bounds [2 ¥/kWh, 60 ¥/visit]. */
  readonly lookbackIntervals?: number;
  readonly blocks?: number;
  readonly span?: 'horizon' | 'window';
  readonly maxChargeYuanPerKWh?: number;
  readonly maxV2gYuanPerVisit?: number;
  /** Probe levels as fractions of the bounds [`DEFAULT_PROBE_LEVELS`: 1/64, 1/8, 1]. */
  readonly levels?: readonly number[];
  /** Search controls [fitSteps 3, refineSteps 1]. */
  readonly controls?: SearchControls;
  /** Worker threads [machine's parallelism]; ≤ 1 runs in this thread. */
  readonly workers?: number;
  /** Run each direction's candidates ahead as tasks of their own (`RunSweepOptions.candidatesAhead`; same results) [true]. */
  readonly candidatesAhead?: boolean;
  /** Pool settings (benchmarks compare them; `TaskExecutorOptions`) [defaults]. */
  readonly executorOptions?: TaskExecutorOptions;
  /** Where the tasks run instead of `workers` threads (e.g. the job queue, src/flex/queue); the study closes it. */
  readonly executor?: TaskExecutor;
  /** Skip the size limit of each run (`--allow-large`, docs/limits.md) [false]. */
  readonly allowLarge?: boolean;
  /** Results file for `--resume`. */
  readonly resumeFile?: string;
  /** STA interval length, minutes [30]. */
  readonly staIntervalMin?: number;
  /** Relative flatness tolerance of the hulls [1e-6]. */
  readonly hullTolerance?: number;
  readonly onProgress?: (model: FlexModel, done: number, total: number) => void;
  /**
   * Checked books after the sweep (docs/flexibility.md §3 "Checked books"): a books file
   * (`file`, DTA only: its books are per scenario interval), books given directly (`books`), or a
   * seeded random search of `random` admissible full books per model (`seed` [1]). Each admissible
   * book joins its tiers' point sets; the result's `bookCheck` lists those that lay outside the
   * sweep's hull by more than `outsideToleranceMw` [0.05].
   */
  readonly checkBooks?: CheckBooksOption;
  readonly outsideToleranceMw?: number;
  /** Progress of the checked books per model (done, total). */
  readonly onBookProgress?: (model: FlexModel, done: number, total: number) => void;
}

/**
 * Run a study.
 *
 * 1. Check the inputs against the scenario (`InputError`: empty direction set,
 *    non-positive budget, t* outside the horizon, unknown station, more than
 *    {@link MAX_ADAPTIVE_AXES} axes, an angle grid on more than 3 axes).
 * 2. Per model: build the spec, run the sweep on the worker pool (shared by the
 *    models; the models' sweeps run side by side, progress is reported model by model),
 *    assemble nested tiers with their hulls. A model's `wallMs` runs from its sweep's start
 *    to its end, so the models' times overlap.
 *
 * @param options - {@link FlexStudyOptions}
 * @returns one result per model, in the order asked
 * @throws InputError for bad input
 * @example
 * const [dta] = await runFlexStudy({ budgetsYuan: [1000, 2000], workers: 2 });
 * dta.tiers.map((t) => t.hull.volume);
 */
export async function runFlexStudy(options: FlexStudyOptions = {}): Promise<FlexModelResult[]> {
  const { specs, ids, axes, books } = flexStudySpecs(options);
  const executor = options.executor ?? taskExecutor(options.workers, options.executorOptions);
  const resume = options.resumeFile ? openResumeLog(options.resumeFile, specs) : undefined;
  const progress = inModelOrder(specs.map((s) => s.model), options.onProgress);
  const sweepOne = async (spec: SweepSpec, index: number): Promise<FlexModelResult> => {
    const model = spec.model;
    const began = performance.now();
    const { scenario: ms, baseDir, file: msFile, timeIndex: t, dtaIntervalMin } = specScenario(spec);
    // The outer bound lives in this thread: cheap LPs, and the adaptive rounds are decided here.
    // It is built while the design probes run on the pool (the sweep needs it only for its first round).
    const makeOuter = options.outerBound === undefined ? createOuterBound : options.outerBound;
    const pendingOuter = makeOuter === false ? undefined : deferred(() => makeOuter({ scenario: ms, baseDir, source: msFile, timeIndex: t, axes }));
    let outer: OuterBound | undefined;
    let run;
    let outerRegion;
    const supportReady = pendingOuter?.then((o) => {
      outer = o;
      return (u: readonly number[]) => o.support(u);
    });
    // awaited by the sweep's first round only (an explicit direction set has none): the failure is reported below
    supportReady?.catch(() => undefined);
    try {
      const sweeping = runSweep(spec, {
        executor,
        resume,
        onProgress: (d, n) => progress(index, d, n),
        outerSupport: supportReady,
        hullTolerance: options.hullTolerance,
        candidatesAhead: options.candidatesAhead,
      });
      // An outer bound that fails ends the study at once, not at the sweep's first round.
      const outerFailed = pendingOuter?.then(() => new Promise<never>(() => undefined));
      if (outerFailed) sweeping.catch(() => undefined);
      run = await (outerFailed ? Promise.race([sweeping, outerFailed]) : sweeping);
      outer = await pendingOuter;
      // One outer halfspace per searched direction (a search minimizes aᵀP: the outer side is −a).
      if (outer) {
        for (const a of run.directions) outer.support(axes.map((s) => -a[s]));
        outerRegion = outer.region();
      }
    } finally {
      // an outer bound still being built when the sweep failed is released once it is ready
      if (outer) outer.dispose();
      else void pendingOuter?.then((o) => o.dispose(), () => undefined);
    }
    // Checked books: on the same executor, after the sweep; the sweep's own tiers are what they are checked against.
    let checked;
    let points = allEvaluated(run);
    if (books !== undefined) {
      const runs = await runBookCheck(spec, books, {
        executor,
        resume,
        random: {
          stationKinds: stationCouponKinds(ms.stations.map(stationServiceRecord)),
          intervals: ms.horizon.intervals,
          maxChargeYuanPerKWh: spec.window.maxChargeYuanPerKWh ?? 2,
          maxV2gYuanPerVisit: spec.window.maxV2gYuanPerVisit ?? 60,
        },
        onProgress: (d, n) => options.onBookProgress?.(model, d, n),
      });
      checked = bookCheck(runs, assembleTiers(run, axes, options.hullTolerance ?? 1e-6), axes, options.outsideToleranceMw ?? DEFAULT_OUTSIDE_TOLERANCE_MW);
      points = [...points, ...runs.books.map((b) => b.point)];
    }
    return {
      model,
      timeIndex: t,
      time: intervalClock(ms.horizon.start, ms.horizon.intervalMin, t),
      intervalMin: ms.horizon.intervalMin,
      intervals: ms.horizon.intervals,
      stations: ids,
      buses: ms.stations.map((s) => s.bus),
      axes,
      window: specWindow(spec, ms, t, dtaIntervalMin),
      run,
      tiers: assembleTiers(run, axes, options.hullTolerance ?? 1e-6, points),
      outer: outerRegion,
      ...(checked === undefined ? {} : { bookCheck: checked }),
      wallMs: performance.now() - began,
    };
  };
  try {
    // The models' sweeps run side by side on the executor: one model's tasks fill the pauses of the
    // other's phases (round barriers, hulls and outer LPs in this thread). Each sweep's result does
    // not depend on what else runs (runSweep, step 4).
    return await Promise.all(specs.map(sweepOne));
  } finally {
    await executor.close();
  }
}

/**
 * A promise of `make()` started on the next turn of the event loop, so the caller's synchronous work
 * (submitting the first tasks to the pool) goes first.
 */
function deferred<T>(make: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(make);
}

/**
 * Progress of sweeps running side by side, reported one model after the other as if they ran in
 * turn (the CLI draws one bar per model): a model's steps are held back until every earlier model
 * has finished, then its latest step is reported.
 */
function inModelOrder(models: readonly FlexModel[], onProgress: FlexStudyOptions['onProgress']): (index: number, done: number, total: number) => void {
  const latest: ({ done: number; total: number } | undefined)[] = models.map(() => undefined);
  const finished = models.map(() => false);
  let current = 0;
  const report = (i: number): void => {
    const step = latest[i];
    if (step) onProgress?.(models[i], step.done, step.total);
  };
  return (index, done, total) => {
    latest[index] = { done, total };
    finished[index] = done >= total;
    if (index !== current) return;
    report(index);
    while (finished[current] && current + 1 < models.length) {
      current++;
      report(current);
    }
  };
}

/**
 * Check a study's options against its scenario without running anything (the CLI calls
 * it before it touches any file): the same `InputError`s as {@link runFlexStudy}.
 *
 * @returns the specs the study would sweep, one per model (their resume keys: `resumeKey`)
 * @throws InputError for bad input
 * @example
 * checkFlexStudyOptions({ stations: ['CS1', 'CS9'] }); // InputError: "CS9": not a station of the scenario
 */
export function checkFlexStudyOptions(options: FlexStudyOptions = {}): readonly SweepSpec[] {
  return flexStudySpecs(options).specs;
}

/** Validate the options and build one spec per model (synchronous: no run, no file written). */
function flexStudySpecs(options: FlexStudyOptions): { specs: SweepSpec[]; ids: string[]; axes: number[]; books?: BookSource } {
  const source = 'flex';
  const file = options.scenarioFile ?? DEFAULT_SCENARIO_FILE;
  const overrides = options.overrides ?? [];
  const loaded = readScenarioFile(file, overrides);
  const scenario = loaded.scenario;
  const ids = scenario.stations.map((s) => s.id);
  const axisIds = options.stations ?? ids;
  const axes = axisIds.map((id) => {
    const s = ids.indexOf(id);
    if (s < 0) throw new InputError({ source, field: 'stations', value: id }, `not a station of the scenario (${ids.join(', ')})`);
    return s;
  });
  if (new Set(axes).size !== axes.length || axes.length === 0) {
    throw new InputError({ source, field: 'stations', value: axisIds.join(',') }, 'must name distinct stations, at least one');
  }
  const timeIndex = options.timeIndex ?? 6;
  if (!Number.isInteger(timeIndex) || timeIndex < 0 || timeIndex >= scenario.horizon.intervals) {
    throw new InputError({ source, field: 'time', value: timeIndex }, `must be an interval index in [0, ${scenario.horizon.intervals - 1}] (the scenario's horizon)`);
  }
  const budgets = [...new Set(options.budgetsYuan ?? [1000, 2000, 4000, 6000])].sort((a, b) => a - b);
  if (budgets.length === 0) throw new InputError({ source, field: 'budgets' }, 'must list at least one budget');
  for (const b of budgets) {
    if (!Number.isFinite(b) || b <= 0) throw new InputError({ source, field: 'budgets', value: b }, 'each budget must be a positive number of ¥');
  }
  if (axes.length > MAX_ADAPTIVE_AXES) {
    throw new InputError(
      { source, field: 'stations', value: axisIds.join(',') },
      `${axes.length} stations span a ${axes.length}-dimensional region, more than the method handles (at most ${MAX_ADAPTIVE_AXES} axes): `
        + `use --stations to choose at most ${MAX_ADAPTIVE_AXES}, e.g. --stations ${ids.slice(0, 3).join(',')}`,
    );
  }
  if (options.stepDeg !== undefined && options.directions === undefined && axes.length > 3) {
    throw new InputError(
      { source, field: 'directions', value: options.stepDeg },
      `an angle grid on ${axes.length} axes grows as (180/step)^${axes.length - 1}; leave --directions out for the adaptive set `
        + `(--direction-budget), or choose at most 3 stations with --stations`,
    );
  }
  const isAdaptive = options.directions === undefined && options.stepDeg === undefined;
  const onAxes = options.directions ?? (isAdaptive ? startingDirections(axes.length) : directionsNd(axes.length, { stepDeg: options.stepDeg }));
  const directionBudget = options.directionBudget ?? defaultDirectionBudget(axes.length);
  const volumeTolerance = options.volumeTolerance ?? 0.02;
  const roundSize = options.roundSize ?? defaultRoundSize(axes.length);
  if (!Number.isInteger(directionBudget) || directionBudget < 1) {
    throw new InputError({ source, field: 'directionBudget', value: directionBudget }, 'must be a positive integer');
  }
  if (!Number.isFinite(volumeTolerance) || volumeTolerance < 0) {
    throw new InputError({ source, field: 'volumeTolerance', value: volumeTolerance }, 'must be a fraction ≥ 0, e.g. 0.02');
  }
  if (!Number.isInteger(roundSize) || roundSize < 1) throw new InputError({ source, field: 'roundSize', value: roundSize }, 'must be a positive integer');
  if (onAxes.length === 0) throw new InputError({ source, field: 'directions' }, 'the direction set is empty');
  onAxes.forEach((a, i) => {
    const norm = Math.hypot(...a);
    if (a.length !== axes.length || !a.every(Number.isFinite) || norm === 0) {
      throw new InputError({ source, field: `directions[${i}]`, value: a }, `must be a non-zero vector of ${axes.length} finite numbers`);
    }
  });
  // Directions live in the full station space, zero off the axes (the search projects on all stations).
  const directions = onAxes.map((a) => {
    const norm = Math.hypot(...a);
    const full = new Array<number>(ids.length).fill(0);
    axes.forEach((s, i) => (full[s] = a[i] / norm));
    return full;
  });
  const models = options.models ?? ['dta'];
  // The resume key's scenario half: the content of the scenario and of every file it references.
  const scenarioHash = bundleScenario(file, overrides).hash;
  const specs: SweepSpec[] = models.map((model) => ({
    scenarioFile: loaded.file,
    overrides,
    scenarioHash,
    model,
    timeIndex,
    window: {
      lookbackIntervals: options.lookbackIntervals,
      blocks: options.blocks,
      // explicit, so results files of the window-only basis (no span in their spec) never match
      span: options.span ?? 'horizon',
      maxChargeYuanPerKWh: options.maxChargeYuanPerKWh,
      maxV2gYuanPerVisit: options.maxV2gYuanPerVisit,
    },
    levels: options.levels ?? DEFAULT_PROBE_LEVELS,
    controls: { fitSteps: options.controls?.fitSteps ?? 3, refineSteps: options.controls?.refineSteps ?? 1 },
    directions,
    budgetsYuan: budgets,
    adaptive: isAdaptive ? { axes, directionBudget, volumeTolerance, roundSize } : undefined,
    staIntervalMin: model === 'sta' ? (options.staIntervalMin ?? 30) : undefined,
    shedToleranceMw: options.shedToleranceMw,
    ...(options.allowLarge === true ? { allowLarge: true } : {}),
  }));
  // Map every model's scenario before running anything, so a bad STA interval fails fast.
  for (const spec of specs) specScenario(spec);
  return { specs, ids, axes, books: studyBooks(options.checkBooks, { scenario, models, outsideToleranceMw: options.outsideToleranceMw, maxChargeYuanPerKWh: options.maxChargeYuanPerKWh, maxV2gYuanPerVisit: options.maxV2gYuanPerVisit }) };
}
