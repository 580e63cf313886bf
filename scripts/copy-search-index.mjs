#!/usr/bin/env node
/**
 * `astro dev` serves public/, not dist/: copy the Pagefind index built by `npm run build`
 * into public/ (git-ignored) so search works on the development server too.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../dist/pagefind', import.meta.url));
const to = fileURLToPath(new URL('../public/pagefind', import.meta.url));
if (!existsSync(from)) {
  console.error('dist/pagefind is missing: run `npm run build` first.');
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
console.log('Search index copied to public/pagefind for the development server.');
