import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openResumeLog } from '../../../src/flex/sweep/resumeLog.ts';
import type { SweepSpec } from '../../../src/flex/sweep/sweepSpec.ts';
import { InputError } from '../../../src/common/errors.ts';

const spec: SweepSpec = { scenarioFile: '/x.json', overrides: [], model: 'dta', timeIndex: 6, window: {}, levels: [1], controls: {}, directions: [[1]], budgetsYuan: [1000] };
const infeasible = { netMw: [Number.NaN], subsidyYuan: Number.POSITIVE_INFINITY, dueGap: Number.NaN, converged: false, feasible: false, x: [0.5] };

describe('openResumeLog', () => {
  it('should round-trip results, non-finite numbers included, and keep specs apart', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flex-resume-')), 'r.jsonl');
    const log = openResumeLog(file);
    expect(log.loaded).toBe(0);
    log.put(spec, 'design:1', { kind: 'design', probe: 1, point: infeasible, runs: 1 });
    const again = openResumeLog(file);
    expect(again.loaded).toBe(1);
    const r = again.get(spec, 'design:1');
    expect(r).toEqual({ kind: 'design', probe: 1, point: infeasible, runs: 1 });
    expect(again.get({ ...spec, budgetsYuan: [2000] }, 'design:1')).toBeUndefined();
  });
  it('should skip a torn last line and reject a file that is not a results file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-resume-'));
    const file = join(dir, 'r.jsonl');
    openResumeLog(file).put(spec, 'design:0', { kind: 'design', probe: 0, point: { ...infeasible, x: [0] }, runs: 1 });
    appendFileSync(file, '{"spec":"ab');
    expect(openResumeLog(file).loaded).toBe(1);
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, 'hello\n{"a":1}\n{"b":2}\n');
    expect(() => openResumeLog(bad)).toThrow(InputError);
  });
});
