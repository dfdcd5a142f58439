/**
 * Vitest global setup: compile `src/` to `dist/` once before the suite, so tests that
 * spawn the real binary (`bin/ev-cosim.mjs` runs `dist/`) exercise the current sources.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export default function buildOnce(): void {
  const root = join(import.meta.dirname, '..', '..');
  // As `npm run build`: no compiled file may outlive its deleted source.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  } catch (error) {
    // CI (and `.ci/run`) fails on a type error; a developer's run goes on with what tsc emitted, loudly
    if (process.env.CI) throw error;
    process.stderr.write('\nbuildOnce: type errors above; the tests run on the JavaScript tsc emitted anyway (set CI=1 to stop here)\n\n');
  }
}
