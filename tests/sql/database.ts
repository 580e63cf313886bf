import { readFile } from 'node:fs/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openLocalDatabase } from '../../dev/local-supabase/database.ts';
import { callRpc, type PostgrestErrorBody } from '../../dev/local-supabase/rpc.ts';

export type Role = 'anon' | 'authenticated' | 'service_role';

/**
 * A fresh in-memory database with the platform bootstrap and all migrations applied: those of
 * supabase/migrations, or of another folder (the folded-schema test passes the frozen v0.1.0 copy).
 */
export async function freshDatabase(migrationsDir?: string): Promise<PGlite> {
  const tarball = await readFile(inject('pgliteInitdbTarball'));
  return openLocalDatabase({ loadDataDir: new Blob([tarball]), ...(migrationsDir ? { migrationsDir } : {}) });
}

/** Run `fn` in a transaction as an API role with JWT claims, as PostgREST would; always rolled back. */
export async function asRole<T>(db: PGlite, role: Role, fn: (tx: Transaction) => Promise<T>): Promise<T> {
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
export async function rpc<T = Record<string, unknown>>(db: PGlite, role: Role, fn: string, args: Record<string, unknown>): Promise<T> {
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
