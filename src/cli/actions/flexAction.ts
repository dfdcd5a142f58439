/**
 * `ev-cosim flex [scenario]`: the flexible operation region of the station loads at
 * t* per subsidy tier, DTA and/or STA, with hulls, tables, tier planning and an
 * HTML report (docs/model.md §5). Output keys: docs/flexibility.md.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { InputError } from '../../common/errors.js';
import { flexJson } from '../../flex/report/flexJson.js';
import { writeFlexOutputs } from '../../flex/report/writeFlexOutputs.js';
import { parseGridNeed } from '../../flex/plan/gridNeed.js';
import { planTierForResult, type TierPlan } from '../../flex/plan/planTier.js';
import { runFlexStudy } from '../../flex/sweep/runFlexStudy.js';
import type { FlexModel } from '../../flex/sweep/sweepSpec.js';
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
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'ev-cosim flex {model} |{bar}| {value}/{total} tasks', hideCursor: true }) : undefined;
  let barModel = '';
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
        onProgress: (model, done, total) => {
          if (!bar) return;
          if (barModel !== model) {
            if (barModel !== '') bar.stop();
            barModel = model;
            bar.start(total, 0, { model });
          }
          bar.update(done, { model });
        },
      });
    } finally {
      bar?.stop();
    }
  })();
  const plans: TierPlan[] = [];
  if (need) for (const r of results) plans.push(await planTierForResult(r, need));
  const written = writeFlexOutputs(results, plans, outDir, { resumeFile: options.resume });
  const json = flexJson(results, plans);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...json, files: written })}\n`);
    return;
  }
  process.stdout.write(textTable(results, plans, outDir));
}

function textTable(results: Awaited<ReturnType<typeof runFlexStudy>>, plans: TierPlan[], outDir: string): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.model.toUpperCase()} flexible operation region at ${r.time} (t${r.timeIndex}), stations ${r.axes.map((s) => r.stations[s]).join(', ')}`);
    lines.push('  budget ¥   rank   volume MW^n   area MW^(n-1)   increase %   ranges MW');
    for (const t of r.tiers) {
      lines.push(
        `  ${String(t.budgetYuan).padStart(8)}   ${String(t.hull.affineRank).padStart(4)}   ${t.hull.volume.toFixed(4).padStart(11)}   ${(t.hull.area ?? 0).toFixed(4).padStart(13)}   ${(t.volumeIncreasePct === undefined ? '–' : t.volumeIncreasePct.toFixed(1)).padStart(10)}   ${t.rangeMw.map((x) => `[${x.min.toFixed(2)}, ${x.max.toFixed(2)}]`).join(' ')}`,
      );
      if (t.hull.constantTotal !== undefined) lines.push(`             flat region: total station load constant at ${t.hull.constantTotal.toFixed(3)} MW`);
    }
    const runs = r.run.runs.design + r.run.runs.search;
    lines.push(`  ${runs} co-simulation runs, ${(r.wallMs / 1000).toFixed(1)} s`);
  }
  for (const p of plans) lines.push(p.summary);
  lines.push(`written to ${outDir}`);
  return `${lines.join('\n')}\n`;
}
