/**
 * The one way the engines read a user's input file as text: the path must name a
 * regular file, and every failure is an `InputError` naming the path (docs/model.md §7).
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError } from './errors.js';

/**
 * Largest input file read, bytes (256 MiB). The largest bundled input (Chicago Sketch's
 * network) is ~100 kB and a 1,000,000-row CSV demand table ~30 MB; a bigger file is almost
 * certainly the wrong file, and reading it would exhaust memory before any check runs.
 */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Read a regular file as UTF-8 text, without a leading byte-order mark.
 *
 * 1. `stat` the path (following links): missing → "file not found"; a directory, FIFO,
 *    socket or device → refused by name. Reading a FIFO would block until some other
 *    process writes to it, so it is refused before any read. A file larger than
 *    `MAX_INPUT_FILE_BYTES` is refused too.
 * 2. Read it as UTF-8 and drop a leading U+FEFF (editors on Windows write one; JSON and
 *    CSV parsers would take it for data).
 *
 * @param path - file path as the user gave it (it is shown as given in messages)
 * @returns the file's text
 * @throws InputError `"<path>: file not found"`, `"<path>: is a directory, not a file"`,
 *   `"<path>: is a FIFO, not a regular file"`, or `"<path>: cannot read (EACCES)"`
 * @example
 * readTextFile('scenarios/gwe-ieee33.json').startsWith('{'); // true
 */
export function readTextFile(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (stats.isDirectory()) throw new InputError({ source: path }, 'is a directory, not a file');
  if (!stats.isFile()) throw new InputError({ source: path }, `is ${kindOf(stats)}, not a regular file`);
  if (stats.size > MAX_INPUT_FILE_BYTES) {
    throw new InputError({ source: path }, `is ${stats.size} bytes; input files are read whole and may be at most ${MAX_INPUT_FILE_BYTES / 2 ** 20} MiB`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileError(path, error);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError({ source: path }, 'file not found');
  if (code === 'ENOTDIR') return new InputError({ source: path }, 'file not found (a folder on the path is a file)');
  return new InputError({ source: path }, `cannot read (${code ?? String(error)})`);
}
