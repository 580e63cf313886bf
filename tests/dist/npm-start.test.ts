import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';
import { fillForm, Robot, servedForm } from '../api/form-robot.ts';
import { makeCertificate, makeIdNumber } from '../support/identities.ts';
import { site } from '../support/applications.ts';
import { issueApiKey } from '../../src/data/api-keys.ts';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';

/**
 * `npm start` gives exactly the portal the tests test: the README's first command builds the site
 * and runs scripts/start.mjs, which serves the build through the Netlify-like server
 * (scripts/serve-static.mjs) with the embedded database. Here that script runs as its own process,
 * as npm start runs it (the build is the suite's), on a port given by PORT and with a data folder
 * of its own; and it answers malformed requests without ever going down.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
let child: ChildProcess;
let base: string;
let output = '';
let dataDir: string;
/** A channel key for the JSON API, issued as `npm run api-key -- issue` would with the variables npm start prints. */
let apiKey: string;
const withKey = (headers: Record<string, string> = {}) => ({ ...headers, Authorization: `Bearer ${apiKey}` });

async function startPortal(): Promise<void> {
  output = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOCAL_SUPABASE_DIR: dataDir };
  // The suite's own stand-in is not the embedded database npm start makes.
  delete env['SUPABASE_URL'];
  delete env['SUPABASE_SECRET_KEY'];
  child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const port = /Portal at http:\/\/localhost:(\d+)\//.exec(output)?.[1];
      if (port) {
        clearInterval(timer);
        resolve(`http://127.0.0.1:${port}`);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`scripts/start.mjs exited:\n${output}`));
      }
    }, 100);
  });
}

