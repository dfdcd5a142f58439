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
 *    step is an index or the `id`/`station` of an element); `stations[0].chargers`
 *    is read as `stations.0.chargers`.
 * 2. The value is parsed as JSON when it parses (`1.2`, `true`, `[1,2]`,
 *    `{"mode":"fixed","yuanPerKWh":2}`), else taken as a string (`fixed-point`);
 *    a value starting with `[`, `{` or `"` must be valid JSON.
 * 3. Missing intermediate objects are created; an array index equal to the length
 *    appends; any other missing array element is an error.
 *
 * @param raw - the parsed JSON of the scenario file.
 * @param overrides - e.g. `['demand.scale=1.2', 'feedback=fixed-point']`.
 * @param source - file name for error messages.
 * @throws InputError for a malformed override or a path through a non-object, the
 *   message quoting the override: `--set "stations.CS9.chargers=3": stations has no element "CS9" …`.
 * @example
 * applyOverrides({ demand: { scale: 1 } }, ['demand.scale=1.2'], 'a.json'); // { demand: { scale: 1.2 } }
 */
export function applyOverrides(raw: unknown, overrides: readonly string[], source: string): unknown {
  let result: unknown = structuredClone(raw);
  for (const override of overrides) {
    const eq = override.indexOf('=');
    if (eq <= 0) throw new InputError({ source: overrideSource(override) }, 'expected path=value, e.g. demand.scale=1.2');
    const path = override.slice(0, eq).trim().replace(/\[([^\]]*)\]/g, '.$1').split('.');
    if (path.some((step) => step.length === 0)) throw new InputError({ source: overrideSource(override) }, 'empty step in the path (expected e.g. stations.CS1.chargers)');
    result = setAt(result, path, parseValue(override.slice(eq + 1), override), { source, override }, []);
  }
  return result;
}

/** Longest override quoted in a message. */
const MAX_OVERRIDE_CHARS = 80;

/** `--set "<override>"`, cut at 80 characters. */
function overrideSource(override: string): string {
  const shown = override.length > MAX_OVERRIDE_CHARS ? `${override.slice(0, MAX_OVERRIDE_CHARS - 1)}…` : override;
  return `--set ${JSON.stringify(shown)}`;
}

/** JSON when it parses; else the text as a string, unless it starts like a JSON array, object or string (a typo there is an error, not a string). */
function parseValue(text: string, override: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (/^\s*[[{"]/.test(text)) throw new InputError({ source: overrideSource(override) }, 'the value starts like JSON but is not valid JSON');
    return text;
  }
}

interface Where {
  readonly source: string;
  readonly override: string;
}

function setAt(target: unknown, path: readonly string[], value: unknown, where: Where, done: readonly string[]): unknown {
  const [step, ...rest] = path;
  const at = done.length === 0 ? '(root)' : done.join('.');
  if (Array.isArray(target)) {
    const index = arrayIndex(target, step);
    if (index < 0) {
      const ids = target.map((e, i) => (typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : String(i)));
      throw new InputError(
        { source: overrideSource(where.override), field: at, value: step },
        `no such element in ${where.source}: give an index 0…${target.length} (${target.length} appends) or an id${ids.length > 0 ? ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})` : ''}`,
      );
    }
    const copy = [...target];
    copy[index] = rest.length === 0 ? value : setAt(copy[index], rest, value, where, [...done, step]);
    return copy;
  }
  if (target === undefined || target === null) target = {};
  if (typeof target !== 'object') {
    throw new InputError({ source: overrideSource(where.override), field: at, value: target }, `is not an object in ${where.source}: cannot set "${step}" inside it`);
  }
  const copy: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  copy[step] = rest.length === 0 ? value : setAt(copy[step], rest, value, where, [...done, step]);
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
