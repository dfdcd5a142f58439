/**
 * The one translation of a zod validation failure into our `InputError`
 * (docs/model.md §7): file, field as a JavaScript accessor path (`stations[2].chargers`),
 * the value found, and the rule it breaks. Every schema-validated input goes through it.
 */
import type { z } from 'zod';
import { InputError } from './errors.js';

/**
 * Validate `raw` with `schema` and return the parsed value, or throw the first problem
 * as one `InputError` (see {@link zodInputError}).
 *
 * @param schema - a zod schema (strict objects report unknown fields)
 * @param raw - the parsed JSON (or any value) to check
 * @param source - the user's file name, shown first in the message
 * @returns the schema's output (defaults filled in)
 * @throws InputError naming `source`, the field, the value and the rule
 * @example
 * const study = parseWithSchema(feederStudySchema, readJsonFile(path), path);
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, raw: unknown, source: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw zodInputError(source, parsed.error, raw);
}

/**
 * Turn a `ZodError` into one `InputError` about its first problem.
 *
 * 1. Unknown fields are reported before anything else: a misspelt key (`"chargerz"`)
 *    also makes the correct key (`chargers`) missing, and the unknown name is what the
 *    user has to fix. When a required key of the same object is missing and spelt
 *    alike, it is suggested ("did you mean").
 * 2. The message is `<source>: <field> = <value>: <rule>` (the value as found in `raw`,
 *    JSON, cut at 80 characters), `<source>: <field>: is required (expected …)` for a
 *    missing field, or `<source>: <field>: unknown field "<key>"`; the root is `(root)`.
 * 3. The count of further problems is appended, e.g. ` (and 2 more problems)`.
 *
 * @param source - the user's file name (or module name)
 * @param error - the failed `safeParse` error
 * @param raw - the value that was validated (to show what was found)
 * @returns the error to throw
 * @example
 * zodInputError('x.json', scenarioSchema.safeParse(raw).error!, raw).message;
 * // 'x.json: stations[0].chargerz: unknown field "chargerz" (did you mean "chargers"?)'
 */
export function zodInputError(source: string, error: z.ZodError, raw: unknown): InputError {
  const issues = error.issues;
  const first = issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0];
  const more = (count: number): string => (count > 0 ? ` (and ${count} more problem${count > 1 ? 's' : ''})` : '');
  if (first === undefined) return new InputError({ source }, 'failed validation');
  if (first.code === 'unrecognized_keys') {
    const [key, ...others] = first.keys;
    const suggestion = closestMissingKey(issues, first.path, raw, key);
    const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
    const also = others.length === 0 ? '' : ` (also unknown: ${others.map((k) => `"${k}"`).join(', ')})`;
    // The missing key the hint names is the same problem, not one more.
    const rest = more(issues.length - 1 - (suggestion === undefined ? 0 : 1));
    return new InputError({ source, field: formatFieldPath([...first.path, key]) }, `unknown field "${key}"${hint}${also}${rest}`);
  }
  const field = formatFieldPath(first.path) || '(root)';
  const value = valueAt(raw, first.path);
  if (value === undefined && (first.code === 'invalid_type' || first.code === 'invalid_value')) {
    const expected = first.code === 'invalid_type' ? `expected ${first.expected}` : ruleOf(first);
    return new InputError({ source, field }, `is required (${expected})${more(issues.length - 1)}`);
  }
  return new InputError({ source, field, value }, `${ruleOf(first)}${more(issues.length - 1)}`);
}

/**
 * A field path as a JavaScript accessor: `['stations', 2, 'chargers']` → `stations[2].chargers`;
 * keys that are not identifiers are quoted (`prices["CS 1"]`); `[]` → `''`.
 *
 * @example
 * formatFieldPath(['feeder', 'outages', 0, 'fromInterval']); // 'feeder.outages[0].fromInterval'
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string' && /^[A-Za-z_$][\w$]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${typeof step === 'string' ? JSON.stringify(step) : String(step)}]`;
  }
  return out;
}

/** The rule an issue states, without zod's "Invalid input:" preamble. */
function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => JSON.stringify(v));
    return allowed.length === 1 ? `expected ${allowed[0]}` : `expected one of ${allowed.join(', ')}`;
  }
  if (issue.code === 'invalid_union') {
    // e.g. a per-interval field: "expected number or array (one number per interval)".
    const expected = [...new Set(issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [i.expected] : []))))];
    if (expected.length > 0) return `expected ${expected.join(' or ')}${expected.includes('array') ? ' (one number per interval)' : ''}`;
  }
  return issue.message.replace(/^Invalid (input|option): /, '');
}

/** A missing required key of the object at `path`, spelt like `unknown` (edit distance ≤ ⌈length/3⌉). */
function closestMissingKey(issues: readonly z.core.$ZodIssue[], path: readonly PropertyKey[], raw: unknown, unknown: string): string | undefined {
  const parent = formatFieldPath(path);
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.ceil(unknown.length / 3)) + 1;
  for (const issue of issues) {
    if (issue.code !== 'invalid_type' || issue.path.length !== path.length + 1) continue;
    const key = issue.path[path.length];
    if (typeof key !== 'string' || formatFieldPath(issue.path.slice(0, -1)) !== parent || valueAt(raw, issue.path) !== undefined) continue;
    const distance = editDistance(unknown.toLowerCase(), key.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = key;
    }
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}
