import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../dev/local-supabase/database.ts';
import { postgresDatabase } from '../../dev/local-supabase/postgres.ts';
import { startCluster, type Cluster } from '../../dev/postgres/cluster.ts';

/**
 * The PostgreSQL server of a test run: the one named by TEST_DATABASE_URL (any PostgreSQL 15 or
 * later, as a superuser named postgres, on a server where test databases may be created and
 * dropped), or else a throwaway cluster started here and removed by stop().
 */
export interface TestPostgres {
  /** Superuser URL of the server's maintenance database. */
  url: string;
  version: string;
  description: string;
  /** The throwaway cluster, when this run started one (the fault tests stop and start their own). */
  cluster: Cluster | null;
  stop(): Promise<void>;
}

/** A URL for another database on the server of `url`. */
export function databaseUrlOn(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
  } finally {
    await client.end();
  }
}

/** Run a function with a scratch database of the server, dropped afterwards. */
export async function withScratchDatabase<T>(url: string, fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    return await fn(databaseUrlOn(url, name));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function testPostgres(): Promise<TestPostgres> {
  const given = process.env['TEST_DATABASE_URL'];
  const cluster = given ? null : await startCluster();
  const url = given ?? cluster!.url;
  const version = await serverVersion(url);
  // The API roles belong to the whole server: create them once, before test files run in
  // parallel (each then finds them and only adds the per-database part).
  await withScratchDatabase(url, async (scratch) => {
    const db = await postgresDatabase({ url: scratch, max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  });
  return {
    url,
    version,
    description: given ? 'TEST_DATABASE_URL' : `a throwaway cluster on 127.0.0.1:${cluster!.port}`,
    cluster,
    stop: async () => {
      await cluster?.remove();
    },
  };
}
