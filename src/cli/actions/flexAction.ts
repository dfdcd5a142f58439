/**
 * What `ev-cosim flex` does once its options are parsed (loaded lazily by `../commands/flex.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim flex [scenario]`: the flexible operation region of the station loads at
 * t* per subsidy tier, DTA and/or STA, with hulls, tables, tier planning and an
 * HTML report (docs/model.md §5). Output keys: docs/flexibility.md §8 and FLEX_OUTPUT_DOCS
 * (src/flex/report/outputDocs.ts).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { EXIT_SOLVER_FAILURE, InputError } from '../../common/errors.js';
import { checkOutputFolder, openWorkFolder, removeWorkFolder } from '../../common/outputFolder.js';
import { MAX_ADAPTIVE_AXES } from '../../flex/directions/adaptiveDirections.js';
import { DEFAULT_SHED_TOLERANCE_MW } from '../../flex/search/flexEvaluation.js';
import { rejectedSummary } from '../../flex/report/tierTablesHtml.js';
import { narrowStationsWarning } from '../../flex/report/narrowStations.js';
import { flexJson } from '../../flex/report/flexJson.js';
import { writeFlexOutputs } from '../../flex/report/writeFlexOutputs.js';
import { parseGridNeeds } from '../../flex/plan/gridNeed.js';
import { planTierForResult, type TierPlan } from '../../flex/plan/planTier.js';
import { checkResumeFile, openResumeLog, resumeMismatch, seedResumeLog } from '../../flex/sweep/resumeLog.js';
import { checkFlexStudyOptions, runFlexStudy, type FlexStudyOptions } from '../../flex/sweep/runFlexStudy.js';
import { TIER_REJECTIONS, type FlexTier } from '../../flex/sweep/assembleTiers.js';
import type { FlexModel, SweepSpec } from '../../flex/sweep/sweepSpec.js';
import { intervalClock, OUTSIDE_OUTER_TOLERANCE_MW, regionMeasureKey, tierBounds } from '../../flex/sweep/flexModelResult.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';
import { resolveScenario } from '../../sim/run/resolveScenario.js';
import { capWorkers } from '../../sim/run/sizeEstimate.js';
import { packageVersion } from '../../sim/scenario/scenarioBundle.js';
import { parseQueueUrl } from '../../jobs/index.js';
import { bookCheckLines, bookProgress, flexBookOptions, type FlexBookOptions } from './flexBooks.js';

export interface FlexCommandOptions {
  readonly budgets: string;
  readonly directions?: string;
  readonly directionBudget?: string;
  readonly volumeTolerance: string;
  readonly time: string;
  readonly model: string;
  readonly workers?: string;
  /** `--executor`: inline (this thread), local (a thread pool) or queue (`ev-cosim worker`s on a Redis queue). */
  readonly executor?: string;
  /** `--queue`: the Redis URL of the queue executor (else EV_COSIM_QUEUE). */
  readonly queue?: string;
  /** `--allow-large`: run above the size limit (docs/limits.md). */
  readonly allowLarge?: boolean;
  /** Keep a `--workers` count above the available cores. */
  readonly forceWorkers?: boolean;
  readonly out?: string;
  readonly resume?: string;
  /** `--force`: replace a results folder another ev-cosim command wrote. */
  readonly force?: boolean;
  readonly json?: boolean;
  readonly stations?: string;
  /** `--need`, repeatable (a single string is accepted too). */
  readonly need?: string | readonly string[];
  readonly lookback: string;
  readonly levels?: string;
  readonly refine: string;
  readonly set: string[];
  /** `--shed-tolerance <MW>`: shed / curtailment above this rejects a run [1e-6]. */
  readonly shedTolerance?: string;
}

/** Every option of `flex`, the checked books' included. */
export type FlexCommandAllOptions = FlexCommandOptions & FlexBookOptions;

const SOURCE = 'ev-cosim flex';


function numberList(field: string, text: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new InputError({ source: SOURCE, field, value: text }, 'must list at least one number');
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isFinite(v)) throw new InputError({ source: SOURCE, field, value: p }, 'is not a number');
    return v;
  });
}

function integer(field: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new InputError({ source: SOURCE, field, value: text }, `must be an integer ≥ ${min}`);
  return v;
}

