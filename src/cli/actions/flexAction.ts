/**
 * What `ev-cosim flex` does once its options are parsed (loaded lazily by `../commands/flex.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim flex [scenario]`: the flexible operation region of the station loads at
 * t* per subsidy tier, DTA and/or STA, with hulls, tables, tier planning and an
 * HTML report (docs/model.md §5). Output keys: docs/flexibility.md §8 and FLEX_OUTPUT_DOCS
 * (src/flex/report/outputDocs.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { InputError } from '../../common/errors.js';
import { flexJson } from '../../flex/report/flexJson.js';
import { writeFlexOutputs } from '../../flex/report/writeFlexOutputs.js';
import { parseGridNeed } from '../../flex/plan/gridNeed.js';
import { planTierForResult, type TierPlan } from '../../flex/plan/planTier.js';
import { runFlexStudy } from '../../flex/sweep/runFlexStudy.js';
import type { FlexModel } from '../../flex/sweep/sweepSpec.js';
import { intervalClock, regionMeasureKey } from '../../flex/sweep/flexModelResult.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';

export interface FlexCommandOptions {
  readonly budgets: string;
  readonly directions: string;
  readonly time: string;
  readonly model: string;
  readonly workers?: string;
  readonly out?: string;
  readonly resume?: string;
  readonly json?: boolean;
  readonly stations?: string;
  readonly need?: string;
  readonly lookback: string;
  readonly levels: string;
  readonly refine: string;
  readonly set: string[];
}

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

export async function flexCommand(file: string | undefined, options: FlexCommandOptions): Promise<void> {
  const loaded = readScenarioFile(file, options.set);
  const budgets = numberList('--budgets', options.budgets);
  for (const b of budgets) if (b <= 0) throw new InputError({ source: SOURCE, field: '--budgets', value: b }, 'each budget must be > 0 ¥');
  const stepDeg = Number(options.directions);
  if (!Number.isFinite(stepDeg) || stepDeg <= 0 || stepDeg > 180) {
    throw new InputError({ source: SOURCE, field: '--directions', value: options.directions }, 'must be an angular step in (0, 180] degrees; the direction set would be empty');
  }
  const timeIndex = integer('--time', options.time, 0);
  const models: FlexModel[] = options.model === 'both' ? ['dta', 'sta'] : options.model === 'dta' || options.model === 'sta' ? [options.model] : [];
  if (models.length === 0) throw new InputError({ source: SOURCE, field: '--model', value: options.model }, 'must be dta, sta or both');
  const workers = options.workers === undefined ? undefined : integer('--workers', options.workers, 1);
  const stations = options.stations?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const need = options.need === undefined ? undefined : parseGridNeed(options.need, loaded.scenario);
  const levels = numberList('--levels', options.levels);
  for (const l of levels) if (l <= 0 || l > 1) throw new InputError({ source: SOURCE, field: '--levels', value: l }, 'each level must be in (0, 1]');

  const outDir = options.out ?? `out/${loaded.name}/flex`;
  // Without --resume the sweep still logs its tasks to <out>/results.jsonl (fresh), so it can be resumed later.
  const resumeFile = options.resume ?? join(outDir, 'results.jsonl');
  if (options.resume === undefined) {
    mkdirSync(outDir, { recursive: true });
    rmSync(resumeFile, { force: true });
  }
  const { horizon } = loaded.scenario;
  const what = `${stations?.join(', ') ?? loaded.scenario.stations.map((s) => s.id).join(', ')} at ${intervalClock(horizon.start, horizon.intervalMin, timeIndex)} (interval ${timeIndex})`;
  const progress = flexProgress(models, what, budgets.length, workers ?? availableParallelism());
  // Deferred to the first turn of the event loop: the study's own input checks (t*, stations) run
  // synchronously before it, so bad input ends with its message alone, not after "preparing".
  const preparing = setTimeout(() => progress.preparing(models[0]), 0);
  const results = await (async () => {
    try {
      return await runFlexStudy({
        scenarioFile: loaded.file,
        overrides: options.set,
        models,
        timeIndex,
        budgetsYuan: budgets,
        stations,
        stepDeg,
        lookbackIntervals: integer('--lookback', options.lookback, 0),
        levels: [...levels].sort((a, b) => a - b),
        controls: { refineSteps: integer('--refine', options.refine, 0) },
        workers,
        resumeFile,
        onProgress: progress.update,
      });
    } finally {
      clearTimeout(preparing);
      progress.stop();
    }
  })();
  const plans: TierPlan[] = [];
  if (need) for (const r of results) plans.push(await planTierForResult(r, need));
  const written = writeFlexOutputs(results, plans, outDir, { resumeFile: options.resume, scenario: loaded.name });
  const json = flexJson(results, plans, loaded.name);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...json, files: written })}\n`);
    return;
  }
  process.stdout.write(textTable(results, plans, outDir));
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

function textTable(results: Awaited<ReturnType<typeof runFlexStudy>>, plans: TierPlan[], outDir: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const names = r.axes.map((s) => r.stations[s]);
    lines.push(`${r.model.toUpperCase()} flexible operation region at ${r.time} (interval ${r.timeIndex}), stations ${r.axes.map((s) => `${r.stations[s]} (bus ${r.buses[s]})`).join(', ')}`);
    const keys = [...new Set(r.tiers.map((t) => regionMeasureKey(t.hull.affineRank)).filter((k) => k !== undefined))];
    const flat = r.tiers.some((t) => t.hull.constantTotal !== undefined);
    const rows: string[][] = [['budgetYuan', 'affineRank', ...keys, 'increasePct', ...(flat ? ['constantTotalMw'] : []), ...names.map((id) => `${id} minNetMw..maxNetMw`)]];
    for (const t of r.tiers) {
      const key = regionMeasureKey(t.hull.affineRank);
      rows.push([
        String(t.budgetYuan), String(t.hull.affineRank), ...keys.map((k) => (k === key ? t.hull.measure.toFixed(4) : '–')),
        t.volumeIncreasePct === undefined ? '–' : t.volumeIncreasePct.toFixed(1),
        ...(flat ? [t.hull.constantTotal === undefined ? '–' : t.hull.constantTotal.toFixed(3)] : []),
        ...t.rangeMw.map((x) => `${x.min.toFixed(2)}..${x.max.toFixed(2)}`),
      ]);
    }
    lines.push(...columns(rows));
    const runs = r.run.runs.design + r.run.runs.search;
    lines.push(`  ${runs} co-simulation runs in ${(r.wallMs / 1000).toFixed(1)} s${r.run.resumed > 0 ? `, ${r.run.resumed} tasks resumed` : ''}`);
  }
  for (const p of plans) lines.push(p.summary);
  lines.push(`written to ${outDir}`);
  return `${lines.join('\n')}\n`;
}
