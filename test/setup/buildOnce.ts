/**
 * Vitest global setup: make `dist/` the compilation of the current `src/` before the suite, so
 * tests that spawn the real binary (`bin/ev-cosim.mjs` runs `dist/`) exercise the current sources.
 *
 * - Up to date: a stamp (`node_modules/.cache/ev-cosim/dist-stamp.json`, outside the package's
 *   files) records a SHA-256 of every build input (each file under `src/` by path and content, the
 *   two tsconfigs, package.json, the lockfile and the TypeScript version) and of every file in
 *   `dist/`. When both still match, the build is skipped: a stale, partly deleted or hand-edited
 *   `dist/` never matches (nor one `npm run build` replaced: it changes no stamp, but the output
 *   hash covers file contents, so a rebuild identical to the stamped one is the same build).
 * - Otherwise tsc compiles into a fresh `.tmp-dist-<pid>/` (as `npm run build`: no compiled file
 *   outlives its deleted source), which then replaces `dist/` by two renames, so a parallel run
 *   sees `dist/` missing for microseconds instead of for the whole compilation.
 * - A lock folder (`.tmp-dist-lock/`) makes a second run that starts meanwhile wait for the build
 *   and then find it up to date, instead of compiling the same sources again.
 * - A build with type errors writes no stamp: the next run compiles again and shows them again.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const STAMP = join('node_modules', '.cache', 'ev-cosim', 'dist-stamp.json');
const LOCK_STALE_MS = 10 * 60_000;

/** Files under `dir` (recursively), relative to `base`, sorted. */
function listFiles(dir: string, base: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.push(relative(base, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** SHA-256 over the given files' relative paths and contents (a missing file hashes as absent). */
function hashFiles(base: string, files: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    const p = join(base, f);
    h.update(`${f}\0`);
    h.update(existsSync(p) ? readFileSync(p) : '\0absent\0');
    h.update('\0');
  }
  return h.digest('hex');
}

/** The hash of everything the compilation depends on. */
function inputHash(root: string): string {
  const config = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'node_modules/typescript/package.json'];
  return hashFiles(root, [...config, ...listFiles(join(root, 'src'), root)]);
}

/** The hash of a build's output (every file). */
function outputHash(dir: string): string {
  return hashFiles(dir, listFiles(dir, dir));
}

/** True when `dist/` holds the build of exactly these inputs, unmodified since. */
function upToDate(root: string, inputs: string): boolean {
  const dist = join(root, 'dist');
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8')) as { inputs?: string; outputs?: string };
    return stamp.inputs === inputs && stamp.outputs === outputHash(dist);
  } catch {
    return false;
  }
}

/** Take the build lock (waiting for another run's build, breaking a lock left by a dead one). */
function lock(path: string): void {
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    let ageMs = 0;
    try {
      holder = Number(readFileSync(join(path, 'pid'), 'utf8'));
      ageMs = Date.now() - statSync(path).mtimeMs;
    } catch {
      // being created or removed right now: look again
    }
    if (ageMs > LOCK_STALE_MS || (Number.isInteger(holder) && holder > 0 && !alive(holder))) rmSync(path, { recursive: true, force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default function buildOnce(): void {
  const root = join(import.meta.dirname, '..', '..');
  const dist = join(root, 'dist');
  const lockDir = join(root, '.tmp-dist-lock');
  lock(lockDir);
  try {
    const inputs = inputHash(root);
    if (upToDate(root, inputs)) {
      process.stderr.write('buildOnce: dist/ is the build of the current sources (stamp matches); not rebuilding\n');
      return;
    }
    const fresh = join(root, `.tmp-dist-${process.pid}`);
    rmSync(fresh, { recursive: true, force: true });
    let clean = true;
    try {
      execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', fresh], { cwd: root, stdio: 'inherit' });
    } catch (error) {
      // CI (and `.ci/run`) fails on a type error; a developer's run goes on with what tsc emitted, loudly
      if (process.env.CI) {
        rmSync(fresh, { recursive: true, force: true });
        throw error;
      }
      clean = false;
      process.stderr.write('\nbuildOnce: type errors above; the tests run on the JavaScript tsc emitted anyway (set CI=1 to stop here)\n\n');
    }
    mkdirSync(fresh, { recursive: true });
    rmSync(join(root, STAMP), { force: true });
    // A source edited during the compilation changes the input hash: no stamp, the next run rebuilds.
    const stamp = clean && inputHash(root) === inputs ? `${JSON.stringify({ inputs, outputs: outputHash(fresh) })}\n` : undefined;
    const old = join(root, `.tmp-dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(fresh, dist);
    rmSync(old, { recursive: true, force: true });
    if (stamp !== undefined) {
      mkdirSync(join(root, STAMP, '..'), { recursive: true });
      writeFileSync(join(root, STAMP), stamp);
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
