import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The consumer test packs and installs the library; the rest take milliseconds.
    testTimeout: 60_000,
    // The test files share no mutable state, so they share one module graph: loading cdk8s and
    // cdk8s-plus-27 once per worker instead of once per file saves a third of the run.
    isolate: false,
  },
});
