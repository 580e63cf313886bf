import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgresDatabase, type PostgresOptions } from './postgres.ts';
import { pgliteDatabase, literal, type SqlDatabase } from './sql.ts';

export interface LocalDatabaseOptions {
  /**
   * A real PostgreSQL to use instead of PGlite (postgres://…, a superuser of a database of its
   * own: the migrations run there). Without it the database is an embedded PGlite.
   */
  databaseUrl?: string;
  /** Pool settings for databaseUrl. */
  postgres?: Omit<PostgresOptions, 'url'>;
  /** PGlite: directory to persist the database in; in memory when absent. */
  dataDir?: string;
  /** PGlite: a data directory tarball (dumpDataDir) to start from, e.g. a fresh initdb cached by tests. */
  loadDataDir?: Blob;
  /** Repository root holding supabase/; defaults to the current working directory. */
  rootDir?: string;
  /**
   * The migrations to apply; defaults to supabase/migrations under rootDir. The folded-schema test
   * passes the frozen v0.1.0 copy to compare the two schemas.
   */
  migrationsDir?: string;
  /**
   * Load the seed files of supabase/config.toml ([db.seed] sql_paths) into a database that has just
   * been created, as `supabase db reset` does: development data for `npm start`. Off by default
   * (tests start empty).
   */
  seed?: boolean;
}

/** Run SQL as one transaction on one connection. */
function execInTransaction(db: SqlDatabase, sql: string): Promise<void> {
  return db.transaction((tx) => tx.exec(sql));
}

/**
 * Create what Supabase provides (roles, auth schema), once per database, then apply the migrations
 * in supabase/migrations that have not been applied yet, in file-name order. Applied versions are
 * recorded in supabase_migrations.schema_migrations, as the Supabase CLI does. Returns the files
 * applied now.
 */
export async function migrate(
  db: SqlDatabase,
  { rootDir = process.cwd(), migrationsDir }: Pick<LocalDatabaseOptions, 'rootDir' | 'migrationsDir'> = {},
): Promise<string[]> {
  const supabaseDir = path.join(rootDir, 'supabase');
  const hasPlatform = await db.query(`select 1 from pg_namespace where nspname = 'auth'`);
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
    try {
      await execInTransaction(
        db,
        `${sql}\n;insert into supabase_migrations.schema_migrations (version, name) values (${literal(version)}, ${literal(rest.join('_'))});`,
      );
    } catch (error) {
      throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
    newlyApplied.push(file);
  }
  return newlyApplied;
}

/** The seed files named in supabase/config.toml ([db.seed] sql_paths, relative to supabase/). */
export async function seedFiles(rootDir = process.cwd()): Promise<string[]> {
  const { parse } = await import('smol-toml');
  const config = parse(await readFile(path.join(rootDir, 'supabase', 'config.toml'), 'utf8')) as {
    db?: { seed?: { enabled?: boolean; sql_paths?: string[] } };
  };
  const seed = config.db?.seed;
  if (seed?.enabled === false) return [];
  return (seed?.sql_paths ?? ['./seed.sql']).map((p) => path.join(rootDir, 'supabase', p));
}

/** Open (or create) the database and bring it up to date with the migrations. */
export async function openLocalDatabase(options: LocalDatabaseOptions = {}): Promise<SqlDatabase> {
  const db = options.databaseUrl
    ? await postgresDatabase({ url: options.databaseUrl, ...options.postgres })
    : pgliteDatabase(
        await PGlite.create({
          ...(options.dataDir ? { dataDir: options.dataDir } : {}),
          ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
        }),
      );
  try {
    const fresh = (await db.query(`select 1 from pg_namespace where nspname = 'supabase_migrations'`)).rows.length === 0;
    await migrate(db, options);
    if (options.seed && fresh) {
      for (const file of await seedFiles(options.rootDir)) await execInTransaction(db, await readFile(file, 'utf8'));
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
