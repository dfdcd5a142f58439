/**
 * zod schema → JSON Schema → rows of a Markdown field table: the one reader behind both
 * generated references, `docs/scenario-reference.md` (the scenario schema, input side)
 * and `docs/outputs.md` (every `OutputDoc`, output side), so the two read schemas alike.
 */
import { z } from 'zod';

/** A JSON Schema node (the subset the generators read). */
export interface JsonSchemaNode {
  type?: string | string[];
  title?: string;
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
  /** `false` for strict objects; a node for maps (`z.record`). */
  additionalProperties?: boolean | JsonSchemaNode;
  /** Key schema of a map; its `title` names the key in field paths (e.g. `bus`). */
  propertyNames?: JsonSchemaNode;
  [key: string]: unknown;
}

/**
 * JSON Schema (draft 2020-12) of a zod schema: `input` for what a user writes (defaulted
 * fields optional), `output` for what a program prints.
 *
 * @example
 * jsonSchemaOf(z.strictObject({ netMw: z.number().describe('net, MW') }), 'output').properties?.netMw.description; // 'net, MW'
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchemaNode {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchemaNode;
}

/** One row of a field table: dotted path (`a.b`, `list[].c`, `map.<bus>.d`), its node, required or not. */
export interface SchemaField {
  readonly path: string;
  readonly node: JsonSchemaNode;
  readonly required: boolean;
}

/** How `schemaFields` flattens. */
export interface SchemaFieldOptions {
  /**
   * Also give objects and arrays of objects a row of their own (their description)
   * before their fields. Default false: only leaves, unions and maps get rows.
   */
  readonly containerRows?: boolean;
}

/** True for an object with named properties. */
export function isObjectNode(node: JsonSchemaNode | undefined): boolean {
  return node !== undefined && node.type === 'object' && node.properties !== undefined;
}

/** The value node of a map (`z.record`), else undefined. */
function mapValueOf(node: JsonSchemaNode): JsonSchemaNode | undefined {
  const value = node.additionalProperties;
  return node.type === 'object' && node.properties === undefined && typeof value === 'object' ? value : undefined;
}

/** The object alternative of `object | null`, else undefined. */
function nullableObjectOf(node: JsonSchemaNode): JsonSchemaNode | undefined {
  const alternatives = node.anyOf ?? [];
  if (alternatives.length !== 2 || !alternatives.some((a) => a.type === 'null')) return undefined;
  return alternatives.find(isObjectNode);
}

/** The values a variant allows for its discriminator property (a `const` or an `enum`). */
function tagValues(node: JsonSchemaNode | undefined): unknown[] | undefined {
  if (node?.const !== undefined) return [node.const];
  return node?.enum;
}

/** The property that every variant fixes to a constant or an enum (e.g. `mode`, `kind`), if any. */
function discriminatorOf(variants: readonly JsonSchemaNode[]): string | undefined {
  const keys = Object.keys(variants[0]?.properties ?? {});
  return keys.find((key) => variants.every((v) => tagValues(v.properties?.[key]) !== undefined));
}

/** The object variants of a union (`oneOf`, or `anyOf` of objects only), else empty. */
export function objectVariantsOf(node: JsonSchemaNode): JsonSchemaNode[] {
  const variants = node.oneOf ?? node.anyOf ?? [];
  return variants.length > 0 && variants.every(isObjectNode) ? variants : [];
}

/**
 * How a variant of a union is told apart: `mode "x"` (or `model "a" | "b"` for an enum),
 * undefined when the variants share no tag property.
 */
export function variantLabel(variants: readonly JsonSchemaNode[], variant: JsonSchemaNode): string | undefined {
  const key = discriminatorOf(variants);
  if (key === undefined) return undefined;
  return `${key} ${tagValues(variant.properties?.[key])!.map((v) => JSON.stringify(v)).join(' | ')}`;
}

/**
 * The fields under `node`, depth first in declaration order: objects by property,
 * arrays of objects as `path[]`, maps with object values as `path.<key>`, `object | null`
 * by the object's fields, unions of objects with one row for the union and then each
 * variant's fields labelled by its tag, `path (mode "x")`.
 *
 * @example
 * schemaFields('horizon', scenarioJsonSchema().properties!.horizon, true).map((f) => f.path); // ['horizon.start', …]
 */
export function schemaFields(path: string, node: JsonSchemaNode, required: boolean, options: SchemaFieldOptions = {}): SchemaField[] {
  return fieldsOf(path, node, required, options, true);
}

function fieldsOf(path: string, node: JsonSchemaNode, required: boolean, options: SchemaFieldOptions, ownRow: boolean): SchemaField[] {
  const self: SchemaField[] = [{ path, node, required }];
  const container = options.containerRows === true && ownRow ? self : [];
  if (isObjectNode(node)) {
    const requiredKeys = new Set(node.required ?? []);
    return [...container, ...Object.entries(node.properties ?? {}).flatMap(([key, child]) => fieldsOf(`${path}.${key}`, child, requiredKeys.has(key), options, true))];
  }
  if (node.type === 'array' && node.items !== undefined && (isObjectNode(node.items) || objectVariantsOf(node.items).length > 0)) {
    return [...container, ...fieldsOf(`${path}[]`, node.items, required, options, false)];
  }
  const mapValue = mapValueOf(node);
  if (mapValue !== undefined && isObjectNode(mapValue)) return [...self, ...fieldsOf(`${path}.<${node.propertyNames?.title ?? 'key'}>`, mapValue, true, options, false)];
  const nullableObject = nullableObjectOf(node);
  if (nullableObject !== undefined) return [...self, ...fieldsOf(path, nullableObject, required, options, false)];
  const variants = objectVariantsOf(node);
  if (variants.length > 0) {
    const rows = [...self];
    for (const variant of variants) {
      const tag = variantLabel(variants, variant);
      const label = tag === undefined ? path : `${path} (${tag})`;
      const requiredKeys = new Set(variant.required ?? []);
      for (const [name, child] of Object.entries(variant.properties ?? {})) {
        rows.push(...fieldsOf(`${label}.${name}`, child, requiredKeys.has(name), options, true));
      }
    }
    return rows;
  }
  return self;
}

/**
 * The type cell of a node: `number (≥ 0)`, `array of string`, `"a" \| "b"`,
 * `object (mode "x" \| "y")`, `map of bus → number`, `number or array of number`.
 */
export function schemaType(node: JsonSchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum !== undefined) return node.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  const alternatives = node.anyOf ?? node.oneOf;
  const key = alternatives !== undefined && alternatives.every(isObjectNode) ? discriminatorOf(alternatives) : undefined;
  if (alternatives !== undefined && key !== undefined) {
    const tags = alternatives.flatMap((a) => tagValues(a.properties?.[key])!);
    return `object (${key} ${tags.map((t) => `\`${JSON.stringify(t)}\``).join(' \\| ')})`;
  }
  if (alternatives !== undefined) return alternatives.map(schemaType).join(' or ');
  if (node.type === 'array') return `array of ${node.items === undefined ? 'any' : schemaType(node.items)}`;
  const mapValue = mapValueOf(node);
  if (mapValue !== undefined) return `map of ${node.propertyNames?.title ?? 'key'} → ${schemaType(mapValue)}`;
  const base = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
  return `${base}${bounds(node)}`;
}

function bounds(node: JsonSchemaNode): string {
  const parts: string[] = [];
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined && node.minimum > -9007199254740991) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined && node.maximum < 9007199254740991) parts.push(`≤ ${node.maximum}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`< ${node.exclusiveMaximum}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Text made safe for one Markdown table cell (pipes escaped, one line). */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
