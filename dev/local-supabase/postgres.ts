import pg from 'pg';
import type { Rows, SqlDatabase, SqlTransaction } from './sql.ts';

/**
 * A real PostgreSQL behind the common interface, through a connection pool (as PostgREST keeps
 * one). Used by the tests (a throwaway cluster, or any server named by TEST_DATABASE_URL), the
 * benchmark, and the stand-in when it is given a database URL.
 */
export interface PostgresOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Connections in the pool (PostgREST's default is 10). */
  max?: number;
  /**
   * Server-side limit for one statement, in ms: no request waits longer than this on the database
   * (a lock held elsewhere, a stuck query). The database gives 57014, the stand-in 500, and the
   * portal its "service unavailable" answer. Default 10 s.
   */
  statementTimeoutMs?: number;
  /** How long to wait for a connection (the server is down or every connection is busy). Default 3 s. */
  connectionTimeoutMs?: number;
}

// bigint (count(*), sequences) as a number, as PGlite returns it; every value here is far below 2^53.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The rows of the last statement of a simple Query message. */
function lastRows<T>(result: pg.QueryResult | pg.QueryResult[]): T[] {
  const last = Array.isArray(result) ? result.at(-1) : result;
  return (last?.rows ?? []) as T[];
}

export async function postgresDatabase(options: PostgresOptions): Promise<SqlDatabase> {
  const makePool = () => {
    const made = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 3_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      options: `-c statement_timeout=${options.statementTimeoutMs ?? 10_000}`,
      types,
    });
    // A connection that dies while idle (the server restarted) is dropped by the pool; without a
    // listener the 'error' event would end the process.
    made.on('error', () => undefined);
    // The same for a connection that dies while checked out between two queries (a transaction's,
    // or one just taken for a call): the pool then has no listener on it, and node-postgres emits
    // 'error' on the client. Its next query fails with the error, which the caller answers (503).
    made.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    return made;
  };
  const pool = makePool();
  /** The connections of API requests, each remembering the identity its session is set up for. */
  const apiPool = makePool();
  const identities = new WeakMap<pg.PoolClient, string>();
  const { rows } = await pool.query<{ standard_conforming_strings: string }>('show standard_conforming_strings');
  if (rows[0]?.standard_conforming_strings !== 'on') {
    await pool.end();
    throw new Error('standard_conforming_strings must be on');
  }

  return {
    engine: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)) as unknown as Rows<T>,
    async exec(sql) {
      await pool.query(sql);
    },
    async batch<T>(sql: string) {
      // Without parameters node-postgres sends a simple Query message: one round trip, and the
      // server runs its statements as one implicit transaction.
      return lastRows<T>((await pool.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[]);
    },
    async batchAs<T>(identity: string, session: string, sql: string) {
      const client = await apiPool.connect();
      let lost: Error | undefined;
      try {
        const ready = identities.get(client) === identity;
        // Until this succeeds the session's identity is unknown (a failed message undoes its settings).
        identities.delete(client);
        const result = (await client.query(ready ? sql : `${session};\n${sql}`)) as unknown as pg.QueryResult | pg.QueryResult[];
        identities.set(client, identity);
        return lastRows<T>(result);
      } catch (error) {
        // No SQLSTATE: the connection itself failed; it is closed rather than reused.
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !SQLSTATE.test(code)) lost = error as Error;
        throw error;
      } finally {
        client.release(lost);
      }
    },
    async transaction<T>(fn: (tx: SqlTransaction) => Promise<T>) {
      const client = await pool.connect();
      let open = true;
      let broken: unknown;
      try {
        await client.query('begin');
        const tx: SqlTransaction = {
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)) as unknown as Rows<T>,
          async exec(sql) {
            await client.query(sql);
          },
          async rollback() {
            open = false;
            await client.query('rollback');
          },
        };
        const result = await fn(tx);
        if (open) {
          open = false;
          await client.query('commit');
        }
        return result;
      } catch (error) {
        if (open) await client.query('rollback').catch((e: unknown) => (broken = e));
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: close it rather than reuse it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      await Promise.all([pool.end(), apiPool.end()]);
    },
  };
}
