import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The consumer test packs and installs the library; the rest take milliseconds.
    testTimeout: 60_000,
  },
});
