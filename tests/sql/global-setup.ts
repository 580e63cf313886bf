import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { testPostgres } from '../support/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The engine of the SQL tests, from TEST_DATABASE ('postgres' or 'pglite'; 'postgres' when
     * TEST_DATABASE_URL is set, else 'pglite'):
     *  - pglite: a tarball of a freshly initialised, empty PGlite cluster (no roles, no migrations);
     *  - postgres: a superuser URL of the server (a throwaway cluster, or TEST_DATABASE_URL), on
     *    which each test file creates a database of its own.
     */
    testDatabase: { engine: 'pglite'; tarball: string } | { engine: 'postgres'; url: string };
  }
}

export function testEngine(): 'pglite' | 'postgres' {
  const chosen = process.env['TEST_DATABASE'] ?? (process.env['TEST_DATABASE_URL'] ? 'postgres' : 'pglite');
  if (chosen !== 'pglite' && chosen !== 'postgres') throw new Error(`TEST_DATABASE must be pglite or postgres, not ${chosen}`);
  return chosen;
}

/**
 * PGlite: creating a cluster (initdb) takes 5–20 s here, loading a tarball of one ~1–2 s, so initdb
 * runs once and every test file starts from that empty cluster and runs the migrations itself.
 * PostgreSQL: the server is started once (or TEST_DATABASE_URL is used) and every file makes its
 * own database on it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testEngine() === 'postgres') {
    const server = await testPostgres();
    project.provide('testDatabase', { engine: 'postgres', url: server.url });
    console.log(`SQL tests on PostgreSQL ${server.version} (${server.description})`);
    return server.stop;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'pglite-initdb-'));
  const file = path.join(dir, 'initdb.tar');
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await db.close();
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { engine: 'pglite', tarball: file });
  console.log('SQL tests on PGlite (the embedded default of npm start)');
  return () => rm(dir, { recursive: true, force: true });
}