export async function flexCommand(file: string | undefined, options: FlexCommandAllOptions): Promise<void> {
  const loaded = readScenarioFile(file, options.set);
  const budgets = numberList('--budgets', options.budgets);
  for (const b of budgets) if (b <= 0) throw new InputError({ source: SOURCE, field: '--budgets', value: b }, 'each budget must be > 0 ¥');
  const stepDeg = options.directions === undefined ? undefined : Number(options.directions);
  if (stepDeg !== undefined && (!Number.isFinite(stepDeg) || stepDeg <= 0 || stepDeg > 180)) {
    throw new InputError({ source: SOURCE, field: '--directions', value: options.directions }, 'must be an angular step in (0, 180] degrees; the direction set would be empty');
  }
  const directionBudget = options.directionBudget === undefined ? undefined : integer('--direction-budget', options.directionBudget, 1);
  const volumeTolerance = Number(options.volumeTolerance);
  if (!Number.isFinite(volumeTolerance) || volumeTolerance < 0 || volumeTolerance >= 1) {
    throw new InputError({ source: SOURCE, field: '--volume-tolerance', value: options.volumeTolerance }, 'must be a fraction in [0, 1), e.g. 0.02');
  }
  const timeIndex = integer('--time', options.time, 0);
  const models: FlexModel[] = options.model === 'both' ? ['dta', 'sta'] : options.model === 'dta' || options.model === 'sta' ? [options.model] : [];
  if (models.length === 0) throw new InputError({ source: SOURCE, field: '--model', value: options.model }, 'must be dta, sta or both');
  const cap = capWorkers(options.workers === undefined ? undefined : integer('--workers', options.workers, 1), { force: options.forceWorkers === true });
  if (cap.note !== undefined) process.stderr.write(`ev-cosim flex: ${cap.note}\n`);
  const executorKind = options.executor ?? 'local';
  if (executorKind !== 'inline' && executorKind !== 'local' && executorKind !== 'queue') {
    throw new InputError({ source: SOURCE, field: '--executor', value: executorKind }, 'must be inline, local or queue');
  }
  const queueAddress = executorKind === 'queue' ? parseQueueUrl(options.queue) : undefined;
  const workers = executorKind === 'inline' ? 1 : cap.workers;
  const stations = options.stations?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  // checked before any output folder is touched: bad needs end with exit 1 and no file written
  const needTexts = options.need === undefined ? [] : typeof options.need === 'string' ? [options.need] : [...options.need];
  const needs = parseGridNeeds(needTexts, loaded.scenario);
  const levels = options.levels === undefined ? undefined : numberList('--levels', options.levels);
  for (const l of levels ?? []) if (l <= 0 || l > 1) throw new InputError({ source: SOURCE, field: '--levels', value: l }, 'each level must be in (0, 1]');

  // Every option is checked before the output folder or results.jsonl is touched: bad input → exit 1, no file changed.
  const checked = checkStudyOptions(loaded.scenario, { stations, timeIndex, stepDeg, options });

  let study: FlexStudyOptions = {
    scenarioFile: loaded.file,
    overrides: options.set,
    models,
    timeIndex,
    budgetsYuan: budgets,
    stations,
    stepDeg,
    directionBudget,
    volumeTolerance,
    lookbackIntervals: checked.lookbackIntervals,
    levels: levels === undefined ? undefined : [...levels].sort((a, b) => a - b),
    controls: { refineSteps: checked.refineSteps },
    shedToleranceMw: checked.shedToleranceMw,
    workers,
    // local: a thread pool even for one worker (a pool thread is what `--workers 2` adds; inline is --executor inline)
    ...(executorKind === 'local' ? { executorOptions: { pool: true } } : {}),
    allowLarge: options.allowLarge === true,
    ...flexBookOptions(options),
  };
  const specs = checkFlexStudyOptions(study);
  // the size limit with every worker's co-simulation held at once (docs/limits.md), before any file is touched
  resolveScenario(loaded.scenario, loaded.baseDir, loaded.file, { allowLarge: options.allowLarge === true, workers: executorKind === 'queue' ? 1 : workers ?? availableParallelism() });
  // The output folder contract of `run` (src/common/outputFolder.ts), then the --resume file (only read):
  // both refused before anything is written.
  const outDir = options.out ?? `out/${loaded.name}-flex`;
  const folder = checkOutputFolder(outDir, { command: 'flex', force: options.force });
  if (options.resume !== undefined) checkResumeFile(options.resume, specs);
  // the queue is reached before anything is written: no server → one line, exit 1, no file touched
  if (queueAddress !== undefined) study = { ...study, executor: await (await import('../../flex/queue/index.js')).queueTaskExecutor(queueAddress) };
  const work = openWorkFolder(folder, ['results.jsonl']);
  const log = join(work.dir, 'results.jsonl');
  adoptInterruptedLog(work.found, log, specs);
  if (options.resume !== undefined) seedResumeLog(log, options.resume, specs);
  const { horizon } = loaded.scenario;
  const what = `${stations?.join(', ') ?? loaded.scenario.stations.map((s) => s.id).join(', ')} at ${intervalClock(horizon.start, horizon.intervalMin, timeIndex)} (interval ${timeIndex})`;
  const progress = flexProgress(models, what, budgets.length, study.executor?.concurrency ?? workers ?? availableParallelism());
  // Deferred to the first turn of the event loop: the study's own input checks (t*, stations) run
  // synchronously before it, so bad input ends with its message alone, not after "preparing".
  const preparing = setTimeout(() => progress.preparing(models[0]), 0);
  const results = await (async () => {
    try {
      return await runFlexStudy({ ...study, resumeFile: log, onProgress: progress.update, onBookProgress: bookProgress() });
    } catch (error) {
      // nothing finished: leave no working folder behind (a sweep with finished tasks keeps it for the next start)
      if (!existsSync(log) || statSync(log).size === 0) removeWorkFolder(work);
      throw error;
    } finally {
      clearTimeout(preparing);
      progress.stop();
    }
  })();
  const plans: TierPlan[] = [];
  if (needs.length > 0) for (const r of results) plans.push(await planTierForResult(r, needs));
  const inputs = { scenarioSha256: specs[0].scenarioHash ?? '', version: packageVersion() };
  const written = writeFlexOutputs(results, plans, folder, { resumeFile: log, scenario: loaded.name, inputs });
  removeWorkFolder(work);
  const json = flexJson(results, plans, loaded.name);
  if (options.json) process.stdout.write(`${JSON.stringify({ ...json, files: written })}\n`);
  else process.stdout.write(textTable(results, plans, outDir));
  reportTrouble(results);
  reportDeadLetters(results);
}

