import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openLocalDatabase } from '../../dev/local-supabase/database.ts';
import { databaseUrlOn } from '../support/postgres.ts';
import { callRpc, type PostgrestErrorBody } from '../../dev/local-supabase/rpc.ts';
import type { SqlDatabase, SqlTransaction } from '../../dev/local-supabase/sql.ts';
import { startLocalSupabase, type LocalSupabase } from '../../dev/local-supabase/start.ts';

export type Role = 'anon' | 'authenticated' | 'service_role';
export type { SqlDatabase };

/** The engine these tests run on (TEST_DATABASE, see global-setup.ts). */
export const engine = inject('testDatabase').engine;

/**
 * A new, empty database on the test server (PostgreSQL), dropped again by the returned function.
 * Each test file gets its own, so files run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const setup = inject('testDatabase');
  if (setup.engine !== 'postgres') throw new Error('createTestDatabase needs TEST_DATABASE=postgres');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: setup.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlOn(setup.url, name),
    async drop() {
      const client = new pg.Client({ connectionString: setup.url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A fresh database with the platform bootstrap and all migrations applied: those of
 * supabase/migrations, or of another folder (the folded-schema test passes the frozen v0.1.0 copy).
 * On PGlite an in-memory database; on PostgreSQL a database of its own, dropped by close().
 */
export async function freshDatabase(migrationsDir?: string): Promise<SqlDatabase> {
  const setup = inject('testDatabase');
  const migrations = migrationsDir ? { migrationsDir } : {};
  if (setup.engine === 'pglite') {
    const tarball = await readFile(setup.tarball);
    return openLocalDatabase({ loadDataDir: new Blob([tarball]), ...migrations });
  }
  const created = await createTestDatabase();
  const db = await openLocalDatabase({ databaseUrl: created.url, postgres: { max: 20 }, ...migrations }).catch(async (error: unknown) => {
    await created.drop();
    throw error;
  });
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}

/** Run `fn` in a transaction as an API role with JWT claims, as PostgREST would; always rolled back. */
export async function asRole<T>(db: SqlDatabase, role: Role, fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  let result: T | undefined;
  let failure: unknown;
  await db
    .transaction(async (tx) => {
      await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
        role,
        JSON.stringify({ role, sub: role === 'authenticated' ? '6f1c2a0e-4b7d-4e8a-9c3f-2d5e8a1b7c90' : undefined }),
      ]);
      try {
        result = await fn(tx);
      } catch (error) {
        failure = error;
      }
      await tx.rollback();
    })
    .catch(() => undefined);
  if (failure !== undefined) throw failure;
  return result as T;
}

/** An error thrown by rpc(): the PostgREST-like body of a failed call. */
export class RpcError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: string | null;
  constructor(status: number, code: string, message: string, details: string | null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Call public.<fn>(named args) as a role, the way the stand-in serves POST /rest/v1/rpc/<fn>
 * (one committed transaction, arguments converted from JSON), and return its value.
 */
export async function rpc<T = Record<string, unknown>>(db: SqlDatabase, role: Role, fn: string, args: Record<string, unknown>): Promise<T> {
  const response = await callRpc(db, { role, claims: { role } }, fn, args);
  if (response.status === 200) return response.body as T;
  const body = response.body as PostgrestErrorBody;
  throw new RpcError(response.status, body.code, body.message, body.details);
}

/** The P0001 message code (or SQLSTATE otherwise) of a failing promise. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return e.code === 'P0001' ? (e.message ?? '') : (e.code ?? String(error));
  }
  throw new Error('expected an error');
}

/** The local Supabase stand-in on a fresh database of the test engine; stop() also drops it. */
export async function startTestStandin(): Promise<LocalSupabase> {
  const setup = inject('testDatabase');
  if (setup.engine === 'pglite') {
    return startLocalSupabase({ loadDataDir: new Blob([await readFile(setup.tarball)]) });
  }
  const created = await createTestDatabase();
  const local = await startLocalSupabase({ databaseUrl: created.url, postgres: { max: 20 } });
  return {
    ...local,
    async stop() {
      await local.stop();
      await created.drop();
    },
  };
}
