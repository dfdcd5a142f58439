/**
 * Output folders that never lose a user's file (docs/model.md §7 "Output folders").
 *
 * The tool writes only into a folder it owns: a new or empty folder, or one holding
 * its marker file `.ev-cosim-results.json` (written by the tool, listing the files it
 * wrote). Anything else — a non-empty folder without the marker, a marked folder that
 * also holds files the tool did not write, an existing file, the current folder or
 * one of its parents — is refused with one `InputError` before any computation.
 *
 * Replacement is crash-safe: the new files are written to a hidden sibling
 * `.<name>.tmp-<pid>` (marker first), the old folder is renamed aside to
 * `.<name>.old-<pid>`, the new one renamed into place, the old one removed. At every
 * instant a complete set of results exists under the folder's name or under the
 * `.old` name; `checkOutputFolder` at the next start puts an orphaned `.old` folder
 * back (when the folder itself is missing) and removes leftovers of killed runs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

/** Name of the marker file in every folder the tool writes. */
export const OUTPUT_MARKER = '.ev-cosim-results.json';

/** Content of the marker file. */
export interface OutputMarker {
  readonly tool: 'ev-cosim';
  /** Command that wrote the folder, e.g. `run`, `flex`. */
  readonly command: string;
  /** Files the tool wrote (names inside the folder, marker excluded). */
  readonly files: readonly string[];
  /** Free-form identification of the inputs (e.g. a scenario hash), when the writer gives one. */
  readonly inputs?: Readonly<Record<string, string>>;
}

/** Options of {@link checkOutputFolder}. */
export interface OutputFolderOptions {
  /** Command about to write, e.g. `run`. */
  readonly command: string;
  /** Replace a folder another command of the tool wrote (never a folder with user files). */
  readonly force?: boolean;
  /** How the folder was given, for messages [`--out`]. */
  readonly field?: string;
}

/** Result of {@link checkOutputFolder}: the absolute folder and whether it holds earlier results. */
export interface OutputFolderPlan {
  readonly target: string;
  readonly command: string;
  /** `new`: missing or empty folder; `replace`: a folder of the tool's own. */
  readonly mode: 'new' | 'replace';
  /** Leftovers of killed runs that were recovered or removed (absolute paths), for a log line. */
  readonly cleaned: readonly string[];
}

/**
 * Check (before any computation) that the tool may write results to `dir`, and tidy
 * up after killed runs.
 *
 * 1. Refuse the current folder, its parents, the file-system root, and a path running
 *    through an existing file.
 * 2. Leftovers: an orphaned `.<name>.old-<pid>` of a dead process is renamed back when
 *    `dir` is missing, else removed; `.<name>.tmp-<pid>` folders of dead processes
 *    holding the marker (or nothing) are removed.
 * 3. `dir` missing or empty → `new`. A folder with the tool's marker, holding no file the
 *    marker does not list → `replace` (a folder another command wrote needs `force`).
 *    Anything else → `InputError`.
 *
 * @param dir - folder as the user gave it
 * @param options - {@link OutputFolderOptions}
 * @throws InputError naming the folder, when it is not the tool's to write
 * @example
 * const plan = checkOutputFolder('out/reference', { command: 'run' });
 * // … compute …
 * writeOutputFolder(plan, [['summary.json', '{}\n']]);
 */
