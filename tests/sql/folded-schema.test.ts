import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, PAGES_KEY, diffRows, readCatalog, type Catalog, type CatalogRow } from './catalog.ts';
import { freshDatabase } from './database.ts';

/**
 * The folded migrations build the schema of version 0.1.0 (nothing was deployed before the fold).
 * One database is built from the frozen copy of the v0.1.0 migrations, one from supabase/migrations,
 * and their catalogs are compared with the intended changes mapped: "step" became "page", and three
 * private helpers were added (ADDED_IN_FOLD). Function bodies are not compared (they call the
 * renamed names and the helpers); what they do is proved by the other SQL tests, which run on the
 * folded migrations.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const FROZEN = join(ROOT, 'tests/fixtures/migrations-v0.1.0');
const MIGRATIONS = join(ROOT, 'supabase/migrations');
/**
 * The fold is the migrations up to this version; later migrations change the schema on purpose,
 * as migrations do, and are not part of the comparison.
 */
const LAST_FOLDED = '20251122000700';
const FOLDED_FILES = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql') && f.slice(0, 14) <= LAST_FOLDED).sort();
const FOLD_DIR = mkdtempSync(join(tmpdir(), 'folded-migrations-'));
for (const file of FOLDED_FILES) copyFileSync(join(MIGRATIONS, file), join(FOLD_DIR, file));

/** The frozen files, so that nobody "fixes" the reference to match: it must stay what v0.1.0 was. */
const FROZEN_SHA256: Record<string, string> = {
  '20251122000100_intake_tables.sql': '37813fa2bf3bccdb38351b8e957c2d63e70cfd16f702e02a1a26569c91e2bda2',
  '20251122000200_intake_helpers.sql': '6c73744d96752cb3017cf1d4483ca01a51c58594a97439c1076c3cd8fff57cd7',
  '20251122000300_intake_drafts.sql': '0375877e8028e1cac6125225ebd8d53a4981a3d176744602f581abf12b4b1c46',
  '20251122000400_intake_submit.sql': '32a4585ea906d0b3912b78db312d82d4e0ce6bcdb17f85283bbc4ac713e287c1',
  '20251122000500_intake_lookup.sql': '25a51043a2d0ba549e3f6700712f6f36eda5282da4127858cf161e2e135e1796',
  '20251122000600_intake_retention.sql': '456997cb84254c58dfea611cb3b8b4ab2801f828c51ebf2d60836cad882c2aec',
  '20251122000700_intake_journeys.sql': '7920d45abab512a975a30a513195d3c9ab3ac4ad84fde02ab08a8abd0ce2e73f',
};

/** v0.1.0 name → folded name. Whole identifiers, or identifier prefixes for derived constraint names. */
const RENAMES: [RegExp, string][] = [
  [/\bservice_steps_step_check\b/g, 'service_pages_page_check'],
  [/\bservice_steps(?=\b|_)/g, 'service_pages'],
  [/\bsave_step\b/g, 'save_page'],
  [/\bremove_steps\b/g, 'remove_pages'],
  [/\bmissing_steps\b/g, 'missing_pages'],
  [/\bchecked_step_answers\b/g, 'checked_page_answers'],
  [/\bp_steps\b/g, 'p_pages'],
  [/\bp_step\b/g, 'p_page'],
];
/**
 * Private helpers the fold added, so that a rule that v0.1.0 wrote twice is written once: storing a
 * changed draft and extending its life (four functions did it inline), retrying a colliding
 * reference number or resume code (two did), and checking a client token (two did). They are the
 * only functions allowed to be new, and they must stay private (checked below).
 */
const ADDED_IN_FOLD = ['intake.check_client_token(text)', 'intake.code_collided(text, text, integer)', 'intake.saved_draft(intake.drafts)'];

/** The one renamed column: intake.service_steps.step → intake.service_pages.page. */
const PAGES_TABLE = 'intake.service_pages';

function renameText(text: string): string {
  return RENAMES.reduce((t, [from, to]) => t.replace(from, to), text);
}

/** A v0.1.0 catalog row with the renames applied to every value (and the column in its own table). */
function renameRow(row: CatalogRow): CatalogRow {
  const renamed = JSON.parse(renameText(JSON.stringify(row))) as CatalogRow;
  if (renamed['relation'] !== PAGES_TABLE) return renamed;
  return JSON.parse(JSON.stringify(renamed).replace(/\bstep\b/g, 'page')) as CatalogRow;
}

let reference: Catalog;
let folded: Catalog;
let frozenDb: SqlDatabase;
let foldedDb: SqlDatabase;

