import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTypes } from '../../dev/supabase-types.ts';
import { freshDatabase, type SqlDatabase } from './database.ts';

/**
 * src/data/database.types.ts, the database's types in the shape `supabase gen types typescript`
 * writes them, matches the migrations: regenerated from this freshly migrated database it is the
 * same file (run `npm run gen:types` after changing a function). src/data/applications.ts calls
 * every function with these names, so a renamed parameter also fails the type check.
 */
const FILE = new URL('../../src/data/database.types.ts', import.meta.url);
let db: SqlDatabase;
let frozen: SqlDatabase;
beforeAll(async () => {
  [db, frozen] = await Promise.all([freshDatabase(), freshDatabase(new URL('../fixtures/migrations-v0.1.0', import.meta.url).pathname)]);
});
afterAll(async () => Promise.all([db?.close(), frozen?.close()]));

describe('src/data/database.types.ts', () => {
  it('is what the migrations generate', async () => {
    expect(await generateTypes(db)).toBe(readFileSync(FILE, 'utf8'));
  });

  it('lists every public function with its arguments, optional where they have defaults', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(text).toContain('Args: { p_action?: string; p_client_key: string; p_service: string }');
    expect(text).toMatch(/save_page: \{\n\s+Args: \{\n\s+p_answers: Json\n\s+p_draft_id: string\n\s+p_page: string\n\s+p_remove_pages\?: string\[\]\n/);
    expect(text).toContain('Tables: {\n      [_ in never]: never');
  });

  it('would differ for another schema (the v0.1.0 migrations: save_step, no save_page)', async () => {
    const old = await generateTypes(frozen);
    expect(old).toContain('save_step: {');
    expect(old).not.toBe(readFileSync(FILE, 'utf8'));
  });
});
