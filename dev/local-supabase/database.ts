import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export interface LocalDatabaseOptions {
  /** Directory to persist the database in; in memory when absent. */
  dataDir?: string;
  /** A data directory tarball (PGlite dumpDataDir) to start from, e.g. a fresh initdb cached by tests. */
  loadDataDir?: Blob;
  /** Repository root holding supabase/; defaults to the current working directory. */
  rootDir?: string;
  /**
   * The migrations to apply; defaults to supabase/migrations under rootDir. The folded-schema test
   * passes the frozen v0.1.0 copy to compare the two schemas.
   */
  migrationsDir?: string;
}

/** Run SQL as one transaction (PGlite's exec runs multi-statement text in one implicit transaction). */
async function execInTransaction(db: PGlite, sql: string): Promise<void> {
  await db.exec(`begin;\n${sql}\n;commit;`).catch(async (error: unknown) => {
    await db.exec('rollback;').catch(() => undefined);
    throw error;
  });
}

/**
 * Create what Supabase provides (roles, auth schema), once per data directory, then apply the
 * migrations in supabase/migrations that have not been applied yet, in file-name order. Applied
 * versions are recorded in supabase_migrations.schema_migrations, as the Supabase CLI does.
 */
export async function migrate(
  db: PGlite,
  { rootDir = process.cwd(), migrationsDir }: Pick<LocalDatabaseOptions, 'rootDir' | 'migrationsDir'> = {},
): Promise<string[]> {
  const supabaseDir = path.join(rootDir, 'supabase');
  const hasPlatform = await db.query(`select 1 from pg_roles where rolname = 'service_role'`);
  if (hasPlatform.rows.length === 0) {
    await execInTransaction(db, await readFile(path.join(supabaseDir, 'local', 'supabase-platform.sql'), 'utf8'));
  }
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text primary key, name text);`);
  const applied = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
  );
  const dir = migrationsDir ?? path.join(supabaseDir, 'migrations');
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  const newlyApplied: string[] = [];
  for (const file of files) {
    const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
    if (!version || applied.has(version)) continue;
    const sql = await readFile(path.join(dir, file), 'utf8');
    const name = rest.join('_').replace(/'/g, "''");
    try {
      await execInTransaction(
        db,
        `${sql}\n;insert into supabase_migrations.schema_migrations (version, name) values ('${version}', '${name}');`,
      );
    } catch (error) {
      throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
    newlyApplied.push(file);
  }
  return newlyApplied;
}

/** Open (or create) a PGlite database and bring it up to date with the migrations. */
export async function openLocalDatabase(options: LocalDatabaseOptions = {}): Promise<PGlite> {
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  try {
    await migrate(db, options);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