export function checkOutputFolder(dir: string, options: OutputFolderOptions): OutputFolderPlan {
  const field = options.field ?? '--out';
  const target = resolve(dir);
  const refuse = (reason: string): never => {
    throw new InputError({ source: options.command, field, value: dir }, reason);
  };
  const cwd = process.cwd();
  if (target === parse(target).root) refuse('is the root of the file system; give a folder of its own for the results');
  if (target === cwd || cwd.startsWith(target + sep)) {
    refuse('is the current folder or one of its parents; give a folder of its own for the results, e.g. out/results');
  }
  for (let p = dirname(target); ; p = dirname(p)) {
    const kind = kindOf(p);
    if (kind === 'file') refuse(`runs through the existing file ${p}; give a folder path`);
    if (kind === 'dir' || p === dirname(p)) break;
  }
  const cleaned = tidyLeftovers(target);
  const kind = kindOf(target);
  if (kind === 'file') refuse('is an existing file, not a folder; give a new or empty folder for the results');
  if (kind === 'missing') return { target, command: options.command, mode: 'new', cleaned };
  const entries = readdirSync(target);
  if (entries.length === 0) return { target, command: options.command, mode: 'new', cleaned };
  const marker = readMarker(target);
  if (marker === undefined) {
    refuse(`is a folder ev-cosim did not write (it holds ${listed(entries)}); give a new or empty folder, or one ev-cosim wrote`);
  }
  const ours = new Set([...marker!.files, OUTPUT_MARKER]);
  const foreign = entries.filter((e) => !ours.has(e));
  if (foreign.length > 0) {
    refuse(`holds files ev-cosim did not write (${listed(foreign)}); move them out or give another folder`);
  }
  if (marker!.command !== options.command && !options.force) {
    refuse(`holds results of \`ev-cosim ${marker!.command}\`; give another folder, or --force to replace them with \`ev-cosim ${options.command}\` results`);
  }
  return { target, command: options.command, mode: 'replace', cleaned };
}

/**
 * Write the files of a results folder crash-safely (see the module's docs) and return
 * their absolute paths (marker excluded). Re-checks the folder, since time passed
 * since {@link checkOutputFolder}.
 *
 * @param plan - from {@link checkOutputFolder}
 * @param files - `[name, content]` pairs (names without folders)
 * @param inputs - identification of the inputs recorded in the marker (optional)
 * @example
 * writeOutputFolder(plan, [['summary.json', text]], { scenarioSha256: hash });
 */
