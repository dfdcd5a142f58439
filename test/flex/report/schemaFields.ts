/**
 * Walk a zod schema of an output and list every field path without a description
 * (test helper: docs/outputs.md is generated from these descriptions).
 */
import { z } from 'zod';

/** Paths (`tiers[].vertices[].netMw`) of fields whose schema carries no `.describe()`. */
export function undescribedFields(schema: z.ZodType, path = ''): string[] {
  const missing: string[] = [];
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (!describedAnywhere(field)) missing.push(at);
      missing.push(...undescribedFields(field, at));
    }
  } else if (inner instanceof z.ZodArray) {
    missing.push(...undescribedFields(inner.element as z.ZodType, `${path}[]`));
  } else if (inner instanceof z.ZodRecord) {
    missing.push(...undescribedFields(inner.valueType as z.ZodType, `${path}{}`));
  } else if (inner instanceof z.ZodUnion) {
    for (const option of inner.options as z.ZodType[]) missing.push(...undescribedFields(option, path));
  }
  return missing;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function describedAnywhere(schema: z.ZodType): boolean {
  let s = schema;
  for (;;) {
    if (s.description !== undefined && s.description !== '') return true;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else return false;
  }
}
