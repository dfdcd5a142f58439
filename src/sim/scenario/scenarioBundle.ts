/**
 * A scenario together with every user file it references, as one content-addressed
 * value: the resume key of `flex` and the unit a worker on another machine receives.
 *
 * Layout: the bundle root is the deepest folder holding the scenario file and every
 * referenced file (`traffic.network`, `feeder.case` — a `.m` file or the four CSV tables
 * of a CSV folder —, `demand.tripsFile`, `demand.csvFile`), so the relative layout of
 * the files is kept and relative paths in the scenario and in the `--set` overrides stay
 * valid in a materialized copy. An absolute path is rewritten relative to the scenario's
 * folder: in the scenario text (re-serialized as 2-space JSON) when the file gave it, in
 * the override (`feeder.case=/abs/x.m` → `feeder.case=../x/x.m`) when a `--set` of exactly
 * that field gave it. (An absolute path inside a whole-object override such as
 * `--set 'demand={"csvFile":"/abs/d.csv"}'` is kept as is; its content still counts in the hash.)
 *
 * Bundled data (`NguyenDupuis`, `case33bw`, …) is not carried: it ships with the package,
 * but the sha256 of its files counts in the hash (`bundled`), so an edited data file changes it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../common/errors.js';
import { parseJsonText } from '../../common/readJsonFile.js';
import { readTextFile } from '../../common/readTextFile.js';
import { BUNDLED_FEEDERS } from '../../grid/io/loadFeeder.js';
import { BUNDLED_NETWORKS, bundledNetworkFiles, type BundledNetworkName } from '../../traffic/io/loadBundledNetwork.js';
import { readScenarioFile } from './readScenarioFile.js';

/** A scenario and the content of every file it references (see the module's docs). */
export interface ScenarioBundle {
  /** sha256 hex over entry, overrides, files and bundled digests (sorted by path). */
  readonly hash: string;
  /** Scenario file name relative to the bundle root (`/`-separated). */
  readonly entry: string;
  /** `--set` strings, in order (absolute paths of path fields rewritten, see the module's docs). */
  readonly overrides: readonly string[];
  /** Relative path (`/`-separated) → UTF-8 content: the scenario and every referenced user file. */
  readonly files: Readonly<Record<string, string>>;
  /** Bundled data used, `network:<name>` / `feeder:<name>` → sha256 hex of its files (not carried). */
  readonly bundled: Readonly<Record<string, string>>;
  /** `version` of the package that made the bundle (not part of the hash). */
  readonly packageVersion: string;
}

/** Repository root (three levels above this file). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Files of the bundled feeders (as grid/io/loadFeeder reads them). */
const BUNDLED_FEEDER_FILES: Readonly<Record<string, readonly string[]>> = {
  case33bw: ['bus.csv', 'branch.csv', 'gen.csv', 'gencost.csv'].map((f) => `scenarios/data/grid/case33bw/${f}`),
  ieee123: ['scenarios/data/grid/ieee123-balanced/grid_IEEE123.m'],
};

/** Tables of a CSV feeder folder (grid/io/case33bwCsv). */
const CSV_FEEDER_TABLES = ['bus.csv', 'branch.csv', 'gen.csv', 'gencost.csv'] as const;

/** A path field of the scenario and the files it names. */
interface Reference {
  readonly field: string;
  readonly spec: string;
  /** Absolute paths of the files read for it. */
  readonly paths: readonly string[];
  /** Absolute path the spec resolves to (a file or the CSV folder). */
  readonly target: string;
}

/**
 * Read a scenario (validated, with its overrides) and every user file it references.
 *
 * @param scenarioFile - scenario JSON path.
 * @param overrides - `--set` strings.
 * @returns the bundle; equal inputs (same texts, same relative layout) give the same `hash`
 *   wherever the files live.
 * @throws InputError when the scenario is invalid or a referenced file is missing or unreadable.
 * @example
 * const bundle = bundleScenario('scenarios/nguyen-dupuis-ieee33-evening-peak.json', ['demand.scale=1.2']);
 * bundle.hash; // 64 hex digits
 */
