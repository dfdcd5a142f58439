/**
 * Validate a raw scenario object against the schema and turn the first problem
 * into one clear `InputError` naming file, field path and value (docs/model.md §7).
 */
import { parseWithSchema } from '../../common/zodIssues.js';
import { scenarioSchema, type Scenario } from './schema/scenarioSchema.js';

/**
 * Parse and validate a scenario.
 *
 * 1. Run the strict schema (unknown fields are errors, defaults are filled in).
 * 2. On failure, report the first problem as `<source>: <field.path> = <value>: <reason>`
 *    (an unknown field as `<path.key>: unknown field "<key>"`, reported before the missing
 *    field a misspelling causes); the count of further issues is appended
 *    (`common/zodIssues.ts`).
 *
 * @param raw - parsed JSON (after `--set` overrides).
 * @param source - file name (or `<inline>`) used in the message.
 * @throws InputError on the first violation.
 * @example
 * parseScenario(JSON.parse(text), 'scenarios/x.json').horizon.intervals; // 12
 */
export function parseScenario(raw: unknown, source: string): Scenario {
  return parseWithSchema(scenarioSchema, raw, source);
}
