/**
 * The scenario schema as JSON Schema (draft 2020-12), generated from the zod
 * schema: the source of `scenarios/schema/scenario.schema.json` (editor support)
 * and of `docs/scenario-reference.md`.
 */
import { jsonSchemaOf, type JsonSchemaNode } from '../../common/schemaTable.js';
import { scenarioSchema } from './schema/scenarioSchema.js';

/** A JSON Schema node (the subset the generators read). */
export type { JsonSchemaNode };

/**
 * JSON Schema of a scenario file, as written (input side: defaulted fields optional).
 *
 * @example
 * scenarioJsonSchema().properties?.horizon?.required; // ['start', 'intervalMin', 'intervals', 'stepSec']
 */
export function scenarioJsonSchema(): JsonSchemaNode {
  return jsonSchemaOf(scenarioSchema, 'input');
}
