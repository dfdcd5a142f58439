/**
 * The scenario schema as JSON Schema (draft 2020-12), generated from the zod
 * schema: the source of `scenarios/schema/scenario.schema.json` (editor support)
 * and of `docs/scenario-reference.md`.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema/scenarioSchema.js';

/** A JSON Schema node (the subset the generators read). */
export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  minLength?: number;
  pattern?: string;
  [key: string]: unknown;
}

/**
 * JSON Schema of a scenario file, as written (input side: defaulted fields optional).
 *
 * @example
 * scenarioJsonSchema().properties?.horizon?.required; // ['start', 'intervalMin', 'intervals', 'stepSec']
 */
export function scenarioJsonSchema(): JsonSchemaNode {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
}
