import { defineConfig } from 'vitest/config';

/** Unit tests: pure modules and content files. No browser, no build needed. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
  },
});
