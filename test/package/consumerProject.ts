/**
 * Helpers of the pack-and-import test: copy the repository as a clean clone would have it,
 * `npm pack` it (which runs `prepare`, i.e. the build), and install the tarball into throw-away
 * consumer projects from the npm cache only.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Repository root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** What a finished child process printed. */
export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `command args` in `cwd` and resolve to its output; reject with both streams when it
 * exits non-zero. `NODE_OPTIONS` of the test runner is not passed on: a consumer has none.
 */
export function run(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: undefined, npm_config_update_notifier: 'false' };
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { cwd, env, maxBuffer: 64 << 20, shell: process.platform === 'win32' }, (error, stdout, stderr) => {
      if (error === null) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    });
  });
}

/** Folders and files a clean clone does not have (build output, installs, local scratch). */
const NOT_IN_A_CLONE = /^(node_modules|dist|out|\.git|\.scratch-[^/]*|\.tmp-[^/]*|\.probe)(\/|$)/;

/** Files of the working tree that a clone would have: tracked or untracked-but-not-ignored, still present. */
async function cloneFiles(): Promise<string[]> {
  try {
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
    return [...new Set(stdout.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f))))];
  } catch {
    // No git (e.g. an unpacked source archive): everything but build output and installs.
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir)).flatMap((name) => {
        const rel = dir === '' ? name : `${dir}/${name}`;
        if (NOT_IN_A_CLONE.test(rel)) return [];
        return statSync(join(ROOT, rel)).isDirectory() ? walk(rel) : [rel];
      });
    return walk('');
  }
}

/**
 * Copy the repository into `stageDir` as a clean clone (no `dist/`, no `out/`), with
 * `node_modules` linked to the repository's so `prepare` can run the compiler.
 */
export async function stageRepository(stageDir: string): Promise<void> {
  for (const file of (await cloneFiles()).filter((f) => !NOT_IN_A_CLONE.test(f))) {
    mkdirSync(dirname(join(stageDir, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(stageDir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(stageDir, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
}

/** What `npm pack --json` reports about the tarball. */
export interface PackResult {
  readonly filename: string;
  /** Tarball size, bytes. */
  readonly size: number;
  /** Sum of the packed files' sizes, bytes. */
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly integrity: string;
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number }>;
}

/** `npm pack` the staged repository into `destDir` (runs the `prepare` script: the build). */
export async function pack(stageDir: string, destDir: string): Promise<PackResult & { readonly tarball: string }> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destDir], stageDir);
  const [result] = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackResult[];
  return { ...result, tarball: join(destDir, result.filename) };
}

interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

/**
 * Write `package.json` and a `package-lock.json` for a consumer of the tarball.
 *
 * `npm install --offline` resolves version ranges from package documents the cache may not
 * hold, so the lock pins the tarball's dependencies to the entries of the repository's own
 * lockfile (what `npm ci` installed and cached), with the registry's tarball URLs
 * (`<registry>/<name>/-/<basename>-<version>.tgz`) that this repository's lockfile omits.
 * Runtime entries only: a devDependency of this repository is nothing a consumer installs.
 */
export async function writeConsumer(dir: string, name: string, packed: PackResult & { tarball: string }): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const registry = (await run('npm', ['config', 'get', 'registry'], dir)).stdout.trim().replace(/\/$/, '');
  const repoLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const repoPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const spec = `file:${packed.tarball}`;
  const dependencies = { 'ev-cosim': spec };
  const packages: Record<string, unknown> = {
    '': { name, version: '1.0.0', dependencies },
    'node_modules/ev-cosim': {
      version: repoPackage.version,
      resolved: spec,
      integrity: packed.integrity,
      license: repoPackage.license,
      dependencies: repoPackage.dependencies,
      bin: repoPackage.bin,
      engines: repoPackage.engines,
    },
  };
  for (const [path, entry] of Object.entries(repoLock.packages)) {
    if (path === '' || entry.dev === true) continue;
    const { dev: _dev, devOptional: _devOptional, ...pinned } = entry;
    const packageName = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    pinned.resolved ??= `${registry}/${packageName}/-/${packageName.split('/').pop()}-${entry.version}.tgz`;
    packages[path] = pinned;
  }
  const consumer = { name, version: '1.0.0', private: true, type: 'module', dependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(consumer, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}

/** Install the tarball into the consumer in `dir` from the npm cache only. */
export function installOffline(dir: string, tarball: string): Promise<Ran> {
  return run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], dir);
}

/** Size of a folder on disk, KiB (as `du -sk`). */
export async function diskUsageKib(dir: string): Promise<number> {
  const { stdout } = await run('du', ['-sk', dir], dir);
  return Number(stdout.split(/\s/)[0]);
}
