/**
 * Validate a raw scenario object against the schema and turn the first problem
 * into one clear `InputError` naming file, field path and value (docs/model.md §7).
 */
import type { z } from 'zod';
import { InputError } from '../../common/errors.js';
import { scenarioSchema, type Scenario } from './schema/scenarioSchema.js';

/**
 * Parse and validate a scenario.
 *
 * 1. Run the strict schema (unknown fields are errors, defaults are filled in).
 * 2. On failure, take the first issue and report it as
 *    `<source>: <field.path> = <value>: <reason>` (an unknown field is reported
 *    as `<path.key>: unknown field`); the count of further issues is appended.
 *
 * @param raw - parsed JSON (after `--set` overrides).
 * @param source - file name (or `<inline>`) used in the message.
 * @throws InputError on the first violation.
 * @example
 * parseScenario(JSON.parse(text), 'scenarios/x.json').horizon.intervals; // 12
 */
export function parseScenario(raw: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  if (first.code === 'unrecognized_keys') {
    const field = formatPath([...first.path, first.keys[0]]);
    throw new InputError({ source, field }, `unknown field${more}`);
  }
  const field = formatPath(first.path) || '(root)';
  const value = valueAt(raw, first.path);
  throw new InputError({ source, field, value }, `${reasonOf(first)}${more}`);
}

/** `['stations', 0, 'bus']` → `stations[0].bus`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out === '' ? String(step) : `.${String(step)}`;
  }
  return out;
}

function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `is required (${issue.expected})`;
  if (issue.code === 'invalid_union') {
    // e.g. a per-interval field: "expected number or array (one number per interval)".
    const expected = [...new Set(issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : []))))];
    if (expected.length > 0) return `expected ${expected.join(' or ')}${expected.includes('array') ? ' (one number per interval)' : ''}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}
