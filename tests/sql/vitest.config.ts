import { defineConfig } from 'vitest/config';

/** SQL tests: migrations, grants, RLS and functions on PGlite, and the local Supabase stand-in. */
export default defineConfig({
  test: {
    include: ['tests/sql/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/sql/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
