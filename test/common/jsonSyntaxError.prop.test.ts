import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/common/jsonSyntaxError.ts';

/** V8's own verdict is the reference: the scanner must agree with JSON.parse on every text. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Valid JSON texts, pretty-printed or not. */
const jsonText = fc.tuple(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t')).map(([v, indent]) => JSON.stringify(v, null, indent));

/** A valid text with one edit: a character deleted, inserted or replaced by a JSON-significant one. */
const mutated = fc.tuple(jsonText, fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(...'{}[]",:.-+eE0 1\\\n\'tnx'.split(''))).map(
  ([text, at, edit, ch]) => {
    const i = text.length === 0 ? 0 : at % (text.length + (edit === 'insert' ? 1 : 0));
    if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
    if (edit === 'insert') return text.slice(0, i) + ch + text.slice(i);
    return text.slice(0, i) + ch + text.slice(i + 1);
  },
);

describe('findJsonSyntaxError (property: agrees with JSON.parse)', () => {
  it('finds no error in valid JSON', () => {
    fc.assert(fc.property(jsonText, (text) => findJsonSyntaxError(text) === undefined), { numRuns: 300 });
  });

  it('finds an error exactly when JSON.parse fails, on single-character edits of valid JSON', () => {
    fc.assert(fc.property(mutated, (text) => (findJsonSyntaxError(text) === undefined) === parses(text)), { numRuns: 2000 });
  });

  it('finds an error exactly when JSON.parse fails, on short arbitrary texts', () => {
    const alphabet = fc.constantFrom(...'{}[]",:.-+eE019 \n\t\\u"abtrufalsn'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join('')), (text) => (findJsonSyntaxError(text) === undefined) === parses(text)), { numRuns: 3000 });
  });

  it('reports the offset V8 reports for grammar errors, where V8 gives one ("at position n")', () => {
    let compared = 0;
    fc.assert(fc.property(mutated, (text) => {
      let position: number | undefined;
      try {
        JSON.parse(text);
        return true;
      } catch (error) {
        // Compared for grammar (not token-internal) errors: inside a string, escape or number we
        // point at its start (the unclosed quote, the backslash, the leading zero, a misspelt
        // literal such as `fal"se`), V8 further on.
        const message = (error as Error).message;
        const m = / at position (\d+)/.exec(message);
        if (m === null || /^(Unterminated string|Bad (escaped|Unicode)|Unexpected (number|string) in JSON)/.test(message)) return true;
        position = Number(m[1]);
      }
      compared++;
      const problem = findJsonSyntaxError(text)!;
      // V8 points at the character after a trailing comma; we point at the comma itself.
      return problem.offset === position || (problem.reason.startsWith('trailing comma') && text.slice(problem.offset + 1, position).trim() === '');
    }), { numRuns: 2000 });
    expect(compared).toBeGreaterThan(50);
  });

  it('counts lines and columns from 1', () => {
    expect(findJsonSyntaxError('[1,\n 2,\n x]')).toMatchObject({ offset: 9, line: 3, column: 2 });
  });
});
