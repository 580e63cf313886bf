#!/usr/bin/env node
/**
 * pa11y-ci (axe + HTML_CodeSniffer, WCAG2AA) over every page of the built site, read
 * from the sitemap, served on loopback exactly as the browser tests serve it.
 * Debian's Chromium only: pa11y never downloads a browser here.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './serve-static.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');

function sitemapPaths() {
  const index = readFileSync(join(dist, 'sitemap-index.xml'), 'utf8');
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  return maps.flatMap((map) =>
    [...readFileSync(join(dist, map), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname),
  );
}

const { server, url } = await startStaticServer(0);
const config = {
  defaults: {
    standard: 'WCAG2AA',
    runners: ['axe', 'htmlcs'],
    timeout: 60000,
    concurrency: 8,
    chromeLaunchConfig: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    },
  },
  // Objects, not strings: pa11y-ci mishandles plain URL strings when concurrency > 1.
  urls: [...sitemapPaths(), '/404.html'].map((path) => ({ url: `${url}${path}` })),
};
const dir = mkdtempSync(join(tmpdir(), 'pa11y-'));
const configFile = join(dir, 'pa11yci.json');
writeFileSync(configFile, JSON.stringify(config, null, 2));
console.log(`pa11y-ci: ${config.urls.length} pages, runners axe + htmlcs, WCAG2AA`);

const child = spawn(join(root, 'node_modules/.bin/pa11y-ci'), ['--config', configFile], {
  stdio: 'inherit',
  env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
});
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
server.close();
process.exit(code);
