import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Files that get a process of their own. The flex sweep and batch files share processes: the
// prepared-problem cache (src/flex/sweep/problemCache.ts) is keyed by the scenario's content and
// emptied by each executor's close, so an earlier file's problems never reach a later one
// (test/flex/sweep/problemCache.test.ts). The queue files stay apart for now: with a Redis, a
// base-slot wait of src/jobs/sharedSlot.ts still polls after its client closed, and in a shared
// process that rejection lands in the next file as an unhandled error.
const FRESH_PROCESS = ['test/jobs/**/*.test.ts'];

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
      ...(FRESH_PROCESS.length === 0 ? [] : [{ extends: true, test: { name: 'fresh', include: FRESH_PROCESS, isolate: true } }]),
    ],
  },
});
