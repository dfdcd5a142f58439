/**
 * Where a JSON text first breaks the grammar (RFC 8259), with line and column, for
 * messages a user can act on. `JSON.parse` in Node 20 gives no position for most errors
 * and quotes the whole input in others, so this scanner runs after it fails.
 */

/** The first syntax error of a JSON text. */
export interface JsonSyntaxProblem {
  /** 0-based offset (UTF-16 code units) of the offending character, or the text length at its end. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (characters since the line start, plus one). */
  readonly column: number;
  /** What was expected and what was found, e.g. `expected a value, found "}"`. */
  readonly reason: string;
}

/** Thrown inside the scanner only; carries the offset and reason out of the recursion. */
class Stop {
  constructor(readonly offset: number, readonly reason: string) {}
}

/**
 * Scan `text` as one JSON value and return its first syntax error, or undefined when
 * it is valid JSON.
 *
 * 1. Recursive descent over value / object / array / string / number / literals,
 *    allowing only JSON whitespace (space, tab, CR, LF) between tokens.
 * 2. The first place that cannot continue is reported with what the grammar expected
 *    there; a comma followed by `}` or `]` is named as a trailing comma.
 * 3. Line and column are counted from the offset (LF ends a line).
 *
 * @param text - the JSON text (without a byte-order mark)
 * @returns the first problem, or undefined when `JSON.parse(text)` would succeed
 * @example
 * findJsonSyntaxError('{\n  "a": 1,\n}');
 * // { offset: 10, line: 2, column: 9, reason: 'trailing comma before "}"' }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    let at = skipSpace(text, 0);
    at = scanValue(text, at, 0);
    at = skipSpace(text, at);
    if (at < text.length) throw new Stop(at, `unexpected ${shown(text, at)} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { offset: error.offset, ...lineColumn(text, error.offset), reason: error.reason };
  }
}

/** Nesting deeper than this is reported rather than recursed into (JSON files here nest < 10). */
const MAX_DEPTH = 2000;

function skipSpace(text: string, at: number): number {
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    at++;
  }
  return at;
}

function scanValue(text: string, at: number, depth: number): number {
  if (at >= text.length) throw new Stop(at, 'expected a value, found the end of the file');
  const c = text[at];
  if (c === '{') return scanObject(text, at, depth + 1);
  if (c === '[') return scanArray(text, at, depth + 1);
  if (c === '"') return scanString(text, at);
  const word = /^(NaN|-?Infinity|undefined)/.exec(text.slice(at, at + 10));
  if (word) throw new Stop(at, `expected a value, found ${word[1]} (not a JSON value: write a number, or null)`);
  if (c === '-' || (c >= '0' && c <= '9')) return scanNumber(text, at);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, at)) return at + literal.length;
  }
  if (c === "'") throw new Stop(at, 'expected a value, found "\'" (JSON strings use double quotes)');
  throw new Stop(at, `expected a value, found ${shown(text, at)}`);
}

function scanObject(text: string, at: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Stop(at, `nested deeper than ${MAX_DEPTH} levels`);
  at = skipSpace(text, at + 1);
  if (text[at] === '}') return at + 1;
  for (;;) {
    if (text[at] !== '"') {
      const what = text[at] === "'" ? ' (JSON uses double quotes)' : '';
      throw new Stop(at, `expected a property name in double quotes, found ${shown(text, at)}${what}`);
    }
    at = skipSpace(text, scanString(text, at));
    if (text[at] !== ':') throw new Stop(at, `expected ":" after the property name, found ${shown(text, at)}`);
    at = skipSpace(text, scanValue(text, skipSpace(text, at + 1), depth));
    if (text[at] === '}') return at + 1;
    if (text[at] !== ',') throw new Stop(at, `expected "," or "}" after a property value, found ${shown(text, at)}`);
    const comma = at;
    at = skipSpace(text, at + 1);
    if (text[at] === '}') throw new Stop(comma, 'trailing comma before "}"');
  }
}

function scanArray(text: string, at: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Stop(at, `nested deeper than ${MAX_DEPTH} levels`);
  at = skipSpace(text, at + 1);
  if (text[at] === ']') return at + 1;
  for (;;) {
    at = skipSpace(text, scanValue(text, at, depth));
    if (text[at] === ']') return at + 1;
    if (text[at] !== ',') throw new Stop(at, `expected "," or "]" after an array element, found ${shown(text, at)}`);
    const comma = at;
    at = skipSpace(text, at + 1);
    if (text[at] === ']') throw new Stop(comma, 'trailing comma before "]"');
  }
}

function scanString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    if (at >= text.length) throw new Stop(start, 'string is not closed (no ending ")');
    const code = text.charCodeAt(at);
    if (code === 0x22) return at + 1;
    if (code < 0x20) {
      const name = code === 0x0a ? 'a line break' : code === 0x09 ? 'a tab' : `control character U+${code.toString(16).padStart(4, '0')}`;
      throw new Stop(at, `${name} inside a string (write it as an escape such as \\n or \\t)`);
    }
    if (code === 0x5c) {
      const next = text[at + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) throw new Stop(at, 'bad \\u escape (needs 4 hex digits)');
        at += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) throw new Stop(at, `bad escape "\\${next ?? ''}" in a string`);
      at += 2;
      continue;
    }
    at++;
  }
}

function scanNumber(text: string, start: number): number {
  let at = start;
  if (text[at] === '-') at++;
  if (text[at] === '0') {
    at++;
    if (isDigit(text, at)) throw new Stop(start, 'number with a leading zero');
  } else if (isDigit(text, at)) {
    while (isDigit(text, at)) at++;
  } else {
    throw new Stop(at, `expected a digit, found ${shown(text, at)}`);
  }
  if (text[at] === '.') {
    at++;
    if (!isDigit(text, at)) throw new Stop(at, `expected a digit after ".", found ${shown(text, at)}`);
    while (isDigit(text, at)) at++;
  }
  if (text[at] === 'e' || text[at] === 'E') {
    at++;
    if (text[at] === '+' || text[at] === '-') at++;
    if (!isDigit(text, at)) throw new Stop(at, `expected a digit in the exponent, found ${shown(text, at)}`);
    while (isDigit(text, at)) at++;
  }
  return at;
}

function isDigit(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 0x30 && c <= 0x39;
}

/** The character at `at` for a message: `"x"`, or "the end of the file". */
function shown(text: string, at: number): string {
  if (at >= text.length) return 'the end of the file';
  const code = text.codePointAt(at)!;
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(code));
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
