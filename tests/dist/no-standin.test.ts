import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { transitApplication } from '../api/support.ts';

/**
 * What is deployed holds no development tooling and fails closed: a site that quietly stored
 * applications in an embedded database would lose them. The SSR function the adapter built and the
 * Netlify Functions contain no code of the local stand-in (dev/local-supabase) and no PGlite, and
 * without SUPABASE_URL and SUPABASE_SECRET_KEY they answer 503 instead of accepting anything.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const NETLIFY = join(ROOT, '.netlify');
/** Strings only the stand-in's code contains (its JWT issuer, its entry points) or a PGlite import has. */
const STANDIN_MARKERS = /supabase-local-standin|startLocalSupabase|createStandinServer|openLocalDatabase|@electric-sql\/pglite/;

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(m?js|cjs)$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

describe('the built SSR function', () => {
  it('exists (npm run build made it)', () => {
    expect(existsSync(join(NETLIFY, 'v1', 'functions', 'ssr', 'ssr.mjs'))).toBe(true);
  });

  it('contains no stand-in code and does not ship PGlite', () => {
    const files = codeFiles(NETLIFY);
    expect(files.length).toBeGreaterThan(10);
    const offending = files.filter((file) => STANDIN_MARKERS.test(readFileSync(file, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offending).toEqual([]);
    expect(existsSync(join(NETLIFY, 'v1', 'functions', 'ssr', 'node_modules', '@electric-sql'))).toBe(false);
  });
});

describe('the Netlify Functions', () => {
  // Netlify bundles functions/ with esbuild (zip-it-and-ship-it) at deploy time; bundling them the
  // same way here lists every module a deployed function can load, dynamic imports included.
  it.each(['functions/applications.mts', 'functions/purge-expired.mts'])('%s bundles no stand-in module and no PGlite', async (entry) => {
    const result = await build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('src/data/applications.ts'))).toBe(true); // the data layer is in it
    expect(inputs.filter((i) => /(^|\/)dev\/|local-supabase|@electric-sql/.test(i))).toEqual([]);
    expect(result.outputFiles.filter((f) => STANDIN_MARKERS.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});

describe('without SUPABASE_URL and SUPABASE_SECRET_KEY', () => {
  let server: Server;
  let base: string;
  const saved = { url: process.env['SUPABASE_URL'], key: process.env['SUPABASE_SECRET_KEY'] };

  beforeAll(async () => {
    // Only this test file's process loses the variables; the other files keep the shared stand-in.
    delete process.env['SUPABASE_URL'];
    delete process.env['SUPABASE_SECRET_KEY'];
    ({ server } = await startStaticServer(0));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (saved.url !== undefined) process.env['SUPABASE_URL'] = saved.url;
    if (saved.key !== undefined) process.env['SUPABASE_SECRET_KEY'] = saved.key;
  });

  it('an on-demand page that needs the database answers 503 with its Chinese message', async () => {
    const response = await fetch(`${base}/status/`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reference: 'K7M2P9QX', fact: '002X' }),
    });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('系统暂时无法查询');
  });

  it('the JSON API refuses an application with 503 instead of storing it anywhere', async () => {
    const response = await fetch(`${base}/api/v1/applications`, {
      method: 'POST',
      // A key of the right shape, so the API has to ask the database, which is not there.
      headers: { 'content-type': 'application/json', 'idempotency-key': `no-db-${Date.now()}-0000000`, authorization: `Bearer clk_${'A'.repeat(43)}` },
      body: JSON.stringify(transitApplication()),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'unavailable' } });
  });
});