async function stopPortal(): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'npm-start-data-'));
  await startPortal();
  const printed = /SUPABASE_URL=(\S+) SUPABASE_SECRET_KEY=(\S+)/.exec(output);
  if (!printed) throw new Error(`npm start did not print the variables for npm run staff / api-key:\n${output}`);
  apiKey = (await issueApiKey('npm start 测试', createSupabaseServerClient({ SUPABASE_URL: printed[1], SUPABASE_SECRET_KEY: printed[2] }))).key;
});
afterAll(async () => {
  if (child) await stopPortal();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('is the build, then scripts/start.mjs (what this file runs)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe('npm run build && node scripts/start.mjs');
    expect(pkg.scripts['dev']).toBe('astro dev');
    expect(output).toContain('Embedded Supabase stand-in (PGlite)');
    // The development administrator of the staff workspace, with the sign-in the README gives.
    expect(output).toMatch(/Staff workspace \/staff\/: admin@canlian\.invalid/);
  });

  it('serves the built pages with the headers of netlify.toml', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('lang="zh-Hans"');
    expect((await fetch(`${base}/no-such-page/`)).status).toBe(404);
  });

  it('searches: the Pagefind index is served and finds a guide by a Chinese word', async () => {
    const script = await fetch(`${base}/pagefind/pagefind.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(`${base}/search/`);
      await page.getByLabel('输入要找的内容').fill('护理补贴');
      await page.getByRole('button', { name: '搜索' }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/找到 \d+ 条结果/);
      const links = await page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toContain('/policies/nursing-subsidy/');
    } finally {
      await browser?.close();
    }
  });

  it('takes an application through the journey pages to the receipt, and the API finds it', async () => {
    const robot = new Robot(base);
    const id = makeIdNumber('1966-06-16', '731');
    const answers = {
      certificate_number: makeCertificate(id, 4, 2), action: 'new', lower_limb: 'yes', applying_for: 'self',
      name: '张晓燕', phone: '13912345678', township: 'chengguan', pickup_point: site.pickupPoints.find((p) => p.services.includes('transit-card'))!.id, confirm: 'yes',
    };
    let path = '/apply/transit-card/certificate/';
    for (let step = 0; step < 12 && !path.startsWith('/apply/receipt/'); step++) {
      const page = await robot.get(path);
      expect(page.response.status, `GET ${path}`).toBe(200);
      let form = servedForm(page.html, `${base}${path}`)!;
      let sent = await robot.post(form.action, fillForm(form, answers));
      // The transit card asks its lower-limb question on the same page.
      if (sent.response.status === 200) {
        form = servedForm(sent.html, `${base}${path}`)!;
        sent = await robot.post(form.action, fillForm(form, answers));
      }
      expect(sent.response.status, `POST ${path}`).toBe(303);
      const to = new URL(sent.response.headers.get('location')!, base);
      path = to.pathname + to.search;
    }
    const receipt = await robot.get(path);
    expect(receipt.response.status).toBe(200);
    const reference = /class="reference"[^>]*>(.*?)<\/p>/.exec(receipt.html)?.[1]?.replace(/<[^>]*>|\s/g, '');
    expect(reference).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const lookup = await fetch(`${base}/api/v1/applications/${reference}`, { headers: withKey({ 'X-Id-Number-Last4': id.slice(-4) }) });
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toMatchObject({ reference, service: 'transit-card' });
  });

  it('answers the JSON API, and has the seed data of supabase/seed.sql', async () => {
    const bad = await fetch(`${base}/api/v1/applications`, { method: 'POST', headers: withKey({ 'Content-Type': 'application/json' }), body: '{}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_idempotency_key' } });
    expect((await fetch(`${base}/api/v1/applications/SAMPLE23`, { headers: { 'X-Id-Number-Last4': '0136' } })).status).toBe(401);
    const sample = await fetch(`${base}/api/v1/applications/SAMPLE23`, { headers: withKey({ 'X-Id-Number-Last4': '0136' }) });
    expect(sample.status).toBe(200);
    expect(await sample.json()).toMatchObject({ reference: 'SAMPLE23', status: 'review' });
  });
});

/** One raw request on its own connection: the status line that comes back (or '' when none). */
function raw(request: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let data = '';
    const done = () => resolve(data.split('\r\n')[0] ?? '');
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (data.includes('\r\n')) socket.end();
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request);
  });
}

describe('the local server under malformed requests', () => {
  it.each([
    ['GET /%ZZ', 400, 'GET /%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['GET /apply/%E0%A4%A/', 400, 'GET /apply/%E0%A4%A/ HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['TRACE /', 405, 'TRACE / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['TRACE /api/v1/applications/X', 405, 'TRACE /api/v1/applications/X HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['Host: a b', 400, 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n'],
    ['an empty Host', 400, 'GET / HTTP/1.1\r\nHost:\r\n\r\n'],
    ['no Host (HTTP/1.0)', 400, 'GET / HTTP/1.0\r\n\r\n'],
    ['GET *', 400, 'GET * HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['an unknown method', 400, 'BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['a broken request line', 400, 'GET\r\n\r\n'],
    ['a header without a colon', 400, 'GET / HTTP/1.1\r\nHost: localhost\r\nnonsense\r\n\r\n'],
    ['a NUL in the path', 404, 'GET /%00/ HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    ['a path outside dist/', 404, 'GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n'],
    // {KEY}: this file's API key (the key is checked before the path).
    ['an API path that does not decode', 400, 'GET /api/v1/applications/%ZZ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {KEY}\r\n\r\n'],
  ])('%s: answered with %i', async (_name, status, request) => {
    expect(await raw(request.replace('{KEY}', apiKey))).toMatch(new RegExp(`^HTTP/1\\.[01] ${status} `));
  });

  it('is still up afterwards, serving pages, journeys and the API', async () => {
    expect(child.exitCode).toBeNull();
    expect(output).not.toMatch(/Unhandled|ERR_INVALID_URL|URIError|TypeError/);
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect((await fetch(`${base}/apply/transit-card/`)).status).toBe(200);
    expect((await fetch(`${base}/api/v1/applications/ZZZZZZZZ`, { headers: withKey({ 'X-Id-Number-Last4': '1234' }) })).status).toBe(404);
    expect((await fetch(`${base}/staff/`, { redirect: 'manual' })).status).toBeLessThan(500);
  });

  it('keeps what was saved across a restart (data in LOCAL_SUPABASE_DIR)', async () => {
    expect(await stopPortal()).toBe(0);
    await startPortal();
    const sample = await fetch(`${base}/api/v1/applications/SAMPLE23`, { headers: withKey({ 'X-Id-Number-Last4': '0136' }) });
    // (The seed is loaded into a new database only: loading it again would fail its status change.)
    expect(sample.status).toBe(200);
  });
});
