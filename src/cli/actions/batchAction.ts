/**
 * What `ev-cosim batch` does once its options are parsed (loaded lazily by `../commands/batch.ts`).
 */
import { InputError } from '../../common/errors.js';
import { csvCases, gridCases, inlineBatchExecutor, queueBatchExecutor, runBatch, type BatchRow } from '../../batch/index.js';
import { parseQueueUrl } from '../../jobs/index.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';

/** Options of the `batch` command. */
export interface BatchCommandOptions {
  readonly grid: string[];
  readonly cases?: string;
  readonly executor: string;
  readonly queue?: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly set: string[];
  readonly json?: boolean;
}

const SOURCE = 'ev-cosim batch';

/** Run `ev-cosim batch [scenario]` (registered in `commands/batch.ts`). */
export async function batchCommand(file: string | undefined, options: BatchCommandOptions): Promise<void> {
  const loaded = readScenarioFile(file, options.set);
  if (options.cases !== undefined && options.grid.length > 0) {
    throw new InputError({ source: SOURCE, field: '--cases', value: options.cases }, 'give either --cases or --grid, not both');
  }
  if (options.cases === undefined && options.grid.length === 0) {
    throw new InputError({ source: SOURCE, field: '--grid', value: '' }, "give at least one --grid 'path=v1,v2,…' or a --cases file");
  }
  const cases = options.cases !== undefined ? csvCases(options.cases) : gridCases(options.grid);
  if (options.executor !== 'inline' && options.executor !== 'queue') {
    throw new InputError({ source: SOURCE, field: '--executor', value: options.executor }, 'must be inline or queue (for parallel cases start `ev-cosim worker`s and use queue)');
  }
  const address = options.executor === 'queue' ? parseQueueUrl(options.queue) : undefined;
  const tty = process.stderr.isTTY === true;
  const outcome = await runBatch({
    scenarioFile: loaded.file,
    overrides: options.set,
    title: loaded.name,
    cases,
    outDir: options.out ?? `out/${loaded.name}/batch`,
    force: options.force,
    executor: (display) => (address ? queueBatchExecutor(address, display) : inlineBatchExecutor(display)),
    onCase: (row, resumed, done, total) => {
      if (options.json !== true || tty) process.stderr.write(`ev-cosim batch: ${done}/${total} ${row.case} ${row.status}${resumed ? ' (resumed)' : ''}\n`);
      if (row.status === 'failed') {
        const attempts = row.attempts ?? 1;
        process.stderr.write(`ev-cosim batch: dead letter: ${row.case} (${row.overrides}) failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${row.problem}; `
          + `no results folder for it (exit ${row.exit}; a second call runs it again)\n`);
      }
    },
  });
  if (options.json) process.stdout.write(`${JSON.stringify({ cases: outcome.rows, resumed: outcome.resumed, exit: outcome.exit, files: outcome.files })}\n`);
  else process.stdout.write(textTable(outcome.rows, outcome.files[0], outcome.resumed));
  if (outcome.exit !== 0) process.exitCode = outcome.exit;
}

function textTable(rows: readonly BatchRow[], csv: string, resumed: number): string {
  const head = ['case', 'status', 'exit', 'peakStationNetMw', 'maxDlmpUsdPerMwh', 'householdShedMwh', 'evEnergyCurtailedMwh', 'overrides'];
  const fmt = (v: number | null): string => (v === null ? '–' : v.toFixed(3));
  const table = [head, ...rows.map((r) => [r.case, r.status, String(r.exit), fmt(r.peakStationNetMw), fmt(r.maxDlmpUsdPerMwh), fmt(r.householdShedMwh), fmt(r.evEnergyCurtailedMwh), r.overrides])];
  const widths = head.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const lines = table.map((r) => `  ${r.map((v, c) => (c === r.length - 1 ? v : v.padStart(widths[c]))).join('  ')}`);
  return `${lines.join('\n')}\n${rows.length} cases${resumed > 0 ? ` (${resumed} resumed)` : ''}; table in ${csv}\n`;
}
