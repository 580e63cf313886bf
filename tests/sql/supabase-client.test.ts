import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The server client: a deployed site must never quietly fall back to an embedded database (that
 * would accept applications into memory and lose them). src/data only reads the environment;
 * whatever starts the local stand-in (dev/local-supabase) sets SUPABASE_URL and SUPABASE_SECRET_KEY.
 * tests/dist/no-standin.test.ts proves the same of the built SSR function and the functions.
 */
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const ROOT = new URL('../../', import.meta.url).pathname;

/** Every import specifier (static, dynamic, re-export) of the TypeScript and Astro files under a folder. */
function importsUnder(folder: string): { file: string; specifier: string }[] {
  const found: { file: string; specifier: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|tsx|astro|mjs|js)$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)) {
          found.push({ file: relative(ROOT, full), specifier: m[1]! });
        }
      }
    }
  };
  walk(join(ROOT, folder));
  return found;
}

describe('getSupabase', () => {
  it.each([
    ['no deployment context', {}],
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['Netlify CONTEXT=production', { CONTEXT: 'production' }],
    ['NODE_ENV=development', { NODE_ENV: 'development' }],
  ])('fails closed without SUPABASE_URL and SUPABASE_SECRET_KEY (%s): no database is started', async (_name, env) => {
    vi.stubEnv('SUPABASE_URL', '');
    vi.stubEnv('SUPABASE_SECRET_KEY', '');
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const { getSupabase, MISSING_SUPABASE_ENV } = await import('../../src/data/supabase-client.ts');
    await expect(getSupabase()).rejects.toThrow(MISSING_SUPABASE_ENV);
    expect(MISSING_SUPABASE_ENV).toMatch(/^SUPABASE_URL and SUPABASE_SECRET_KEY must be set/);
  });

  it('uses the project the environment names, and follows it when it changes', async () => {
    vi.stubEnv('SUPABASE_URL', 'https://one.supabase.co');
    vi.stubEnv('SUPABASE_SECRET_KEY', 'sb_secret_one');
    const { getSupabase } = await import('../../src/data/supabase-client.ts');
    const first = await getSupabase();
    expect(await getSupabase()).toBe(first);
    vi.stubEnv('SUPABASE_URL', 'https://two.supabase.co');
    expect(await getSupabase()).not.toBe(first);
  });

  it('createSupabaseServerClient needs both variables', async () => {
    const { createSupabaseServerClient } = await import('../../src/data/supabase-client.ts');
    expect(() => createSupabaseServerClient({ SUPABASE_URL: 'https://x.supabase.co' })).toThrow('SUPABASE_URL and SUPABASE_SECRET_KEY must be set');
  });
});

describe('production code', () => {
  it.each(['src', 'functions'])('in %s/ imports neither the stand-in (dev/) nor PGlite', (folder) => {
    const imports = importsUnder(folder);
    expect(imports.length).toBeGreaterThan(10); // the scan really read the files
    const offending = imports.filter(({ specifier }) => /(^|\/)dev\/|local-supabase|@electric-sql\/pglite/.test(specifier));
    expect(offending).toEqual([]);
  });
});