/**
 * One stderr line per dead letter (a sweep task that failed for good; docs/distributed.md), after
 * the outputs were written without it: exit 2, the results are incomplete.
 */
function reportDeadLetters(results: Awaited<ReturnType<typeof runFlexStudy>>): void {
  let dead = 0;
  for (const r of results) {
    for (const l of [...(r.run.deadLetters ?? []), ...(r.bookCheck?.deadLetters ?? [])]) {
      dead++;
      const what = l.kind === 'design' ? `design probe ${l.probe}` : l.kind === 'direction' ? `direction ${l.direction}` : l.kind === 'book' ? `checked book ${(l.book ?? 0) + 1}` : l.kind;
      process.stderr.write(`ev-cosim flex: dead letter: ${r.model.toUpperCase()} ${what} (${l.taskId}) failed after ${l.attempts} attempt${l.attempts === 1 ? '' : 's'}: ${l.reason}; `
        + 'its points are missing from the results (run again with --resume <out>/results.jsonl to retry only the missing tasks)\n');
    }
  }
  if (dead > 0) process.exitCode = EXIT_SOLVER_FAILURE;
}

/**
 * The task log a killed or failed sweep left in the working folder: kept when it was written for
 * the same scenario content and options (its tasks are reused: the key makes that safe), else
 * removed (it is the tool's own file), with a line on stderr either way.
 */
function adoptInterruptedLog(found: boolean, log: string, specs: readonly SweepSpec[]): void {
  if (!found || !existsSync(log)) return;
  let why: string | undefined;
  try {
    why = resumeMismatch(log, specs);
  } catch {
    why = 'unreadable';
  }
  if (why === undefined) {
    const tasks = openResumeLog(log).loaded;
    process.stderr.write(`ev-cosim flex: resuming ${tasks} task${tasks === 1 ? '' : 's'} of an interrupted sweep of the same scenario and options (${log})\n`);
    return;
  }
  rmSync(log, { force: true });
  const what = why === 'scenario' ? 'of another scenario content' : why === 'options' ? 'with other options' : 'unreadable';
  process.stderr.write(`ev-cosim flex: removed the task log of an interrupted sweep ${what} (${log})\n`);
}

/** What {@link checkStudyOptions} computed. */
interface CheckedOptions {
  readonly lookbackIntervals: number;
  readonly refineSteps: number;
  readonly shedToleranceMw: number;
}

/**
 * Check the options the study would refuse, against the scenario, before any file is touched:
 * the station subset (empty, unknown, repeated, too many axes, an angle grid on more than 3),
 * t* inside the horizon, `--lookback`, `--refine` and `--shed-tolerance`.
 */
