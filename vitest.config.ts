import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compile dist/ once so tests that spawn bin/ev-cosim.mjs run the current sources.
    globalSetup: ['test/setup/buildOnce.ts'],
    // Long reference checks are opt-in: EV_COSIM_LONG=1 npm test
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
