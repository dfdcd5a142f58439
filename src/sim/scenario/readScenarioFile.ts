/**
 * Read a scenario file from disk: JSON text → `--set` overrides → schema
 * (the only file I/O of the scenario layer; `runCosim` itself does none).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../common/errors.js';
import { applyOverrides } from './applyOverrides.js';
import { parseScenario } from './parseScenario.js';
import type { Scenario } from './schema/scenarioSchema.js';

/** Repository root (three levels above this file). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The bundled default scenario (docs/model.md §6), run when `ev-cosim run` gets no file. */
export const DEFAULT_SCENARIO_FILE = resolve(ROOT, 'scenarios', 'nguyen-dupuis-ieee33-evening-peak.json');

/** A scenario together with where it came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Absolute path of the file. */
  readonly file: string;
  /** Folder against which relative network / feeder paths are resolved. */
  readonly baseDir: string;
  /** `scenario.name`, or the file name without `.json`. */
  readonly name: string;
}

/**
 * Read, override and validate a scenario file.
 *
 * @param file - path of the JSON file (default: `DEFAULT_SCENARIO_FILE`).
 * @param overrides - `--set` strings, see `applyOverrides`.
 * @throws InputError when the file is missing, is not JSON, or violates the schema.
 * @example
 * const { scenario, name } = readScenarioFile('scenarios/nguyen-dupuis-ieee33-evening-peak.json', ['demand.scale=1.2']);
 */
export function readScenarioFile(file: string = DEFAULT_SCENARIO_FILE, overrides: readonly string[] = []): LoadedScenario {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError({ source: file }, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError({ source: file }, `not valid JSON (${(error as Error).message})`);
  }
  const scenario = parseScenario(applyOverrides(raw, overrides, file), file);
  return { scenario, file: path, baseDir: dirname(path), name: scenario.name ?? basename(path).replace(/\.json$/i, '') };
}
