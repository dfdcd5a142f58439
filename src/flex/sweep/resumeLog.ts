/**
 * The results file of a sweep: one JSON line per finished task, appended as tasks
 * finish, so an interrupted sweep resumes where it stopped (`--resume FILE`).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { InputError } from '../../common/errors.js';
import { readTextFile } from '../../common/readTextFile.js';
import type { FlexTaskResult } from './flexTask.js';
import { specFingerprint, type SweepSpec } from './sweepSpec.js';

/** A results file opened for one or more specs. */
export interface ResumeLog {
  /** The stored result of a task, when done before. */
  get(spec: SweepSpec, key: string): FlexTaskResult | undefined;
  /** Append a finished task. */
  put(spec: SweepSpec, key: string, result: FlexTaskResult): void;
  /** Tasks loaded from the file. */
  readonly loaded: number;
}

/** Short hash of a spec: lines of another spec (other budgets, directions…) are ignored, never mixed in. */
export function specHash(spec: SweepSpec): string {
  return createHash('sha256').update(specFingerprint(spec)).digest('hex').slice(0, 16);
}

/**
 * Open (or create on first write) a results file.
 *
 * 1. Each line is `{"spec": hash, "key": "design:3" | "direction:7", "result": …}`.
 * 2. Non-finite numbers (an infeasible point's NaN loads, ∞ subsidy) are written as
 *    strings and revived on reading, so a resumed sweep sees exactly what a fresh one did.
 * 3. A line that is not JSON (e.g. cut by a kill mid-write) is skipped; any other
 *    unreadable content is an `InputError` naming the file and line.
 *
 * @param file - path of the JSONL file
 * @example
 * const log = openResumeLog('out/flex/results.jsonl');
 * log.get(spec, 'design:0') ?? (await run());
 */
export function openResumeLog(file: string): ResumeLog {
  const done = new Map<string, FlexTaskResult>();
  if (existsSync(file)) {
    // readTextFile refuses a directory or FIFO given as --resume by name (common/readTextFile.ts).
    const lines = readTextFile(file).split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let row: { spec?: unknown; key?: unknown; result?: unknown };
      try {
        row = JSON.parse(line, reviveNumbers) as typeof row;
      } catch {
        if (i === lines.length - 1 || i === lines.length - 2) return; // torn last line
        throw new InputError({ source: file, field: `line ${i + 1}` }, 'is not JSON: not a flex results file');
      }
      if (typeof row.spec !== 'string' || typeof row.key !== 'string' || typeof row.result !== 'object' || row.result === null) {
        throw new InputError({ source: file, field: `line ${i + 1}` }, 'must have "spec", "key" and "result": not a flex results file');
      }
      done.set(`${row.spec}|${row.key}`, row.result as FlexTaskResult);
    });
  }
  const loaded = done.size;
  return {
    loaded,
    get: (spec, key) => done.get(`${specHash(spec)}|${key}`),
    put: (spec, key, result) => {
      const hash = specHash(spec);
      done.set(`${hash}|${key}`, result);
      appendFileSync(file, `${JSON.stringify({ spec: hash, key, result }, replaceNumbers)}\n`);
    },
  };
}

function replaceNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

function reviveNumbers(_key: string, value: unknown): unknown {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}
