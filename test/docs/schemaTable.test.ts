import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, schemaFields, schemaType, tableCell } from '../../src/common/schemaTable.ts';

const rowsOf = (schema: z.ZodType, containerRows: boolean): string[][] => {
  const root = jsonSchemaOf(schema, 'output');
  const required = new Set(root.required ?? []);
  return Object.entries(root.properties ?? {})
    .flatMap(([key, node]) => schemaFields(key, node, required.has(key), { containerRows }))
    .map((f) => [f.path, schemaType(f.node), f.required ? 'required' : 'optional']);
};

describe('schemaFields / schemaType', () => {
  const schema = z.strictObject({
    netMw: z.number().describe('net, MW'),
    note: z.string().optional().describe('remark'),
    byBus: z.record(z.string().meta({ title: 'bus' }), z.number()).describe('values by bus'),
    parts: z.record(z.string().meta({ title: 'bus' }), z.strictObject({ lossUsdPerMwh: z.number().describe('loss') })).describe('parts'),
    rows: z.array(z.strictObject({ id: z.string().describe('id') })).describe('rows'),
    maybe: z.strictObject({ x: z.number().int().nonnegative().describe('x') }).nullable().describe('or null'),
    pick: z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('a'), aKw: z.number().describe('a') }),
      z.strictObject({ mode: z.literal('b'), bKw: z.number().describe('b') }),
    ]).describe('one of two'),
    level: z.enum(['low', 'high']).describe('level'),
  });

  it('flattens maps, lists, nullable objects and discriminated unions into dotted paths (container rows on)', () => {
    expect(rowsOf(schema, true)).toEqual([
      ['netMw', 'number', 'required'],
      ['note', 'string', 'optional'],
      ['byBus', 'map of bus → number', 'required'],
      ['parts', 'map of bus → object', 'required'],
      ['parts.<bus>.lossUsdPerMwh', 'number', 'required'],
      ['rows', 'array of object', 'required'],
      ['rows[].id', 'string', 'required'],
      ['maybe', 'object or null', 'required'],
      ['maybe.x', 'integer (≥ 0)', 'required'],
      ['pick', 'object (mode `"a"` \\| `"b"`)', 'required'],
      ['pick (mode "a").mode', '`"a"`', 'required'],
      ['pick (mode "a").aKw', 'number', 'required'],
      ['pick (mode "b").mode', '`"b"`', 'required'],
      ['pick (mode "b").bKw', 'number', 'required'],
      ['level', '`"low"` \\| `"high"`', 'required'],
    ]);
  });

  it('without container rows lists only leaves, maps and unions (the scenario reference layout)', () => {
    const paths = rowsOf(schema, false).map((r) => r[0]);
    expect(paths).not.toContain('rows');
    expect(paths).toContain('rows[].id');
    expect(paths).toContain('byBus');
  });

  it('labels the variants of a plain union by an enum or constant tag', () => {
    const union = z.strictObject({
      u: z.union([
        z.strictObject({ model: z.enum(['dta', 'sta']), aMw: z.number().describe('a') }),
        z.strictObject({ model: z.literal('both'), bMw: z.number().describe('b') }),
      ]).describe('one model or both'),
    });
    expect(rowsOf(union, true).map((r) => r.slice(0, 2))).toEqual([
      ['u', 'object (model `"dta"` \\| `"sta"` \\| `"both"`)'],
      ['u (model "dta" | "sta").model', '`"dta"` \\| `"sta"`'],
      ['u (model "dta" | "sta").aMw', 'number'],
      ['u (model "both").model', '`"both"`'],
      ['u (model "both").bMw', 'number'],
    ]);
  });

  it('escapes table cells', () => {
    expect(tableCell('|a|\nb')).toBe('\\|a\\| b');
  });
});
