#!/usr/bin/env bash
# Every test, in the order a failure is cheapest to find: types, unit, SQL (PostgreSQL, then PGlite), the API under
# load, build, concurrency and faults on PostgreSQL, the built site in Chromium (axe, keyboard, reflow, budgets),
# pa11y-ci, Lighthouse. TEST_DATABASE_URL=postgres://… runs the database tests on that server instead of a
# throwaway cluster (the fault tests always stop and start a cluster of their own).
# Run through `npm test`, so node_modules/.bin (with Node 22) is first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASTRO_TELEMETRY_DISABLED=1 PUPPETEER_SKIP_DOWNLOAD=1

results=$(mktemp -d)
step() { printf '\n== %s\n' "$1"; }

step "Chromium, CJK fonts, liblouis and PostgreSQL (Debian packages)"
bash scripts/ensure-chromium.sh
bash scripts/ensure-postgres.sh
chromium --version

step "Type check (astro check, TypeScript strict)"
astro check

step "Unit tests"
vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile="$results/unit.json"

step "Database on PostgreSQL: migrations, grants, RLS and functions, the local Supabase stand-in${TEST_DATABASE_URL:+ (TEST_DATABASE_URL)}"
TEST_DATABASE=postgres vitest run --config tests/sql/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/sql-postgres.json"

step "Database on PGlite (the embedded default of npm start): the same tests"
TEST_DATABASE=pglite TEST_DATABASE_URL= vitest run --config tests/sql/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/sql-pglite.json"

step "JSON API under load: 60 applications with retries and double submits, each stored exactly once (PostgreSQL, then PGlite)"
node scripts/load-test.mjs --check --n 60 --concurrency 10 --engine postgres
node scripts/load-test.mjs --check --n 60 --concurrency 10 --engine pglite

step "Build (Astro + Pagefind)"
npm run build --silent

step "PostgreSQL: concurrency (50 submits per token and per key, reference collisions, the purge during saves) and faults (the server stopped mid-load, a statement timeout, read-only)"
vitest run --config tests/postgres/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/postgres.json"

step "Built site on PostgreSQL: budgets, links, axe on every page, keyboard, reflow, tools, journeys, API, npm start (two files at a time)"
TEST_DATABASE=postgres BROWSER_PHASE=parallel vitest run --config vitest.browser.config.ts --reporter=default --reporter=json --outputFile="$results/browser.json"

step "Built site: the tests that count database rows (one file at a time, alone with the database)"
TEST_DATABASE=postgres BROWSER_PHASE=exclusive vitest run --config vitest.browser.config.ts --reporter=default --reporter=json --outputFile="$results/browser-exclusive.json"

step "pa11y-ci (axe + htmlcs, WCAG2AA) over the sitemap"
node scripts/run-pa11y.mjs

step "Lighthouse CI (home, a guide, a news item)"
node scripts/run-lighthouse.mjs

# One plain closing line for CI: the vitest totals (pa11y and Lighthouse would have exited non-zero).
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests;
  }
  console.log(`\nAll checks passed.\n${passed} passed, ${failed} failed`);
' "$results"/unit.json "$results"/sql-postgres.json "$results"/sql-pglite.json "$results"/postgres.json "$results"/browser.json "$results"/browser-exclusive.json