function checkStudyOptions(
  scenario: ReturnType<typeof readScenarioFile>['scenario'],
  given: { stations?: readonly string[]; timeIndex: number; stepDeg?: number; options: FlexCommandOptions },
): CheckedOptions {
  const ids = scenario.stations.map((s) => s.id);
  const { options } = given;
  if (given.stations !== undefined) {
    if (given.stations.length === 0) throw new InputError({ source: SOURCE, field: '--stations', value: options.stations }, `must name at least one station of the scenario (${ids.join(', ')})`);
    for (const id of given.stations) {
      if (!ids.includes(id)) throw new InputError({ source: SOURCE, field: '--stations', value: id }, `not a station of the scenario (${ids.join(', ')})`);
    }
    if (new Set(given.stations).size !== given.stations.length) throw new InputError({ source: SOURCE, field: '--stations', value: options.stations }, 'names a station twice');
  }
  const axes = given.stations?.length ?? ids.length;
  if (axes > MAX_ADAPTIVE_AXES) {
    throw new InputError(
      { source: SOURCE, field: '--stations', value: (given.stations ?? ids).join(',') },
      `${axes} stations span a ${axes}-dimensional region, more than the method handles (at most ${MAX_ADAPTIVE_AXES} axes): `
        + `use --stations to choose at most ${MAX_ADAPTIVE_AXES}, e.g. --stations ${ids.slice(0, 3).join(',')}`,
    );
  }
  if (given.stepDeg !== undefined && axes > 3) {
    throw new InputError(
      { source: SOURCE, field: '--directions', value: options.directions },
      `an angle grid on ${axes} axes grows as (180/step)^${axes - 1}; leave --directions out for the adaptive set (--direction-budget), or choose at most 3 stations with --stations`,
    );
  }
  const { intervals } = scenario.horizon;
  if (given.timeIndex >= intervals) {
    throw new InputError({ source: SOURCE, field: '--time', value: given.timeIndex }, `must be an interval index in [0, ${intervals - 1}] (the scenario's horizon)`);
  }
  const lookbackIntervals = integer('--lookback', options.lookback, 0);
  const refineSteps = integer('--refine', options.refine, 0);
  const tolerance = options.shedTolerance === undefined ? DEFAULT_SHED_TOLERANCE_MW : Number(options.shedTolerance);
  if (options.shedTolerance !== undefined && (options.shedTolerance.trim() === '' || !Number.isFinite(tolerance) || tolerance < 0)) {
    throw new InputError({ source: SOURCE, field: '--shed-tolerance', value: options.shedTolerance }, 'must be a number of MW ≥ 0, e.g. 1e-6');
  }
  return { lookbackIntervals, refineSteps, shedToleranceMw: tolerance };
}

/**
 * After the outputs: a loud warning when an admissible point lies outside the outer bound
 * (the bound or a run is wrong), and exit 2 when a model has no admissible point at all.
 */
function reportTrouble(results: Awaited<ReturnType<typeof runFlexStudy>>): void {
  for (const r of results) {
    const narrow = narrowStationsWarning(r);
    if (narrow) process.stderr.write(`${narrow}\n`);
    for (const t of r.tiers) {
      const outside = tierBounds(r, t).outsideOuter;
      if (outside !== null && outside > 0) {
        process.stderr.write(`ev-cosim flex: WARNING: ${r.model.toUpperCase()} tier ${t.budgetYuan} ¥: ${outside} admissible point${outside > 1 ? 's lie' : ' lies'} OUTSIDE the outer bound `
          + `by more than ${OUTSIDE_OUTER_TOLERANCE_MW} MW: the outer bound or a co-simulation run is wrong; do not trust this region\n`);
      }
    }
  }
  const empty = results.filter((r) => (r.tiers[r.tiers.length - 1]?.admissiblePoints ?? 0) === 0);
  for (const r of empty) {
    const top = r.tiers[r.tiers.length - 1];
    const why = top ? rejectedSummary(top) : 'no runs';
    process.stderr.write(`ev-cosim flex: no admissible point: no ${r.model.toUpperCase()} run is served by the grid within ${top?.budgetYuan ?? 0} ¥ (rejected: ${why}); the region is empty\n`);
  }
  if (empty.length > 0) process.exitCode = EXIT_SOLVER_FAILURE;
}

/**
 * What a user sees on stderr (a TTY only, like the other commands' progress): a
 * "preparing" line as soon as the options are checked — the first progress step waits
 * for every worker to solve the base equilibrium — then a bar per model, and a new
 * "preparing" line when the next model's sweep starts.
 */
