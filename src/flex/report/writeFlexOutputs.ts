/**
 * Write a flexibility study to a folder: JSON, CSV tables, SVG projections and the
 * HTML report.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { TierPlan } from '../plan/planTier.js';
import { axisLoads, pointJson, type FlexModelResult } from '../sweep/flexModelResult.js';
import { flexJson } from './flexJson.js';
import { flexReportHtml } from './flexReportHtml.js';
import { projectionSvg } from './projectionSvg.js';

/** Options of {@link writeFlexOutputs}. */
export interface WriteFlexOptions {
  /** Results file used for `--resume`; copied into the folder as `results.jsonl` when given. */
  readonly resumeFile?: string;
  /** Title of the report (default: the folder name). */
  readonly title?: string;
}

/**
 * Write the files and return their paths.
 *
 * - `flex.json`: the `--json` object;
 * - `tiers.csv`: model, budget, volume, increase % (seed 003 §3.1 table), affine rank, area, constant total, ranges;
 * - `points.csv`: every tier's point per direction (direction, loads, subsidy, DUE gap, coupons as JSON);
 * - `vertices.csv`: hull vertices per tier;
 * - `projection-<model>.svg`, `report.html`.
 *
 * @param results - one result per model
 * @param plans - tier plans (may be empty)
 * @param outDir - folder (created)
 * @example
 * writeFlexOutputs([dta], [], 'out/ref/flex');
 */
export function writeFlexOutputs(results: readonly FlexModelResult[], plans: readonly TierPlan[], outDir: string, options: WriteFlexOptions = {}): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    files.push(path);
  };
  put('flex.json', `${JSON.stringify(flexJson(results, plans), null, 1)}\n`);
  const tierRows: unknown[][] = [['model', 'time', 'budget_yuan', 'volume_mw_n', 'increase_pct', 'affine_rank', 'area_mw_n_1', 'constant_total_mw', ...rangeHeads(results)]];
  const pointRows: unknown[][] = [['model', 'budget_yuan', 'direction', 'a', 'net_mw', 'subsidy_yuan', 'due_gap', 'coupons_json']];
  const vertexRows: unknown[][] = [['model', 'budget_yuan', 'vertex', 'net_mw', 'subsidy_yuan', 'due_gap', 'coupons_json']];
  for (const r of results) {
    for (const t of r.tiers) {
      tierRows.push([r.model, r.time, t.budgetYuan, t.hull.volume, t.volumeIncreasePct ?? '', t.hull.affineRank, t.hull.area ?? '', t.hull.constantTotal ?? '', ...t.rangeMw.flatMap((x) => [x.min, x.max])]);
      t.directionPoints.forEach((p, d) => {
        const a = r.axes.map((s) => r.run.spec.directions[d][s]);
        pointRows.push([r.model, t.budgetYuan, d, a.map((v) => v.toFixed(4)).join(' '), axisLoads(p, r.axes).join(' '), p.subsidyYuan, p.dueGap, JSON.stringify(pointJson(r, p).coupons)]);
      });
      t.vertices.forEach((p, v) => {
        vertexRows.push([r.model, t.budgetYuan, v, axisLoads(p, r.axes).join(' '), p.subsidyYuan, p.dueGap, JSON.stringify(pointJson(r, p).coupons)]);
      });
    }
    put(`projection-${r.model}.svg`, projectionSvg(r));
  }
  put('tiers.csv', stringify(tierRows));
  put('points.csv', stringify(pointRows));
  put('vertices.csv', stringify(vertexRows));
  put('report.html', flexReportHtml(results, plans, options.title ?? basename(outDir)));
  if (options.resumeFile && existsSync(options.resumeFile) && join(outDir, 'results.jsonl') !== options.resumeFile) {
    copyFileSync(options.resumeFile, join(outDir, 'results.jsonl'));
    files.push(join(outDir, 'results.jsonl'));
  }
  return files;
}

function rangeHeads(results: readonly FlexModelResult[]): string[] {
  const r = results[0];
  return r ? r.axes.flatMap((s) => [`${r.stations[s]}_min_mw`, `${r.stations[s]}_max_mw`]) : [];
}
