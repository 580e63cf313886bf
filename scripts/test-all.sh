#!/usr/bin/env bash
# Every test, in the order a failure is cheapest to find: types, unit, SQL, the API under load, build, the built
# site in Chromium (axe, keyboard, reflow, budgets), pa11y-ci, Lighthouse.
# Run through `npm test`, so node_modules/.bin (with Node 22) is first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASTRO_TELEMETRY_DISABLED=1 PUPPETEER_SKIP_DOWNLOAD=1

results=$(mktemp -d)
step() { printf '\n== %s\n' "$1"; }

step "Chromium, CJK fonts and liblouis (Debian packages)"
bash scripts/ensure-chromium.sh
chromium --version

step "Type check (astro check, TypeScript strict)"
astro check

step "Unit tests"
vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile="$results/unit.json"

step "Database: migrations, grants, RLS and functions on PGlite, the local Supabase stand-in"
vitest run --config tests/sql/vitest.config.ts --reporter=default --reporter=json --outputFile="$results/sql.json"

step "JSON API under load: 60 applications with retries and double submits, each stored exactly once"
node scripts/load-test.mjs --n 60 --concurrency 10

step "Build (Astro + Pagefind)"
npm run build --silent

step "Built site: budgets, links, axe on every page, keyboard, reflow, tools, journeys, API (two files at a time)"
BROWSER_PHASE=parallel vitest run --config vitest.browser.config.ts --reporter=default --reporter=json --outputFile="$results/browser.json"

step "Built site: the tests that count database rows (one file at a time, alone with the database)"
BROWSER_PHASE=exclusive vitest run --config vitest.browser.config.ts --reporter=default --reporter=json --outputFile="$results/browser-exclusive.json"

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
' "$results/unit.json" "$results/sql.json" "$results/browser.json" "$results/browser-exclusive.json"
