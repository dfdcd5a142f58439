import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonSchemaNode } from '../../../src/common/schemaTable.ts';
import { feederStudyJsonSchema, feederStudyReferenceDoc } from '../../../src/grid/problems/study/studyReferenceDoc.ts';
import { FEEDER_STUDY_REFERENCE_PATH } from '../../../src/cli/outputsReference/writeDocs.ts';

/** Every object node and property under `node`, with its path. */
function walk(node: JsonSchemaNode, path: string, visit: (node: JsonSchemaNode, path: string) => void): void {
  visit(node, path);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`, visit);
  if (node.items !== undefined) walk(node.items, `${path}[]`, visit);
  // Union alternatives (one value or one per interval) are described by their union.
  for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walk(variant, `${path}|`, visit);
}

describe('docs/feeder-study-reference.md', () => {
  it('is current (regenerate: npm run docs)', () => {
    expect(readFileSync(FEEDER_STUDY_REFERENCE_PATH, 'utf8')).toBe(feederStudyReferenceDoc());
  });

  it('documents every field of the study schema, and every object rejects unknown fields', () => {
    const undocumented: string[] = [];
    const open: string[] = [];
    walk(feederStudyJsonSchema(), '', (node, path) => {
      if (path !== '' && node.description === undefined && !/(\[\]|\|)$/.test(path)) undocumented.push(path);
      if (node.type === 'object' && node.additionalProperties !== false) open.push(path || '(root)');
    });
    expect(undocumented).toEqual([]);
    expect(open).toEqual([]);
    const doc = feederStudyReferenceDoc();
    for (const field of ['voltageLimits.byBus[].vMinPu', 'branchRatings[].rateMva', 'shedding.convention', 'solver.maxCutRounds', 'intervals[].importPriceUsdPerMwh']) {
      expect(doc).toContain(`| \`${field}\` |`);
    }
  });
});
