#!/usr/bin/env node
/**
 * Screenshot a page as a person would see it: node scripts/screenshot.mjs URL OUT.png [width] [options]
 * options: top (viewport only), nojs, forced, text200, contrast=high, mode=simple, spacing=wide
 */
import { chromium } from 'playwright-core';

const [url, out, width = '1280', ...opts] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
});
const context = await browser.newContext({
  viewport: { width: Number(width), height: 900 },
  javaScriptEnabled: !opts.includes('nojs'),
  forcedColors: opts.includes('forced') ? 'active' : 'none',
});
const prefs = Object.fromEntries(opts.filter((o) => o.includes('=')).map((o) => o.split('=')));
if (opts.includes('text200')) prefs.textSize = '3';
if (Object.keys(prefs).length) {
  await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), prefs);
}
const page = await context.newPage();
await page.goto(url, { waitUntil: 'networkidle' });
await page.screenshot({ path: out, fullPage: !opts.includes('top') });
await browser.close();
