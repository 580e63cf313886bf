#!/usr/bin/env node
/**
 * Lighthouse CI in Debian's Chromium on the home page, a policy guide and a news item,
 * with Lighthouse's default mobile profile (slow 4G and a mid-range phone, simulated). Asserts performance ≥ 95 and accessibility 100
 * (lighthouserc.json) and prints all four category scores.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './serve-static.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const lhci = join(root, 'node_modules/.bin/lhci');
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firstNews = readdirSync(join(root, 'content/news')).filter((f) => f.endsWith('.md')).sort().at(-1).replace(/\.md$/, '');
const firstPolicy = 'disability-certificate';
// Root cannot use Chromium's sandbox; the rest keeps Chromium off the (absent) network.
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --no-first-run';
const paths = ['/', `/policies/${firstPolicy}/`, `/news/${firstNews}/`];

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(lhci, args, { stdio: 'inherit', cwd: root, env: { ...process.env, CHROME_PATH: chromePath } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

rmSync(join(root, '.lighthouseci'), { recursive: true, force: true });
const { server, url } = await startStaticServer(0);
let code;
code = await run([
  'collect',
  `--collect.chromePath=${chromePath}`,
  `--collect.settings.chromeFlags=${CHROME_FLAGS}`,
  ...paths.map((p) => `--collect.url=${url}${p}`),
]);
server.close();
code ||= await run(['assert']);
await run(['upload']);

// Print the scores: the goal is 100 everywhere.
const dir = join(root, '.lighthouseci');
for (const file of readdirSync(dir).filter((f) => f.startsWith('lhr-') && f.endsWith('.json'))) {
  const lhr = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const scores = Object.values(lhr.categories).map((c) => `${c.id} ${Math.round(c.score * 100)}`).join(', ');
  console.log(`${lhr.configSettings.formFactor.padEnd(7)} ${new URL(lhr.finalDisplayedUrl).pathname}: ${scores}`);
}
process.exit(code);
