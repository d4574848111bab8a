import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The consumer test packs and installs the library; the rest take milliseconds.
    testTimeout: 60_000,
    // The test files share no mutable state, so they share one module graph: loading cdk8s once
    // per worker instead of once per file saves a third of the run.
    isolate: false,
    // Two workers even on two cores: the end-to-end tests mostly wait for their child processes.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'] } },
      // Whole processes: pack and install, the stale-build guard, the type-check, the real command.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/build.ts'] } },
    ],
  },
});
