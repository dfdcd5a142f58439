/**
 * The results file of a sweep: one JSON line per finished task, appended as tasks
 * finish, so an interrupted sweep resumes where it stopped (docs/flexibility.md "Resume").
 *
 * Each line is `{"scenario": sha256, "spec": hash, "key": "design:3" | "direction:7", "result": …}`:
 * `scenario` is the content hash of the scenario (file, `--set` overrides and every referenced
 * network / feeder / demand file), `spec` a hash of the sweep options (`resumeKey`). A task is
 * reused only when both match; a file whose lines match neither is refused, never silently
 * ignored or reused ({@link checkResumeFile}).
 */
import { appendFileSync, existsSync } from 'node:fs';
import { InputError } from '../../common/errors.js';
import { readTextFile } from '../../common/readTextFile.js';
import type { FlexTaskResult } from './flexTask.js';
import { resumeKey, type SweepSpec } from './sweepSpec.js';

/** A results file opened for one or more specs. */
export interface ResumeLog {
  /** The stored result of a task, when done before. */
  get(spec: SweepSpec, key: string): FlexTaskResult | undefined;
  /** Append a finished task. */
  put(spec: SweepSpec, key: string, result: FlexTaskResult): void;
  /** Tasks loaded from the file. */
  readonly loaded: number;
}

/** Short hash of a spec's options (the `spec` field of a line; the scenario has its own). */
export function specHash(spec: SweepSpec): string {
  return resumeKey(spec).options;
}

/** One line of a results file. */
interface ResumeRow {
  readonly scenario?: string;
  readonly spec: string;
  readonly key: string;
  readonly result: FlexTaskResult;
  /** The line as stored. */
  readonly text: string;
}

/** Why a results file does not fit the specs of a sweep. */
export type ResumeMismatch = 'scenario' | 'options' | 'format';

/**
 * Open (or create on first write) a results file.
 *
 * 1. Lines are read as in {@link readResumeRows}; non-finite numbers (an infeasible point's NaN
 *    loads, ∞ subsidy) are written as strings and revived, so a resumed sweep sees exactly
 *    what a fresh one did.
 * 2. With `specs`: the file must fit them ({@link checkResumeFile}), else `InputError`.
 *
 * @param file - path of the JSONL file (appended to)
 * @param specs - the sweep's specs (one per model), to refuse a file of another scenario or other options
 * @throws InputError for a file that is not a results file, or does not fit `specs`
 * @example
 * const log = openResumeLog('out/.flex.work/results.jsonl', specs);
 * log.get(spec, 'design:0') ?? (await run());
 */
export function openResumeLog(file: string, specs?: readonly SweepSpec[]): ResumeLog {
  const rows = existsSync(file) ? readResumeRows(file) : [];
  if (specs !== undefined) throwOnMismatch(file, rows, specs);
  const done = new Map<string, FlexTaskResult>();
  for (const row of rows) if (row.scenario !== undefined) done.set(`${row.scenario}|${row.spec}|${row.key}`, row.result);
  const id = (spec: SweepSpec, key: string): string => {
    const k = resumeKey(spec);
    return `${k.scenario}|${k.options}|${key}`;
  };
  return {
    loaded: done.size,
    get: (spec, key) => done.get(id(spec, key)),
    put: (spec, key, result) => {
      const k = resumeKey(spec);
      done.set(id(spec, key), result);
      appendFileSync(file, `${JSON.stringify({ scenario: k.scenario, spec: k.options, key, result }, replaceNumbers)}\n`);
    },
  };
}

/**
 * Check, reading only, that a results file fits a sweep: every line carries a scenario hash, some
 * line has the sweep's scenario hash, and some line has a spec's scenario and options hashes
 * (lines of another model or budget set in the same file are kept, not used). An empty file fits.
 *
 * @param file - the results file (e.g. `--resume FILE`; never written)
 * @param specs - the sweep's specs
 * @throws InputError one line naming the file and what differs: the scenario content or the sweep options
 * @example
 * checkResumeFile('old/results.jsonl', specs); // InputError: "old/results.jsonl: resume key: scenario content differs …"
 */
export function checkResumeFile(file: string, specs: readonly SweepSpec[]): void {
  throwOnMismatch(file, readResumeRows(file), specs);
}