function flexProgress(models: readonly FlexModel[], what: string, budgets: number, workers: number) {
  const tty = process.stderr.isTTY === true;
  const bar = tty ? new SingleBar({ stream: process.stderr, format: 'ev-cosim flex {model} |{bar}| {value}/{total} tasks', hideCursor: true }) : undefined;
  let barModel: FlexModel | undefined;
  const preparing = (model: FlexModel): void => {
    if (!tty) return;
    process.stderr.write(`ev-cosim flex: preparing the ${model.toUpperCase()} sweep of ${what}, ${budgets} budget${budgets > 1 ? 's' : ''}, ${workers} worker${workers > 1 ? 's' : ''}: `
      + 'solving the base equilibrium without coupons first …\n');
  };
  return {
    preparing,
    update: (model: FlexModel, done: number, total: number): void => {
      if (!bar) return;
      if (barModel !== model) {
        if (barModel !== undefined) bar.stop();
        barModel = model;
        bar.start(total, done, { model: model.toUpperCase() });
      } else {
        bar.update(done, { model: model.toUpperCase() });
      }
      const next = models[models.indexOf(model) + 1];
      if (done === total && next !== undefined) {
        bar.stop();
        preparing(next);
      }
    },
    stop: (): void => bar?.stop(),
  };
}

/** Right-aligned columns: header row first. */
function columns(rows: readonly string[][], indent = '  '): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => indent + r.map((v, c) => v.padStart(widths[c])).join('  '));
}

/** Inner volume (`0(flat)` when the hull is flat), outer volume, ratio, admissible points, rejected runs `reason:count,…`. */
function boundColumns(r: Awaited<ReturnType<typeof runFlexStudy>>[number], t: FlexTier): string[] {
  const b = tierBounds(r, t);
  const flat = t.hull.affineRank < r.axes.length;
  const size = t.admissiblePoints === 0 ? '0(empty)' : flat ? '0(flat)' : b.innerVolume.toFixed(4);
  const rejected = TIER_REJECTIONS.filter((k) => t.rejected[k] > 0).map((k) => `${k}:${t.rejected[k]}`).join(',');
  return [
    size, b.outerVolume === null ? '–' : b.outerVolume.toFixed(4), b.volumeRatio === null ? '–' : b.volumeRatio.toFixed(3),
    String(t.admissiblePoints), rejected === '' ? 'none' : rejected,
  ];
}

function textTable(results: Awaited<ReturnType<typeof runFlexStudy>>, plans: TierPlan[], outDir: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const names = r.axes.map((s) => r.stations[s]);
    lines.push(`${r.model.toUpperCase()} flexible operation region at ${r.time} (interval ${r.timeIndex}), stations ${r.axes.map((s) => `${r.stations[s]} (bus ${r.buses[s]})`).join(', ')}`);
    const keys = [...new Set(r.tiers.map((t) => regionMeasureKey(t.hull.affineRank)).filter((k) => k !== undefined))];
    const flat = r.tiers.some((t) => t.hull.constantTotal !== undefined);
    const rows: string[][] = [['budgetYuan', 'affineRank', ...keys, 'increasePct', ...(flat ? ['constantTotalMw'] : []), ...names.map((id) => `${id} minNetMw..maxNetMw`),
      `innerVolumeMw${r.axes.length}`, `outerVolumeMw${r.axes.length}`, 'volumeRatio', 'admissiblePoints', 'rejected']];
    for (const t of r.tiers) {
      const key = regionMeasureKey(t.hull.affineRank);
      rows.push([
        String(t.budgetYuan), String(t.hull.affineRank), ...keys.map((k) => (k === key ? t.hull.measure.toFixed(4) : '–')),
        t.volumeIncreasePct === undefined ? '–' : t.volumeIncreasePct.toFixed(1),
        ...(flat ? [t.hull.constantTotal === undefined ? '–' : t.hull.constantTotal.toFixed(3)] : []),
        ...r.axes.map((_, i) => (t.rangeMw[i] ? `${t.rangeMw[i].min.toFixed(2)}..${t.rangeMw[i].max.toFixed(2)}` : '–')),
        ...boundColumns(r, t),
      ]);
    }
    lines.push(...columns(rows));
    const runs = r.run.runs.design + r.run.runs.search;
    const dead = r.run.deadLetters?.length ?? 0;
    lines.push(...bookCheckLines(r));
    lines.push(`  ${runs} co-simulation runs in ${(r.wallMs / 1000).toFixed(1)} s${r.run.resumed > 0 ? `, ${r.run.resumed} tasks resumed` : ''}`
      + `${dead > 0 ? `; INCOMPLETE: ${dead} task${dead === 1 ? '' : 's'} failed (dead letters), their points are missing` : ''}`);
  }
  for (const p of plans) lines.push(p.summary);
  lines.push(`written to ${outDir}`);
  return `${lines.join('\n')}\n`;
}
