/**
 * Field schemas shared by every room's output schemas (`OutputDoc`, src/common/outputDoc.ts;
 * docs/outputs.md "Vocabulary"): a clock time, and maps keyed by bus number, station id or
 * another id, with the key named in the generated field paths (`dlmpUsdPerMwhByBus.<bus>`,
 * `netMw.<station>`).
 */
import { z } from 'zod';

/**
 * A clock time `HH:MM`; `what` says which time it is.
 * @example
 * clockField('start of the interval').parse('17:10');
 */
export function clockField(what: string): z.ZodString {
  return z.string().regex(/^\d\d:\d\d$/).describe(`${what}, clock time HH:MM`);
}

/** A bus number as a JSON object key (`"18"`). */
const busKey = z.string().regex(/^-?\d+$/).meta({ title: 'bus' });

/**
 * A map bus number → number; `description` says what the value is, with its unit.
 * @example
 * numberByBus('voltage magnitude, pu').parse({ '1': 1, '18': 0.913 });
 */
export function numberByBus(description: string): z.ZodRecord<typeof busKey, z.ZodNumber> {
  return z.record(busKey, z.number()).describe(description);
}

/** A map bus number → `value` (an object schema). */
export function objectByBus<T extends z.ZodType>(value: T, description: string): z.ZodRecord<typeof busKey, T> {
  return z.record(busKey, value).describe(description);
}

/**
 * A map `keyName` (an id such as `station` or `lse`) → `value`.
 * @example
 * byId('station', z.number(), 'net load, MW').parse({ CS1: 0.85 });
 */
export function byId<T extends z.ZodType>(keyName: string, value: T, description: string): z.ZodRecord<z.ZodString, T> {
  return z.record(z.string().meta({ title: keyName }), value).describe(description);
}

/**
 * A map `keyName` → number.
 * @example
 * numberById('lse', 'generation, MW').parse({ 'LSE-A': 0.85 });
 */
export function numberById(keyName: string, description: string): z.ZodRecord<z.ZodString, z.ZodNumber> {
  return byId(keyName, z.number(), description);
}
