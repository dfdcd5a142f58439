/**
 * The one reader of JSON input files (scenarios, feeder studies, equilibrium
 * scenarios): a regular file, parsed, with syntax errors located by line and column
 * (docs/model.md §7: bad input names the file, the place and the problem).
 */
import { InputError } from './errors.js';
import { findJsonSyntaxError } from './jsonSyntaxError.js';
import { readTextFile } from './readTextFile.js';

/**
 * Read and parse a JSON file.
 *
 * 1. Read it with {@link readTextFile} (regular files only; a directory or FIFO is
 *    refused by name; a leading byte-order mark is dropped).
 * 2. `JSON.parse`; on failure, find the first syntax error with
 *    {@link findJsonSyntaxError} and report its line and column.
 *
 * @param path - file path as the user gave it (shown as given in messages)
 * @returns the parsed value (not validated: pass it to the schema of what it holds)
 * @throws InputError e.g. `"x.json: line 4, column 3: not valid JSON: trailing comma before "}""`,
 *   `"x.json: file not found"`, `"out: is a directory, not a file"`
 * @example
 * const raw = readJsonFile('scenarios/gwe-ieee33.json');
 * parseGweScenario(raw, 'scenarios/gwe-ieee33.json');
 */
export function readJsonFile(path: string): unknown {
  return parseJsonText(readTextFile(path), path);
}

/**
 * Parse JSON text read from `source`, with the same located syntax errors as {@link readJsonFile}.
 *
 * @param text - the JSON text
 * @param source - file name used in messages
 * @throws InputError naming `source`, the line and column, and what was expected there
 * @example
 * parseJsonText('{"a": 1}', 'inline.json'); // { a: 1 }
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    let problem: ReturnType<typeof findJsonSyntaxError>;
    try {
      problem = findJsonSyntaxError(text);
    } catch {
      problem = undefined; // e.g. nesting beyond the stack: fall back to the parser's words
    }
    if (problem === undefined) {
      const words = (error as Error).message;
      throw new InputError({ source }, `not valid JSON (${words.length > 120 ? `${words.slice(0, 119)}…` : words})`);
    }
    throw new InputError({ source, field: `line ${problem.line}, column ${problem.column}` }, `not valid JSON: ${problem.reason}`);
  }
}