export function bundleScenario(scenarioFile: string, overrides: readonly string[]): ScenarioBundle {
  const loaded = readScenarioFile(scenarioFile, overrides);
  const { scenario, baseDir, file } = loaded;
  const refs: Reference[] = [];
  const bundled: Record<string, string> = {};
  const network = scenario.traffic.network;
  if ((BUNDLED_NETWORKS as readonly string[]).includes(network)) {
    const { netPath, tripsPath } = bundledNetworkFiles(network as BundledNetworkName);
    bundled[`network:${network}`] = digestFiles([netPath, tripsPath]);
  } else refs.push(fileReference('traffic.network', network, baseDir, file));
  const feeder = scenario.feeder.case;
  if ((BUNDLED_FEEDERS as readonly string[]).includes(feeder)) {
    bundled[`feeder:${feeder}`] = digestFiles(BUNDLED_FEEDER_FILES[feeder].map((f) => join(ROOT, f)));
  } else refs.push(feederReference(feeder, baseDir, file));
  if (scenario.demand.tripsFile !== undefined) refs.push(fileReference('demand.tripsFile', scenario.demand.tripsFile, baseDir, file));
  if (scenario.demand.csvFile !== undefined) refs.push(fileReference('demand.csvFile', scenario.demand.csvFile, baseDir, file));

  const root = commonFolder([baseDir, ...refs.flatMap((r) => r.paths.map((p) => dirname(p)))]);
  let text = readTextFile(file);
  let outOverrides = [...overrides];
  const absolute = refs.filter((r) => isAbsolute(r.spec));
  if (absolute.length > 0) {
    const raw = parseJsonText(text, file) as Record<string, unknown>;
    let rawChanged = false;
    for (const r of absolute) {
      const rel = posix(relative(baseDir, r.target)) || '.';
      const index = lastOverrideOf(outOverrides, r.field);
      if (index >= 0 && overrideValue(outOverrides[index]) === r.spec) outOverrides[index] = `${r.field}=${rel}`;
      else if (getAt(raw, r.field) === r.spec) {
        setAt(raw, r.field, rel);
        rawChanged = true;
      }
    }
    if (rawChanged) text = `${JSON.stringify(raw, null, 2)}\n`;
  }
  const files: Record<string, string> = {};
  const entry = posix(relative(root, file));
  files[entry] = text;
  for (const r of refs) for (const p of r.paths) files[posix(relative(root, p))] = readTextFile(p);
  const hash = bundleHash(entry, outOverrides, files, bundled);
  return { hash, entry, overrides: outOverrides, files, bundled, packageVersion: packageVersion() };
}

/**
 * Write a bundle's files under `cacheDir/<hash>/` (only when that folder is absent; written
 * to a temporary sibling and renamed, so a reader never sees half a bundle) and return the
 * absolute path of its scenario file. Read it with `readScenarioFile(path, bundle.overrides)`.
 *
 * @param bundle - from {@link bundleScenario} (e.g. received over a queue).
 * @param cacheDir - folder of materialized bundles (created when missing).
 * @throws InputError when the content does not match `bundle.hash` or a path leaves the bundle root.
 * @example
 * const entry = materializeBundle(bundle, '/tmp/ev-cosim-bundles');
 * const { scenario } = readScenarioFile(entry, bundle.overrides);
 */
