/**
 * Runs every benchmark in bench/ one after another (`npm run bench`), or only those
 * whose file name contains one of the arguments (`npm run bench -- grid`).
 * Each benchmark prints its own figures; this script only sequences them so they do
 * not compete for the machine's two cores. It compiles `dist/` first, because
 * startup.bench.ts times the binary as users run it (`bin/ev-cosim.mjs` runs `dist/`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const benchDir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let failed = 0;
if (files.includes('startup.bench.ts')) {
  const build = spawnSync(process.execPath, [join(benchDir, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(benchDir, '..', 'tsconfig.build.json')], { stdio: 'inherit' });
  if (build.status !== 0) failed += 1;
}
for (const name of files) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, name)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
