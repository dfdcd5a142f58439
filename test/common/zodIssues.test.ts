import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/common/errors.ts';
import { formatFieldPath, parseWithSchema, zodInputError } from '../../src/common/zodIssues.ts';
import { inputErrorMessage } from '../helpers/inputErrorMessage.ts';

const schema = z.strictObject({
  name: z.string().min(1),
  stations: z.array(z.strictObject({ id: z.string(), chargers: z.number().int().min(0), kw: z.number().positive().optional() })).min(1),
  mode: z.enum(['fixed', 'dlmp']).default('fixed'),
  kind: z.literal('study'),
  profile: z.union([z.number(), z.array(z.number())]).optional(),
  notes: z.string().optional(),
});

const good = () => ({ name: 'x', kind: 'study', stations: [{ id: 'CS1', chargers: 4 }, { id: 'CS2', chargers: 2 }, { id: 'CS3', chargers: 1 }] });

function messageOf(raw: unknown): string {
  return inputErrorMessage(() => parseWithSchema(schema, raw, 'study.json'));
}

describe('zodInputError / parseWithSchema', () => {
  it('returns the parsed value with defaults when valid', () => {
    expect(parseWithSchema(schema, good(), 'study.json').mode).toBe('fixed');
  });

  it('names file, field path with [i] indices, value and rule', () => {
    const raw = good();
    raw.stations[2].chargers = -3;
    expect(messageOf(raw)).toBe('study.json: stations[2].chargers = -3: Too small: expected number to be >=0');
  });

  it('names a misspelt key as an unknown field, not as the missing correct key, and suggests it', () => {
    const raw: Record<string, unknown> = good();
    const stations = raw.stations as Record<string, unknown>[];
    stations[2] = { id: 'CS3', chargerz: 1 };
    // zod lists the missing "chargers" first; the user's mistake is the unknown "chargerz".
    expect(schema.safeParse(raw).error!.issues[0].code).toBe('invalid_type');
    expect(messageOf(raw)).toBe('study.json: stations[2].chargerz: unknown field "chargerz" (did you mean "chargers"?)');
  });

  it('does not suggest an unrelated missing key, and counts it as one more problem', () => {
    const raw: Record<string, unknown> = { ...good(), colour: 'red' };
    delete raw.name;
    expect(messageOf(raw)).toBe('study.json: colour: unknown field "colour" (and 1 more problem)');
  });

  it('lists further unknown keys of the same object', () => {
    expect(messageOf({ ...good(), a: 1, b: 2 })).toBe('study.json: a: unknown field "a" (also unknown: "b")');
  });

  it('says a missing field is required, with the expected type or value', () => {
    const raw: Record<string, unknown> = good();
    delete raw.name;
    expect(messageOf(raw)).toBe('study.json: name: is required (expected string)');
    delete raw.kind;
    expect(messageOf(raw)).toBe('study.json: name: is required (expected string) (and 1 more problem)');
    const noKind: Record<string, unknown> = good();
    delete noKind.kind;
    expect(messageOf(noKind)).toBe('study.json: kind: is required (expected "study")');
  });

  it('states enum and literal rules plainly', () => {
    expect(messageOf({ ...good(), mode: 'tou' })).toBe('study.json: mode = "tou": expected one of "fixed", "dlmp"');
    expect(messageOf({ ...good(), kind: 'run' })).toBe('study.json: kind = "run": expected "study"');
  });

  it('names the alternatives of a union', () => {
    expect(messageOf({ ...good(), profile: 'flat' })).toBe('study.json: profile = "flat": expected number or array (one number per interval)');
  });

  it('reports a wrong root as (root) with the value', () => {
    expect(messageOf([1, 2])).toBe('study.json: (root) = [1,2]: expected object, received array');
  });

  it('cuts a long value at 80 characters', () => {
    const notes = 'n'.repeat(500);
    const message = messageOf({ ...good(), stations: 'x'.repeat(300), notes });
    const shown = /stations = (.*): expected array/.exec(message)![1];
    expect(shown).toHaveLength(80);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('returns an InputError carrying the location', () => {
    const raw = { ...good(), stations: [] };
    const error = zodInputError('s.json', schema.safeParse(raw).error!, raw);
    expect(error).toBeInstanceOf(InputError);
    expect(error.location).toEqual({ source: 's.json', field: 'stations', value: [] });
  });
});

describe('formatFieldPath', () => {
  it('writes paths as JavaScript accessors', () => {
    expect(formatFieldPath(['stations', 0, 'bus'])).toBe('stations[0].bus');
    expect(formatFieldPath(['feeder', 'outages', 12, 'fromInterval'])).toBe('feeder.outages[12].fromInterval');
    expect(formatFieldPath([3, 'a'])).toBe('[3].a');
    expect(formatFieldPath(['prices', 'CS 1'])).toBe('prices["CS 1"]');
    expect(formatFieldPath([])).toBe('');
  });
});
