/**
 * `--set path=value` overrides of a scenario, applied to the raw
 * JSON before validation so that the schema checks the result.
 */
import { InputError } from '../../common/errors.js';

/**
 * Apply `key=value` overrides to a parsed (not yet validated) scenario object and
 * return a new object; the input is not modified.
 *
 * 1. Split each override at the first `=`; the path is dot-separated
 *    (`demand.scale`, `stations.0.chargers`, `stations.CS1.chargers`: an array
 *    step is an index or the `id`/`station` of an element).
 * 2. The value is parsed as JSON when it parses (`1.2`, `true`, `[1,2]`,
 *    `{"mode":"fixed","yuanPerKWh":2}`), else taken as a string (`fixed-point`).
 * 3. Missing intermediate objects are created; an array index equal to the length
 *    appends; any other missing array element is an error.
 *
 * @param raw - the parsed JSON of the scenario file.
 * @param overrides - e.g. `['demand.scale=1.2', 'feedback=fixed-point']`.
 * @param source - file name for error messages.
 * @throws InputError for a malformed override or a path through a non-object.
 * @example
 * applyOverrides({ demand: { scale: 1 } }, ['demand.scale=1.2'], 'a.json'); // { demand: { scale: 1.2 } }
 */
export function applyOverrides(raw: unknown, overrides: readonly string[], source: string): unknown {
  let result: unknown = structuredClone(raw);
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0) throw new InputError({ source: '--set', value: override }, 'expected path=value, e.g. demand.scale=1.2');
    const path = override.slice(0, eq).split('.');
    if (path.some((step) => step.length === 0)) throw new InputError({ source: '--set', value: override }, 'empty path step');
    result = setAt(result, path, parseValue(override.slice(eq + 1)), { source, override });
  }
  return result;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Where {
  readonly source: string;
  readonly override: string;
}

function setAt(target: unknown, path: readonly string[], value: unknown, where: Where): unknown {
  const [step, ...rest] = path;
  if (Array.isArray(target)) {
    const index = arrayIndex(target, step);
    if (index < 0) throw new InputError({ source: where.source, field: `--set ${where.override}`, value: step }, 'no such array element (index or id)');
    const copy = [...target];
    copy[index] = rest.length === 0 ? value : setAt(copy[index], rest, value, where);
    return copy;
  }
  if (target === undefined || target === null) target = {};
  if (typeof target !== 'object') {
    throw new InputError({ source: where.source, field: `--set ${where.override}`, value: target }, `cannot set "${step}" inside a non-object`);
  }
  const copy: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  copy[step] = rest.length === 0 ? value : setAt(copy[step], rest, value, where);
  return copy;
}

function arrayIndex(array: readonly unknown[], step: string): number {
  // Index = length appends a new element.
  if (/^\d+$/.test(step)) return Number(step) <= array.length ? Number(step) : -1;
  return array.findIndex((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const rec = e as Record<string, unknown>;
    return rec.id === step || rec.station === step;
  });
}
