import { defineConfig } from 'vitest/config';

/**
 * Tests over the built site (dist/): budgets, links, and Debian's Chromium driving
 * every page; the JSON API (tests/api/). `npm test` builds first; the global setup starts the
 * local Supabase stand-in and serves dist/ (with the SSR function and the API) on loopback.
 */
export default defineConfig({
  test: {
    include: ['tests/dist/**/*.test.ts', 'tests/browser/**/*.test.ts', 'tests/api/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one test file at a time keeps Chromium from starving the server.
    fileParallelism: false,
  },
});
