/**
 * Deterministic ids of job content: the sha256 of a canonical JSON text (object keys
 * sorted, `undefined` members dropped), so the same task always gets the same id on any
 * machine, whatever order its fields were built in.
 */
import { createHash } from 'node:crypto';

/**
 * Canonical JSON: like `JSON.stringify`, with object keys sorted at every level.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * sha256 (hex, 64 characters) of {@link canonicalJson}`(value)`.
 *
 * @example
 * contentId({ kind: 'case', overrides: ['demand.scale=1.2'] }); // 'a3f…' (64 hex digits)
 */
export function contentId(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
