import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Files that run flex sweeps in the test process. src/flex/sweep/flexTask.ts keeps one prepared
// problem (base equilibrium, OPF models) per sweep spec per thread, for the life of the process:
// an earlier file's sweep of the same spec would warm-start a later one (other last bits, no
// "preparing" line), so each of these files gets a fresh process.
const FRESH_PROCESS = ['test/flex/**/*.test.ts', 'test/jobs/**/*.test.ts', 'test/batch/**/*.test.ts', 'test/cli/flex*.test.ts'];

export default defineConfig({
  test: {
    // Make dist/ the build of the current sources (skipped when its stamp matches) so tests that
    // spawn bin/ev-cosim.mjs run the current sources.
    globalSetup: ['test/setup/buildOnce.ts'],
    // Long reference checks are opt-in: EV_COSIM_LONG=1 npm test
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Child processes, not threads: tests chdir, and spawn and kill processes of their own.
    pool: 'forks',
    // One worker per core. Vitest's default leaves one core to its main process, which only
    // reports: on a 2-core machine that ran every file one after the other.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: FRESH_PROCESS,
          // A worker runs its files one after the other in one process, sharing loaded modules:
          // importing the engines (zod schemas, HiGHS' WebAssembly) and warming them up once per
          // worker instead of once per file saves about a quarter of the suite's CPU time. These
          // tests restore any process state they change (cwd, stderr.isTTY, env, exitCode).
          // `npx vitest run --isolate` gives every file a fresh process, to rule a leak out.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'fresh', include: FRESH_PROCESS, isolate: true } },
    ],
  },
});
