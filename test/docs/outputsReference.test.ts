import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, type JsonSchemaNode } from '../../src/common/schemaTable.ts';
import { ALL_OUTPUT_DOCS } from '../../src/cli/outputsReference/allOutputDocs.ts';
import { OUTPUTS_REFERENCE_PATH, outputsReferenceContents } from '../../src/cli/outputsReference/writeDocs.ts';

/** Every named property under `node`, with its dotted path. */
function properties(node: JsonSchemaNode, path: string): { path: string; key: string; node: JsonSchemaNode }[] {
  const out: { path: string; key: string; node: JsonSchemaNode }[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    out.push({ path: `${path}.${key}`, key, node: child }, ...properties(child, `${path}.${key}`));
  }
  if (node.items !== undefined) out.push(...properties(node.items, `${path}[]`));
  if (typeof node.additionalProperties === 'object') out.push(...properties(node.additionalProperties, `${path}.<key>`));
  for (const variant of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) out.push(...properties(variant, path));
  return out;
}

/** Every object node with named properties under `node` (the root and its union variants included). */
function objects(node: JsonSchemaNode, path: string): { path: string; node: JsonSchemaNode }[] {
  const isObject = (n: JsonSchemaNode): boolean => n.type === 'object' && n.properties !== undefined;
  const roots = [node, ...(node.anyOf ?? []), ...(node.oneOf ?? [])].filter(isObject).map((n) => ({ path, node: n }));
  return [...roots, ...properties(node, path).flatMap((p) => [p.node, ...(p.node.anyOf ?? []), ...(p.node.oneOf ?? [])]
    .filter(isObject).map((n) => ({ path: p.path, node: n })))];
}

const schemas = ALL_OUTPUT_DOCS.map((doc) => ({ name: `${doc.command} → ${doc.target}`, doc, root: jsonSchemaOf(doc.schema, 'output') }));

describe('docs/outputs.md', () => {
  it('is current (regenerate: npx tsx src/cli/outputsReference/writeDocs.ts)', () => {
    expect(readFileSync(OUTPUTS_REFERENCE_PATH, 'utf8')).toBe(outputsReferenceContents());
  });

  it('documents opf, assign and equilibrium, each output with a table', () => {
    const text = outputsReferenceContents();
    for (const heading of ['## Vocabulary', '## `ev-cosim opf`', '## `ev-cosim assign`', '## `ev-cosim equilibrium`',
      '### `ev-cosim opf --pf --json` → stdout', '### `ev-cosim assign --flows <file>` → `<file>`']) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('| `dlmpComponentsByBus.<bus>.lossUsdPerMwh` | number |');
    expect(text).toContain('| `details.reroute.dominantV2g` | object or null |');
  });
});

describe.each(schemas)('output doc $name', ({ doc, root }) => {
  it('is an object schema (or a union of object schemas) with a description', () => {
    const variants = [...(root.anyOf ?? []), ...(root.oneOf ?? [])];
    expect(root.type === 'object' || (variants.length > 0 && variants.every((v) => v.type === 'object'))).toBe(true);
    expect(doc.description.length).toBeGreaterThan(0);
  });

  it('describes every field', () => {
    expect(properties(root, '').filter((p) => p.node.description === undefined).map((p) => p.path)).toEqual([]);
  });

  it('is strict: every object rejects unknown fields', () => {
    expect(objects(root, '').filter((o) => o.node.additionalProperties !== false).map((o) => o.path || '(root)')).toEqual([]);
  });

  it('names fields in camelCase with camelCase unit suffixes (no `MW`, `kW`, `MVAr` spellings)', () => {
    expect(properties(root, '').filter((p) => !/^[a-z][a-zA-Z0-9]*$/.test(p.key) || /[A-Z]{2}/.test(p.key)).map((p) => p.path)).toEqual([]);
  });

  // Registered for CSV outputs only (a JSON output may nest), so JSON docs add no skipped test.
  if (doc.format === 'csv') {
    it('CSV: one value per cell (no object or array columns)', () => {
      const nested = Object.entries(root.properties ?? {}).filter(([, n]) => n.type === 'object' || n.type === 'array');
      expect(nested.map(([key]) => key)).toEqual([]);
    });
  }
});
