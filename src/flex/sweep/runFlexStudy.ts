/**
 * A whole flexibility study: one sweep per traffic model, tiers and hulls, ready
 * for the CLI, the report and the bench (docs/model.md §5).
 */
import { InputError } from '../../common/errors.js';
import { DEFAULT_SCENARIO_FILE, readScenarioFile } from '../../sim/index.js';
import { directionsNd } from '../directions/directionsNd.js';
import type { SearchControls } from '../search/searchDirection.js';
import { assembleTiers } from './assembleTiers.js';
import { intervalClock, type FlexModelResult } from './flexModelResult.js';
import { specScenario, specWindow } from './flexProblem.js';
import { openResumeLog } from './resumeLog.js';
import { runSweep } from './runSweep.js';
import type { FlexModel, SweepSpec } from './sweepSpec.js';
import { taskExecutor } from './taskExecutor.js';

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
  /** Direction set on the axes: explicit unit vectors, or the 45°-style angle grid step, degrees [45]. */
  readonly directions?: readonly (readonly number[])[];
  readonly stepDeg?: number;
  /** Coupon window: look-back k intervals [3], blocks [2], bounds [2 ¥/kWh, 60 ¥/visit]. */
  readonly lookbackIntervals?: number;
  readonly blocks?: number;
  readonly maxChargeYuanPerKWh?: number;
  readonly maxV2gYuanPerVisit?: number;
  /** Probe levels as fractions of the bounds [[0.25, 1]]. */
  readonly levels?: readonly number[];
  /** Search controls [fitSteps 3, refineSteps 1]. */
  readonly controls?: SearchControls;
  /** Worker threads [machine's parallelism]; ≤ 1 runs in this thread. */
  readonly workers?: number;
  /** Results file for `--resume`. */
  readonly resumeFile?: string;
  /** STA interval length, minutes [30]. */
  readonly staIntervalMin?: number;
  /** Relative flatness tolerance of the hulls [1e-6]. */
  readonly hullTolerance?: number;
  readonly onProgress?: (model: FlexModel, done: number, total: number) => void;
}

/**
 * Run a study.
 *
 * 1. Check the inputs against the scenario (`InputError`: empty direction set,
 *    non-positive budget, t* outside the horizon, unknown station).
 * 2. Per model: build the spec, run the sweep on the worker pool (shared by the
 *    models), assemble nested tiers with their hulls.
 *
 * @param options - {@link FlexStudyOptions}
 * @returns one result per model, in the order asked
 * @throws InputError for bad input
 * @example
 * const [dta] = await runFlexStudy({ budgetsYuan: [1000, 2000], workers: 2 });
 * dta.tiers.map((t) => t.hull.volume);
 */
export async function runFlexStudy(options: FlexStudyOptions = {}): Promise<FlexModelResult[]> {
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
  const onAxes = options.directions ?? directionsNd(axes.length, { stepDeg: options.stepDeg ?? 45 });
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
  const specs: SweepSpec[] = models.map((model) => ({
    scenarioFile: loaded.file,
    overrides,
    model,
    timeIndex,
    window: {
      lookbackIntervals: options.lookbackIntervals,
      blocks: options.blocks,
      maxChargeYuanPerKWh: options.maxChargeYuanPerKWh,
      maxV2gYuanPerVisit: options.maxV2gYuanPerVisit,
    },
    levels: options.levels ?? [0.25, 1],
    controls: { fitSteps: options.controls?.fitSteps ?? 3, refineSteps: options.controls?.refineSteps ?? 1 },
    directions,
    budgetsYuan: budgets,
    staIntervalMin: model === 'sta' ? (options.staIntervalMin ?? 30) : undefined,
  }));
  // Map every model's scenario before running anything, so a bad STA interval fails fast.
  for (const spec of specs) specScenario(spec);
  const executor = taskExecutor(options.workers);
  const resume = options.resumeFile ? openResumeLog(options.resumeFile) : undefined;
  try {
    const results: FlexModelResult[] = [];
    for (const spec of specs) {
      const model = spec.model;
      const began = performance.now();
      const { scenario: ms, timeIndex: t, dtaIntervalMin } = specScenario(spec);
      const run = await runSweep(spec, { executor, resume, onProgress: (d, n) => options.onProgress?.(model, d, n) });
      results.push({
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
        tiers: assembleTiers(run, axes, options.hullTolerance ?? 1e-6),
        wallMs: performance.now() - began,
      });
    }
    return results;
  } finally {
    await executor.close();
  }
}