export function materializeBundle(bundle: ScenarioBundle, cacheDir: string): string {
  const source = `bundle ${bundle.hash.slice(0, 12)}`;
  if (!/^[0-9a-f]{64}$/.test(bundle.hash)) throw new InputError({ source, field: 'hash', value: bundle.hash }, 'must be 64 hex digits (sha256)');
  for (const name of Object.keys(bundle.files)) {
    if (isAbsolute(name) || name.split('/').some((step) => step === '..' || step === '')) {
      throw new InputError({ source, field: 'files', value: name }, 'path must stay inside the bundle (relative, no "..")');
    }
  }
  const actual = bundleHash(bundle.entry, bundle.overrides, bundle.files, bundle.bundled ?? {});
  if (actual !== bundle.hash) throw new InputError({ source, field: 'hash', value: bundle.hash }, `content hashes to ${actual}: the bundle was altered`);
  if (!Object.hasOwn(bundle.files, bundle.entry)) throw new InputError({ source, field: 'entry', value: bundle.entry }, 'not one of the bundle files');
  const dir = resolve(cacheDir, bundle.hash);
  if (!existsSync(dir)) {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${dir}.tmp-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    for (const [name, content] of Object.entries(bundle.files)) {
      const path = join(temp, ...name.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    try {
      renameSync(temp, dir);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      // another process materialized the same bundle meanwhile: same content by hash
      if (!existsSync(dir)) throw error;
    }
  }
  return join(dir, ...bundle.entry.split('/'));
}

/** sha256 over a canonical JSON of the bundle's content (object keys sorted). */
function bundleHash(
  entry: string,
  overrides: readonly string[],
  files: Readonly<Record<string, string>>,
  bundled: Readonly<Record<string, string>>,
): string {
  const sorted = (rec: Readonly<Record<string, string>>): [string, string][] =>
    Object.keys(rec)
      .sort()
      .map((k) => [k, rec[k]]);
  const canonical = JSON.stringify({ entry, overrides, files: sorted(files), bundled: sorted(bundled) });
  return createHash('sha256').update(canonical).digest('hex');
}

function digestFiles(paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) h.update(readFileSync(p)).update('\0');
  return h.digest('hex');
}

function fileReference(field: string, spec: string, baseDir: string, source: string): Reference {
  const target = isAbsolute(spec) ? spec : resolve(baseDir, spec);
  if (kindOf(target) !== 'file') throw new InputError({ source, field, value: spec }, 'no such file');
  return { field, spec, paths: [target], target };
}

function feederReference(spec: string, baseDir: string, source: string): Reference {
  const target = isAbsolute(spec) ? spec : resolve(baseDir, spec);
  const kind = kindOf(target);
  if (kind === 'missing') throw new InputError({ source, field: 'feeder.case', value: spec }, 'not a bundled feeder nor an existing file or folder');
  const paths = kind === 'dir' ? CSV_FEEDER_TABLES.map((t) => join(target, t)) : [target];
  for (const p of paths) if (kindOf(p) !== 'file') throw new InputError({ source, field: 'feeder.case', value: spec }, `missing ${p}`);
  return { field: 'feeder.case', spec, paths, target };
}

function kindOf(path: string): 'missing' | 'dir' | 'file' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

/** Deepest folder containing every given folder. */
function commonFolder(folders: readonly string[]): string {
  let common = folders[0].split(sep);
  for (const f of folders.slice(1)) {
    const parts = f.split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(sep) || sep;
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

function lastOverrideOf(overrides: readonly string[], field: string): number {
  for (let i = overrides.length - 1; i >= 0; i--) if (overrides[i].slice(0, overrides[i].indexOf('=')) === field) return i;
  return -1;
}

function overrideValue(override: string): unknown {
  const text = override.slice(override.indexOf('=') + 1);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function getAt(raw: Record<string, unknown>, field: string): unknown {
  let at: unknown = raw;
  for (const step of field.split('.')) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[step] : undefined;
  return at;
}

function setAt(raw: Record<string, unknown>, field: string, value: string): void {
  const steps = field.split('.');
  let at = raw;
  for (const step of steps.slice(0, -1)) at = at[step] as Record<string, unknown>;
  at[steps[steps.length - 1]] = value;
}

let cachedVersion: string | undefined;

/**
 * `version` of the package (its package.json), e.g. for the marker of a results folder.
 *
 * @example
 * packageVersion(); // '0.1.0'
 */
export function packageVersion(): string {
  cachedVersion ??= String((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown }).version ?? 'unknown');
  return cachedVersion;
}
