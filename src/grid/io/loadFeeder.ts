import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../common/errors.js';
import type { Feeder } from '../model/feeder.js';
import { readCase33bwCsv } from './case33bwCsv.js';
import { readMatpowerCase } from './matpowerCase.js';

/** Names of the feeders shipped in `scenarios/data/grid/`. */
export type BundledFeederName = 'case33bw' | 'ieee123';

/**
 * Bundled feeder names, in the order shown in messages.
 *
 * @example
 * BUNDLED_FEEDERS.map(loadBundledFeeder);
 */
export const BUNDLED_FEEDERS: readonly BundledFeederName[] = ['case33bw', 'ieee123'];

// Resolved from this file, not the cwd, so the CLI works from any directory.
const GRID_DATA_DIR = fileURLToPath(new URL('../../../scenarios/data/grid/', import.meta.url));
const BUNDLED_PATHS: Record<BundledFeederName, string> = {
  case33bw: `${GRID_DATA_DIR}case33bw`,
  ieee123: `${GRID_DATA_DIR}ieee123-balanced/grid_IEEE123.m`,
};

/**
 * Load a feeder shipped with the package.
 *
 * - `case33bw`: Baran & Wu 33-bus feeder (MATPOWER), CSV tables, 10 MVA base, slack bus 1.
 * - `ieee123`: IEEE 123-node feeder, balanced equivalent (Bobo et al. 2020), with caps
 *   and regulators, 1 MVA base, slack bus 114.
 *
 * @param name - a bundled feeder name.
 * @returns the validated feeder, `name` set to the bundled name.
 * @throws InputError for an unknown name (listing the bundled names).
 * @example
 * loadBundledFeeder('case33bw').buses.length; // 33
 */
export function loadBundledFeeder(name: BundledFeederName): Feeder {
  if (!Object.hasOwn(BUNDLED_PATHS, name)) {
    throw new InputError({ source: 'feeder', value: name, field: 'name' }, `unknown bundled feeder (bundled: ${BUNDLED_FEEDERS.join(', ')})`);
  }
  const path = BUNDLED_PATHS[name];
  const feeder = name === 'case33bw' ? readCase33bwCsv(path) : readMatpowerCase(path);
  return { ...feeder, name };
}

/**
 * Load a feeder from a spec string, as the CLI receives it.
 *
 * 1. A bundled name (`case33bw`, `ieee123`) → `loadBundledFeeder`.
 * 2. A directory → `readCase33bwCsv` (bus.csv, branch.csv, gen.csv, gencost.csv).
 * 3. A file ending in `.m` → `readMatpowerCase`.
 *
 * @param spec - bundled name, directory or `.m` path (relative to the cwd).
 * @param named - where the user wrote `spec` (file and field, e.g. the scenario file and
 *   `feeder.case`), named when the spec is no feeder; absent: the spec itself is named.
 * @returns the validated feeder.
 * @throws InputError when the spec is none of these (the message lists the bundled names).
 * @example
 * loadFeeder('ieee123').slackBus; // 114
 * loadFeeder('./my-feeder/'); // CSV tables
 */
export function loadFeeder(spec: string, named?: { readonly source: string; readonly field: string }): Feeder {
  if ((BUNDLED_FEEDERS as readonly string[]).includes(spec)) return loadBundledFeeder(spec as BundledFeederName);
  if (existsSync(spec)) {
    if (statSync(spec).isDirectory()) return readCase33bwCsv(spec);
    if (/\.m$/i.test(spec)) return readMatpowerCase(spec);
    throw new InputError(
      named === undefined ? { source: spec } : { ...named, value: spec },
      'unsupported file type: expected a MATPOWER .m case file or a directory of case33bw-style CSV tables',
    );
  }
  throw new InputError(
    named === undefined ? { source: spec } : { ...named, value: spec },
    `not a bundled feeder (${BUNDLED_FEEDERS.join(', ')}), nor an existing .m file or CSV directory`,
  );
}
