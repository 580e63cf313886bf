import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests over the built site (dist/): budgets, links, and Debian's Chromium driving
 * every page; the JSON API (tests/api/). `npm test` builds first; the global setup starts the
 * local Supabase stand-in and serves dist/ (with the SSR function and the API) on loopback.
 *
 * Most of a browser test is waiting for pages (measured: one file at a time uses about a third
 * of two cores), so `npm test` runs two phases: BROWSER_PHASE=parallel runs two files at a time,
 * except the files that assert the database's row counts ("nothing stored", "exactly one
 * application"), which BROWSER_PHASE=exclusive then runs one at a time, alone with the database.
 * Without BROWSER_PHASE (npm run test:browser) every file runs, one at a time.
 */
export const EXCLUSIVE = [
  'tests/api/contract.test.ts',
  'tests/api/fuzz.test.ts',
  'tests/browser/journeys/agent.test.ts',
  'tests/browser/journeys/certificate.test.ts',
  'tests/browser/journeys/transit-card.test.ts',
  // Not for its rows but for its CPU: it starts npm start's own process (PGlite, migrations), twice.
  'tests/dist/npm-start.test.ts',
  // Asserts what the whole 公示 board shows (empty, then exactly its own notice).
  'tests/browser/notices.test.ts',
  'tests/browser/staff/exports.test.ts',
  // Known answers of the service dashboard are what a seeded set adds to the counts.
  'tests/browser/staff/dashboard.test.ts',
  'tests/browser/feedback.test.ts',
];
const ALL = ['tests/dist/**/*.test.ts', 'tests/browser/**/*.test.ts', 'tests/api/**/*.test.ts'];
const phase = process.env['BROWSER_PHASE'];

export default defineConfig({
  test: {
    include: phase === 'exclusive' ? EXCLUSIVE : ALL,
    exclude: phase === 'parallel' ? [...configDefaults.exclude, ...EXCLUSIVE] : configDefaults.exclude,
    environment: 'node',
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: phase === 'parallel',
    maxWorkers: phase === 'parallel' ? 2 : 1,
  },
});
