/**
 * Read a scenario file from disk: JSON text → `--set` overrides → schema
 * (the only file I/O of the scenario layer; `runCosim` itself does none).
 */
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFile } from '../../common/readJsonFile.js';
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
 * @throws InputError when the file is missing or not a regular file, is not JSON (line and
 *   column given), or violates the schema.
 * @example
 * const { scenario, name } = readScenarioFile('scenarios/nguyen-dupuis-ieee33-evening-peak.json', ['demand.scale=1.2']);
 */
export function readScenarioFile(file: string = DEFAULT_SCENARIO_FILE, overrides: readonly string[] = []): LoadedScenario {
  const path = resolve(file);
  const raw = readJsonFile(file);
  const scenario = parseScenario(applyOverrides(raw, overrides, file), file);
  return { scenario, file: path, baseDir: dirname(path), name: scenario.name ?? basename(path).replace(/\.json$/i, '') };
}
