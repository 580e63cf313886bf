import { defineConfig } from 'vitest/config';

/**
 * Tests over the built site (dist/): budgets, links, and Debian's Chromium driving
 * every page. `npm test` builds first; the global setup serves dist/ on loopback.
 */
export default defineConfig({
  test: {
    include: ['tests/dist/**/*.test.ts', 'tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one test file at a time keeps Chromium from starving the server.
    fileParallelism: false,
  },
});
