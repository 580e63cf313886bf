import type { PGlite } from '@electric-sql/pglite';

/**
 * The one database interface of the stand-in, its tests and its tools, served by two engines:
 * PGlite (Postgres in WebAssembly, in-process, one connection: the embedded default of `npm start`)
 * and a real PostgreSQL through a connection pool (postgres.ts). Both speak the same SQL; what
 * differs is concurrency (PGlite runs one statement at a time) and the cost of a round trip.
 */
export type Engine = 'pglite' | 'postgres';

export interface Rows<T> {
  rows: T[];
}

export interface SqlSession {
  /** One statement with $1… parameters (extended protocol). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Rows<T>>;
  /** Any number of statements without parameters, sent as one message (simple protocol). */
  exec(sql: string): Promise<void>;
}

export interface SqlTransaction extends SqlSession {
  /** End the transaction now, undoing it; the callback's result is still returned. */
  rollback(): Promise<void>;
}

export interface SqlDatabase extends SqlSession {
  readonly engine: Engine;
  /**
   * Statements without parameters sent in ONE round trip as one implicit transaction (a simple
   * Query message with several statements: any error rolls all of them back). Returns the rows of
   * the last statement. The stand-in's rpc calls use it: setting the role and calling the function
   * are two statements (the EXECUTE privilege is checked when a statement starts), one round trip.
   */
  batch<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /**
   * Like batch, for requests made as an API identity (PostgreSQL only): `session` (statements that
   * set the role and the JWT claims for the session) is sent along only when the connection is not
   * set up for that identity already, so a run of calls with one key costs one statement each.
   * These connections are kept apart from those of query/exec/transaction, which stay the superuser.
   */
  batchAs?<T = Record<string, unknown>>(identity: string, session: string, sql: string): Promise<T[]>;
  /** fn inside BEGIN … COMMIT on one connection (rolled back when it throws). */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A SQL string literal. Safe with standard_conforming_strings = on (the default since PostgreSQL
 * 9.1, checked by both engines' openers): inside '…' only the quote is special.
 */
export function literal(value: string): string {
  if (value.includes('\u0000')) throw new Error('a SQL literal cannot hold U+0000');
  return `'${value.replace(/'/g, "''")}'`;
}

/** A quoted identifier (for names already checked against a strict pattern). */
export function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** PGlite behind the common interface (its own API is nearly the same). */
export function pgliteDatabase(db: PGlite): SqlDatabase {
  return {
    engine: 'pglite',
    query: (sql, params) => db.query(sql, params),
    async exec(sql) {
      await db.exec(sql);
    },
    async batch<T>(sql: string) {
      const results = await db.exec(sql);
      return (results.at(-1)?.rows ?? []) as T[];
    },
    transaction<T>(fn: (tx: SqlTransaction) => Promise<T>) {
      return db.transaction((tx) =>
        fn({
          query: (sql, params) => tx.query(sql, params),
          async exec(sql) {
            await tx.exec(sql);
          },
          rollback: () => tx.rollback(),
        }),
      );
    },
    close: () => db.close(),
  };
}
