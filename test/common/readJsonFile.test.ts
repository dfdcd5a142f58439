import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { MAX_INPUT_FILE_BYTES, readTextFile } from '../../src/common/readTextFile.ts';
import { inputErrorMessage } from '../helpers/inputErrorMessage.ts';

const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-json-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readJsonFile', () => {
  it('parses a JSON file, with or without a byte-order mark', () => {
    expect(readJsonFile(file('ok.json', '{"a": [1, 2.5e3, null, true]}'))).toEqual({ a: [1, 2500, null, true] });
    expect(readJsonFile(file('bom.json', '\uFEFF{"b": "é"}'))).toEqual({ b: 'é' });
  });

  // Line and column counted by hand from each text (1-based).
  const broken: [string, string, string][] = [
    ['trailing comma', '{\n  "a": 1,\n  "b": [1, 2,],\n}', 'line 3, column 13: not valid JSON: trailing comma before "]"'],
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 'line 3, column 3: not valid JSON: expected "," or "}" after a property value, found "\\""'],
    ['single quotes', "{'a': 1}", 'line 1, column 2: not valid JSON: expected a property name in double quotes, found "\'" (JSON uses double quotes)'],
    ['NaN', '{"x": NaN}', 'line 1, column 7: not valid JSON: expected a value, found NaN (not a JSON value: write a number, or null)'],
    ['cut short', '{"feeder": ', 'line 1, column 12: not valid JSON: expected a value, found the end of the file'],
    ['line break in a string', '{"a": "x\ny"}', 'line 1, column 9: not valid JSON: a line break inside a string (write it as an escape such as \\n or \\t)'],
    ['two values', '{"a": 1}\n{"b": 2}', 'line 2, column 1: not valid JSON: unexpected "{" after the end of the JSON value'],
    ['empty file', '', 'line 1, column 1: not valid JSON: expected a value, found the end of the file'],
  ];
  it.each(broken)('locates a syntax error by line and column: %s', (name, text, expected) => {
    const path = file(`${name.replace(/\W/g, '_')}.json`, text);
    expect(inputErrorMessage(() => readJsonFile(path))).toBe(`${path}: ${expected}`);
  });

  it('does not quote a large broken file in the message', () => {
    const big = `{"rows": [${Array.from({ length: 5000 }, (_, i) => i).join(',')}, x]}`;
    const message = inputErrorMessage(() => readJsonFile(file('big.json', big)));
    expect(message).toMatch(/line 1, column \d+: not valid JSON: expected a value, found "x"$/);
    expect(message.length).toBeLessThan(200);
  });

  it('refuses a missing file, a directory and a FIFO by name (a FIFO would block the read)', () => {
    expect(inputErrorMessage(() => readJsonFile(join(dir, 'nope.json')))).toBe(`${join(dir, 'nope.json')}: file not found`);
    const sub = join(dir, 'folder.json');
    mkdirSync(sub);
    expect(inputErrorMessage(() => readJsonFile(sub))).toBe(`${sub}: is a directory, not a file`);
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(inputErrorMessage(() => readJsonFile(fifo))).toBe(`${fifo}: is a FIFO, not a regular file`);
    expect(inputErrorMessage(() => readTextFile(join(file('plain.txt', 'x'), 'below')))).toMatch(/file not found/);
  });

  it('refuses a device (/dev/zero would never end) and a file over the size limit, before reading', () => {
    expect(inputErrorMessage(() => readTextFile('/dev/zero'))).toBe('/dev/zero: is a device, not a regular file');
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_INPUT_FILE_BYTES + 1); // sparse: no disk space used
    expect(inputErrorMessage(() => readJsonFile(huge))).toBe(`${huge}: is ${MAX_INPUT_FILE_BYTES + 1} bytes; input files are read whole and may be at most 256 MiB`);
  });
});
