/**
 * A batch case that throws on the inline executor is a dead letter as on the queue
 * (docs/distributed.md "Failure semantics"): a `failed` row with its attempts (1) and reason,
 * no case folder, the other cases run and written, exit 2.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SolverError } from '../../src/common/errors.ts';
import { gridCases, inlineBatchExecutor, runBatch, type BatchExecutor } from '../../src/batch/index.ts';
import { DEFAULT_SCENARIO_FILE } from '../../src/sim/index.ts';

const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'];

describe('runBatch with a case that throws (inline executor)', () => {
  it('records a failed row (attempts 1, the error message), writes the other case, exit 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'batch-dead-')), 'b');
    const failing = (display: string): BatchExecutor => {
      const inner = inlineBatchExecutor(display);
      return {
        ...inner,
        run: (p) => (p.task.overrides.includes('demand.scale=1.2') ? Promise.reject(new SolverError('test', 'error', 'the solver threw')) : inner.run(p)),
      };
    };
    const outcome = await runBatch({
      scenarioFile: DEFAULT_SCENARIO_FILE, overrides: SMALL, title: 't', cases: gridCases(['demand.scale=0.8,1.2']), outDir: out, executor: failing,
    });
    expect(outcome.exit).toBe(2);
    expect(outcome.rows.map((r) => [r.case, r.status, r.exit, r.attempts, r.problem])).toEqual([
      ['case-01', 'ok', 0, null, ''],
      ['case-02', 'failed', 2, 1, 'test: error: the solver threw'],
    ]);
    expect(existsSync(join(out, 'case-01', 'summary.json'))).toBe(true);
    expect(existsSync(join(out, 'case-02'))).toBe(false);
    const rows = parse(readFileSync(join(out, 'batch.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.status, r.attempts, r.problem, r.peakStationNetMw === ''])).toEqual([['ok', '', '', false], ['failed', '1', 'test: error: the solver threw', true]]);
  }, 120_000);
});
