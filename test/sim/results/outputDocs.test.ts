/**
 * The run's output documents against real outputs: every field described with a
 * unit, and the files a run writes parse with the strict schemas (a gained, lost or
 * renamed field or column fails here before it reaches docs/outputs.md).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { RUN_OUTPUT_DOCS } from '../../../src/sim/index.ts';
import { RESULT_FILES, writeResults } from '../../../src/sim/results/writeResults.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';

interface Node { type?: string | string[]; anyOf?: Node[]; description?: string; properties?: Record<string, Node>; items?: Node; additionalProperties?: Node | boolean }

/** Dotted paths of fields without a description. */
function undescribed(node: Node, path: string): string[] {
  const own = path !== '' && (node.description === undefined || node.description.trim() === '') ? [path] : [];
  const inner = node.properties !== undefined
    ? Object.entries(node.properties).flatMap(([key, child]) => undescribed(child, path === '' ? key : `${path}.${key}`))
    : node.items?.properties !== undefined
      ? Object.entries(node.items.properties).flatMap(([key, child]) => undescribed(child, `${path}[].${key}`))
      : [];
  return [...own, ...inner];
}

describe('RUN_OUTPUT_DOCS', () => {
  it('documents --json, summary.json, the four CSVs and validate --json', () => {
    expect(RUN_OUTPUT_DOCS.map((d) => `${d.command} ${d.target}`)).toEqual([
      'ev-cosim run stdout', 'ev-cosim run summary.json', 'ev-cosim run stations.csv', 'ev-cosim run buses.csv',
      'ev-cosim run links.csv', 'ev-cosim run system.csv', 'ev-cosim validate stdout',
    ]);
    const documentedFiles = RUN_OUTPUT_DOCS.filter((d) => d.command === 'ev-cosim run' && d.target !== 'stdout').map((d) => d.target);
    expect([...documentedFiles, 'report.html'].sort()).toEqual([...RESULT_FILES].sort());
  });

  it.each(RUN_OUTPUT_DOCS.map((d) => [`${d.command} ${d.target}`, d] as const))('%s: every field is described', (_name, doc) => {
    expect(undescribed(z.toJSONSchema(doc.schema) as Node, '')).toEqual([]);
  });

  it('CSV docs are flat objects of scalar columns (one value per cell; a nullable one is an empty cell)', () => {
    for (const doc of RUN_OUTPUT_DOCS.filter((d) => d.format === 'csv')) {
      const node = z.toJSONSchema(doc.schema) as Node;
      for (const [column, child] of Object.entries(node.properties ?? {})) {
        const types = (child.anyOf === undefined ? [child.type].flat() : child.anyOf.map((a) => a.type)).filter((t) => t !== 'null');
        expect([column, types]).toEqual([column, [expect.stringMatching(/^(number|integer|string)$/)]]);
      }
    }
  });

  it('a written results folder parses with the strict schemas, columns in order', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'docs-')), 'out');
    const { result, summary } = fakeRun();
    writeResults(result, summary, dir);
    for (const doc of RUN_OUTPUT_DOCS.filter((d) => d.command === 'ev-cosim run' && d.target !== 'stdout')) {
      const text = readFileSync(join(dir, doc.target), 'utf8');
      if (doc.format === 'json') {
        expect(doc.schema.safeParse(JSON.parse(text)).error).toBeUndefined();
        continue;
      }
      const [header] = parse(text, { to_line: 1 }) as string[][];
      expect([doc.target, header]).toEqual([doc.target, Object.keys((doc.schema as z.ZodObject).shape)]);
      const rows = parse(text, { columns: true, cast: (value, ctx) => (ctx.column === 'station' || ctx.column === 'clock' ? value : castCell(value)) }) as object[];
      for (const row of rows) expect(doc.schema.safeParse(row).error).toBeUndefined();
    }
  });
});

function castCell(value: string): string | number | null {
  if (value === '') return null;
  return Number.isFinite(Number(value)) ? Number(value) : value;
}
