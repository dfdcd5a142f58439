/**
 * Field schemas shared by the command outputs in this folder (docs/outputs.md
 * "Vocabulary"): maps keyed by bus number or by another id, with the key named in the
 * generated field paths (`dlmpUsdPerMwhByBus.<bus>`).
 */
import { z } from 'zod';

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
 * A map `keyName` (an id such as an LSE or station id) → number.
 * @example
 * numberById('lse', 'generation, MW').parse({ 'LSE-A': 0.85 });
 */
export function numberById(keyName: string, description: string): z.ZodRecord<z.ZodString, z.ZodNumber> {
  return z.record(z.string().meta({ title: keyName }), z.number()).describe(description);
}
