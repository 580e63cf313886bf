import { defineConfig } from 'vitest/config';

/**
 * What only a real PostgreSQL can show, so these always run on one (a throwaway cluster, or
 * TEST_DATABASE_URL): concurrent submits racing on row locks and unique indexes, reference
 * collisions under concurrency, the purge running during saves and submits, and faults (the server
 * stopped mid-load, a statement timeout, a read-only database).
 */
process.env['TEST_DATABASE'] = 'postgres';

export default defineConfig({
  test: {
    include: ['tests/postgres/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/sql/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One file at a time: each measures what many parallel connections do.
    fileParallelism: false,
  },
});