/**
 * What makes a results file unfit for a sweep (see {@link checkResumeFile}), or undefined when it fits.
 *
 * @example
 * resumeMismatch('out/.flex.work/results.jsonl', specs); // 'options' after a change of --budgets
 */
export function resumeMismatch(file: string, specs: readonly SweepSpec[]): ResumeMismatch | undefined {
  return mismatchOf(readResumeRows(file), specs);
}

/**
 * Append to `target` the lines of `seed` that fit `specs` and `target` does not hold yet (the
 * seed file is only read). Returns the number of lines appended.
 *
 * @param target - the live log
 * @param seed - a results file given by the user (`--resume FILE`), already checked
 * @param specs - the sweep's specs
 * @example
 * seedResumeLog('out/.flex.work/results.jsonl', 'old/results.jsonl', specs); // 12
 */
export function seedResumeLog(target: string, seed: string, specs: readonly SweepSpec[]): number {
  const scenarios = new Set(specs.map((s) => resumeKey(s).scenario));
  const have = new Set((existsSync(target) ? readResumeRows(target) : []).map(rowId));
  const add = readResumeRows(seed).filter((r) => r.scenario !== undefined && scenarios.has(r.scenario) && !have.has(rowId(r)));
  const unique = [...new Map(add.map((r) => [rowId(r), r] as const)).values()];
  if (unique.length > 0) appendFileSync(target, unique.map((r) => `${r.text}\n`).join(''));
  return unique.length;
}

/**
 * The lines of a results file. A line that is not JSON is skipped when it is one of the last two
 * (cut by a kill mid-write); any other unreadable content is an `InputError` naming the file and line.
 */
function readResumeRows(file: string): ResumeRow[] {
  // readTextFile refuses a directory or FIFO given as --resume by name (common/readTextFile.ts).
  const lines = readTextFile(file).split('\n');
  const rows: ResumeRow[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let row: { scenario?: unknown; spec?: unknown; key?: unknown; result?: unknown };
    try {
      row = JSON.parse(line, reviveNumbers) as typeof row;
    } catch {
      if (i === lines.length - 1 || i === lines.length - 2) return; // torn last line
      throw new InputError({ source: file, field: `line ${i + 1}` }, 'is not JSON: not a flex results file');
    }
    if (typeof row !== 'object' || row === null || typeof row.spec !== 'string' || typeof row.key !== 'string' || typeof row.result !== 'object' || row.result === null
      || (row.scenario !== undefined && typeof row.scenario !== 'string')) {
      throw new InputError({ source: file, field: `line ${i + 1}` }, 'must have "scenario", "spec", "key" and "result": not a flex results file');
    }
    rows.push({ ...(row.scenario === undefined ? {} : { scenario: row.scenario as string }), spec: row.spec, key: row.key, result: row.result as FlexTaskResult, text: line });
  });
  return rows;
}

function rowId(r: ResumeRow): string {
  return `${r.scenario}|${r.spec}|${r.key}`;
}

function mismatchOf(rows: readonly ResumeRow[], specs: readonly SweepSpec[]): ResumeMismatch | undefined {
  if (rows.length === 0) return undefined;
  if (rows.some((r) => r.scenario === undefined)) return 'format';
  const keys = specs.map(resumeKey);
  if (!rows.some((r) => keys.some((k) => k.scenario === r.scenario))) return 'scenario';
  if (!rows.some((r) => keys.some((k) => k.scenario === r.scenario && k.options === r.spec))) return 'options';
  return undefined;
}

function throwOnMismatch(file: string, rows: readonly ResumeRow[], specs: readonly SweepSpec[]): void {
  const why = mismatchOf(rows, specs);
  if (why === undefined) return;
  const now = resumeKey(specs[0]).scenario.slice(0, 12);
  const reasons: Record<ResumeMismatch, string> = {
    format: 'lines without a scenario content hash (written by an earlier version); run without --resume',
    scenario: `scenario content differs (file ${(rows[0].scenario ?? '').slice(0, 12)}…, now ${now}…): the scenario, a file it references or a --set override changed since these results; run without --resume, or resume with the scenario they were computed for`,
    options: 'sweep options differ (model, --time, --budgets, --stations, --directions, --direction-budget, --volume-tolerance, --lookback, --levels, --refine or --shed-tolerance): give the options of the interrupted sweep, or run without --resume',
  };
  throw new InputError({ source: file, field: 'resume key' }, reasons[why]);
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
