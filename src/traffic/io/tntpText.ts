/**
 * Internal helpers shared by the TNTP readers: read a file as lines and parse the
 * `<KEY> value` metadata block that ends at `<END OF METADATA>`.
 */
import { InputError } from '../../common/errors.js';
import { readTextFile } from '../../common/readTextFile.js';

/** A file's lines (CRLF or LF), read once; a missing or non-regular file is an `InputError` (`common/readTextFile.ts`). */
export function readLines(path: string): string[] {
  return readTextFile(path).split(/\r?\n/);
}

/** Metadata values by upper-case key (`NUMBER OF ZONES` → "24") and the first line after the block (0-based). */
export interface TntpMetadata {
  readonly values: ReadonlyMap<string, string>;
  readonly bodyStart: number;
}

/**
 * Parse `<KEY> value` lines up to `<END OF METADATA>`. Lines starting with `~` and
 * blank lines are skipped. A file without `<END OF METADATA>` is an error.
 */
export function parseMetadata(lines: readonly string[], path: string): TntpMetadata {
  const values = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('~')) continue;
    const match = /^<([^>]+)>(.*)$/.exec(line);
    if (match === null) {
      throw new InputError({ source: path, field: `line ${i + 1}`, value: line }, 'expected a <KEY> value metadata line before <END OF METADATA>');
    }
    const key = match[1].trim().toUpperCase();
    if (key === 'END OF METADATA') return { values, bodyStart: i + 1 };
    values.set(key, match[2].trim());
  }
  throw new InputError({ source: path, field: '<END OF METADATA>' }, 'missing');
}

/** A metadata value as a non-negative integer (`required` or a default). */
export function metadataInteger(meta: TntpMetadata, key: string, path: string, fallback?: number): number {
  const raw = meta.values.get(key);
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new InputError({ source: path, field: `<${key}>` }, 'missing from the metadata');
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new InputError({ source: path, field: `<${key}>`, value: raw }, 'must be a non-negative integer');
  }
  return value;
}

/** Strip a `~` comment and surrounding blanks from a body line. */
export function stripComment(line: string): string {
  const tilde = line.indexOf('~');
  return (tilde >= 0 ? line.slice(0, tilde) : line).trim();
}