beforeAll(async () => {
  [frozenDb, foldedDb] = await Promise.all([freshDatabase(FROZEN), freshDatabase(FOLD_DIR)]);
  const raw = await readCatalog(frozenDb, `select service, step, required from intake.service_steps`);
  reference = Object.fromEntries(Object.entries(raw).map(([name, rows]) => [name, rows.map(renameRow)]));
  reference['data_pages'] = raw['data_pages']!.map(({ service, step, required }) => ({ service, page: step, required }));
  folded = await readCatalog(foldedDb, `select service, page, required from intake.service_pages`);
});
afterAll(async () => {
  await Promise.all([frozenDb?.close(), foldedDb?.close()]);
  rmSync(FOLD_DIR, { recursive: true, force: true });
});

describe('the frozen v0.1.0 migrations', () => {
  it('are unchanged', () => {
    const files = readdirSync(FROZEN).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toEqual(Object.keys(FROZEN_SHA256));
    for (const file of files) {
      expect(createHash('sha256').update(readFileSync(join(FROZEN, file))).digest('hex'), file).toBe(FROZEN_SHA256[file]);
    }
  });

  it('hold every name the rename map mentions (so the map is neither stale nor vacuous)', async () => {
    const raw = JSON.stringify(await readCatalog(frozenDb, `select service, step, required from intake.service_steps`));
    for (const [from] of RENAMES) expect(raw, String(from)).toMatch(new RegExp(from.source));
    expect(JSON.stringify(reference)).not.toMatch(/service_steps|save_step|remove_steps|missing_steps|\bp_steps?\b/);
  });
});

const EMPTY_TODAY = new Set(['policies', 'other_objects']);

describe('the folded schema equals v0.1.0 with "step" renamed to "page"', () => {
  it.each([...Object.keys(CATEGORIES), 'data_pages'])('%s', (name) => {
    const key = name === 'data_pages' ? PAGES_KEY : CATEGORIES[name]!.key;
    const rows = reference[name]!;
    // Today there are no policies and no other objects; every other category must have rows, or
    // the comparison would prove nothing.
    if (!EMPTY_TODAY.has(name)) expect(rows.length, `${name}: the reference has rows to compare`).toBeGreaterThan(0);
    const diff = diffRows(rows, folded[name]!, key);
    diff.extra = diff.extra.filter((row) => !ADDED_IN_FOLD.includes(String(row['function'])));
    expect(diff).toEqual({ missing: [], extra: [], changed: [] });
  });

  it('adds only private helpers: in the intake schema, not security definer, executable by no API role', () => {
    const added = folded['functions']!.filter((f) => !reference['functions']!.some((r) => r['function'] === f['function']));
    expect(added.map((f) => f['function']).sort()).toEqual(ADDED_IN_FOLD);
    for (const f of added) expect(f, String(f['function'])).toMatchObject({ security_definer: false, config: ['search_path=""'], owner: 'postgres' });
    const grants = folded['function_grants']!.filter((g) => ADDED_IN_FOLD.includes(String(g['function'])));
    expect(grants.map((g) => `${g['function']} ${g['grantee']} ${g['privilege']}`).sort()).toEqual(
      ADDED_IN_FOLD.map((f) => `${f} postgres EXECUTE`),
    );
  });
});

describe('the folded migrations', () => {
  const files = FOLDED_FILES;
  const sql = files.map((f) => ({ file: f, text: readFileSync(join(MIGRATIONS, f), 'utf8').replace(/--.*$/gm, '') }));
  const all = sql.map((s) => s.text).join('\n');
  const outside = all.replace(/\$\$[\s\S]*?\$\$/g, '$$$$');

  it('define every function once, and never replace or alter what an earlier statement made', () => {
    const names = [...all.matchAll(/\bcreate\s+(or\s+replace\s+)?function\s+([a-z_.]+)/gi)].map((m) => m[2]!.toLowerCase());
    expect(names.length).toBe(folded['functions']!.length);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(all).not.toMatch(/\bor\s+replace\b/i);
    expect(all).not.toMatch(/\balter\s+(function|type|index|schema)\b/i);
    // The only alter table enables row-level security, and it follows its own create table (below).
    const alters = [...outside.matchAll(/\balter\s+table\s+([a-z_.]+)\s+([^;]*);/gi)].map((m) => m[2]!.trim().toLowerCase());
    expect(alters.filter((a) => a !== 'enable row level security')).toEqual([]);
    // No data fix-ups: outside function bodies, rows are only inserted (the reference data).
    const statements = outside.split(';').map((statement) => statement.trim());
    expect(statements.filter((statement) => /^(update|delete)\b/i.test(statement))).toEqual([]);
  });

  it('follow each table with its row-level security and privileges, before the next table', () => {
    for (const { file, text } of sql) {
      const tables = [...text.matchAll(/\bcreate\s+table\s+([a-z_.]+)/gi)];
      tables.forEach((m, i) => {
        const table = m[1]!;
        const section = text.slice(m.index, tables[i + 1]?.index ?? text.length);
        expect(section, `${file}: ${table}`).toContain(`alter table ${table} enable row level security;`);
        expect(section, `${file}: ${table}`).toContain(`revoke all on ${table} from public, anon, authenticated, service_role;`);
      });
    }
  });
});
