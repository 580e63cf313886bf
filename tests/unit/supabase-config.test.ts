import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { seedFiles } from '../../dev/local-supabase/database.ts';

/**
 * supabase/ is laid out as the Supabase CLI expects, so a federation's project is one
 * `supabase link` and `supabase db push` away: config.toml as `supabase init` writes it, migrations
 * named <timestamp>_<name>.sql, and seed.sql for development data only.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const config = parse(readFileSync(join(ROOT, 'supabase/config.toml'), 'utf8')) as Record<string, Record<string, unknown>>;

describe('supabase/config.toml', () => {
  it('names the project and the API, database and seed as the CLI reads them', () => {
    expect(config['project_id']).toBe('canlian-portal');
    expect(config['api']).toMatchObject({ enabled: true, port: 54321, schemas: expect.arrayContaining(['public']) });
    expect(config['db']).toMatchObject({ port: 54322, major_version: expect.any(Number) });
    expect(Number(config['db']!['major_version'])).toBeGreaterThanOrEqual(15);
    expect((config['db'] as Record<string, Record<string, unknown>>)['migrations']).toMatchObject({ enabled: true });
    expect((config['db'] as Record<string, Record<string, unknown>>)['seed']).toEqual({ enabled: true, sql_paths: ['./seed.sql'] });
  });

  it('seeds from files that exist, the same ones the local stand-in loads', async () => {
    const files = await seedFiles(ROOT);
    expect(files).toEqual([join(ROOT, 'supabase/seed.sql')]);
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('lets nobody sign up: staff accounts are made by the federation, with a second factor', () => {
    expect(config['auth']).toMatchObject({ enable_signup: false, enable_anonymous_sign_ins: false });
  });
});

describe('supabase/migrations', () => {
  it('are named as `supabase migration new` names them, in order', () => {
    const files = readdirSync(join(ROOT, 'supabase/migrations'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(file).toMatch(/^\d{14}_[a-z0-9_]+\.sql$/);
  });
});

describe('supabase/seed.sql', () => {
  it('holds made-up development data only (the sample application of the README)', () => {
    const seed = readFileSync(join(ROOT, 'supabase/seed.sql'), 'utf8');
    expect(seed).toContain('SAMPLE23');
    expect(seed).toMatch(/never production/i);
  });
});
