import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA_ARTIFACTS, schemaArtifactContents } from '../../../src/sim/scenario/writeSchemaArtifacts.ts';
import { scenarioJsonSchema, type JsonSchemaNode } from '../../../src/sim/scenario/scenarioJsonSchema.ts';

describe('scenario schema artifacts', () => {
  const contents = schemaArtifactContents();
  it('docs/scenario-reference.md is up to date (regenerate: npx tsx src/sim/scenario/writeSchemaArtifacts.ts)', () => {
    expect(readFileSync(SCHEMA_ARTIFACTS.referenceDoc, 'utf8')).toBe(contents.referenceDoc);
  });
  it('scenarios/schema/scenario.schema.json is up to date', () => {
    expect(readFileSync(SCHEMA_ARTIFACTS.jsonSchema, 'utf8')).toBe(contents.jsonSchema);
  });
  it('every field has a description', () => {
    const missing: string[] = [];
    const walk = (node: JsonSchemaNode, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (child.description === undefined) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      if (node.items !== undefined) walk(node.items, `${path}[]`);
      for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walk(variant, path);
    };
    walk(scenarioJsonSchema(), '');
    expect(missing).toEqual([]);
  });
  it('objects reject unknown fields (additionalProperties false)', () => {
    const open: string[] = [];
    const walk = (node: JsonSchemaNode, path: string): void => {
      if (node.type === 'object' && node.additionalProperties !== false) open.push(path);
      for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`);
      if (node.items !== undefined) walk(node.items, `${path}[]`);
      for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walk(variant, path);
    };
    walk(scenarioJsonSchema(), '');
    expect(open).toEqual([]);
  });
});