export function writeOutputFolder(
  plan: OutputFolderPlan,
  files: readonly (readonly [string, string | Uint8Array])[],
  inputs?: Readonly<Record<string, string>>,
): string[] {
  const { target } = plan;
  const again = checkOutputFolder(target, { command: plan.command, force: true });
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  removeOwnFolder(temp);
  mkdirSync(temp);
  const marker: OutputMarker = { tool: 'ev-cosim', command: plan.command, files: files.map(([name]) => name), ...(inputs ? { inputs } : {}) };
  try {
    // marker first: a leftover temp folder is recognisably the tool's
    writeFileSync(join(temp, OUTPUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    for (const [name, content] of files) writeFileSync(join(temp, name), content);
    if (again.mode === 'replace') {
      removeOwnFolder(old);
      renameSync(target, old);
    }
    // onto a missing or empty folder, rename is atomic
    renameSync(temp, target);
    removeOwnFolder(old);
  } catch (error) {
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    removeOwnFolder(temp);
    throw error;
  }
  return files.map(([name]) => join(target, name));
}

/** A working folder of a long computation, kept next to its results folder (see {@link openWorkFolder}). */
export interface WorkFolder {
  /** Absolute path: `<parent>/.<name>.work`. */
  readonly dir: string;
  /** True when the folder was left by an earlier run that did not finish (its files are the tool's own). */
  readonly found: boolean;
}

/**
 * Open (create, or take over from a run that did not finish) the working folder of the
 * results folder `plan.target`: `<parent>/.<name>.work`, marked like a results folder
 * (command `<command>-work`, `inputs.pid` = this process). It holds files that must
 * survive an interrupted run (e.g. the live task log of a `flex` sweep) and is removed by
 * {@link removeWorkFolder} once the complete results are in place. Call it after every
 * input check: it is the first thing the tool writes.
 *
 * @param plan - from {@link checkOutputFolder}
 * @param files - names of the files the tool keeps in it (the only names it may hold)
 * @throws InputError when the path holds a file or files the tool did not write, or when a
 *   live process of the tool is using it
 * @example
 * const work = openWorkFolder(plan, ['results.jsonl']);
 * // … compute, appending to join(work.dir, 'results.jsonl') …
 * writeOutputFolder(plan, files);
 * removeWorkFolder(work);
 */
export function openWorkFolder(plan: OutputFolderPlan, files: readonly string[]): WorkFolder {
  const dir = join(dirname(plan.target), `.${basename(plan.target)}.work`);
  const command = `${plan.command}-work`;
  const refuse = (reason: string): never => {
    throw new InputError({ source: plan.command, field: 'working folder', value: dir }, reason);
  };
  const kind = kindOf(dir);
  let found = false;
  if (kind === 'file') refuse('is an existing file; move it out of the way');
  if (kind === 'dir') {
    const entries = readdirSync(dir);
    const marker = readMarker(dir);
    if (marker === undefined && entries.some((e) => e !== OUTPUT_MARKER)) refuse(`holds files ev-cosim did not write (${listed(entries)}); move them out`);
    if (marker !== undefined) {
      const ours = new Set([...marker.files, OUTPUT_MARKER]);
      const foreign = entries.filter((e) => !ours.has(e));
      if (marker.command !== command || foreign.length > 0) refuse(`holds files ev-cosim ${plan.command} did not write (${listed(foreign.length > 0 ? foreign : entries)}); move them out`);
      const pid = Number(marker.inputs?.pid);
      if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) refuse(`is in use by a running ev-cosim ${plan.command} (pid ${pid}); wait for it or give another --out`);
      found = entries.some((e) => e !== OUTPUT_MARKER);
    }
  } else mkdirSync(dir, { recursive: true });
  const marker: OutputMarker = { tool: 'ev-cosim', command, files, inputs: { pid: String(process.pid) } };
  writeFileSync(join(dir, OUTPUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  return { dir, found };
}

/**
 * Remove a working folder of {@link openWorkFolder} (results first, marker last).
 *
 * @example
 * removeWorkFolder(work);
 */
export function removeWorkFolder(work: WorkFolder): void {
  removeOwnFolder(work.dir);
}

/**
 * The marker of a folder, when it holds a valid one.
 *
 * @example
 * readMarker('out/reference')?.command; // 'run'
 */
export function readMarker(folder: string): OutputMarker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(folder, OUTPUT_MARKER), 'utf8')) as Partial<OutputMarker>;
    if (m.tool !== 'ev-cosim' || typeof m.command !== 'string' || !Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string')) return undefined;
    return m as OutputMarker;
  } catch {
    return undefined;
  }
}

/**
 * Remove a folder of the tool's own so that a kill at any instant leaves it recognisable:
 * the results first, the marker last, then the empty folder (a plain recursive removal may
 * delete the marker first and leave unmarked files a later start must not touch).
 */
function removeOwnFolder(path: string): void {
  if (kindOf(path) !== 'dir') return;
  for (const name of readdirSync(path)) if (name !== OUTPUT_MARKER) rmSync(join(path, name), { recursive: true, force: true });
  rmSync(join(path, OUTPUT_MARKER), { force: true });
  rmSync(path, { recursive: true, force: true });
}

function tidyLeftovers(target: string): string[] {
  const parent = dirname(target);
  if (kindOf(parent) !== 'dir') return [];
  const prefix = `.${basename(target)}.`;
  const cleaned: string[] = [];
  for (const name of readdirSync(parent)) {
    const m = name.startsWith(prefix) ? /^(tmp|old)-(\d+)$/.exec(name.slice(prefix.length)) : null;
    if (!m || processAlive(Number(m[2]))) continue;
    const path = join(parent, name);
    if (kindOf(path) !== 'dir') continue;
    const marked = readMarker(path) !== undefined;
    if (m[1] === 'old' && marked && kindOf(target) === 'missing') {
      renameSync(path, target);
      cleaned.push(path);
    } else if (marked || readdirSync(path).every((e) => e === OUTPUT_MARKER)) {
      // a marker (possibly torn by the kill) and nothing else, or nothing at all: the tool's own start or end
      removeOwnFolder(path);
      cleaned.push(path);
    }
  }
  return cleaned;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function kindOf(path: string): 'missing' | 'dir' | 'file' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'file';
    throw error;
  }
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}
