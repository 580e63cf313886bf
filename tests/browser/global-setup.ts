import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { startLocalSupabase } from '../../dev/local-supabase/start.ts';
import { testEngine } from '../sql/global-setup.ts';
import { databaseUrlOn, testPostgres } from '../support/postgres.ts';
import pg from 'pg';
import { watchServer } from './server-watch.ts';
import { startTestDataServer } from './test-data.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The local Supabase stand-in behind the served build (its SSR pages and the JSON API). */
    supabaseUrl: string;
    supabaseKey: string;
    supabaseAnonKey: string;
    /** Test data in the stand-in's database (tests/browser/test-data.ts). */
    testDataUrl: string;
  }
}

/**
 * The served build and the stand-in behind it. The database is PostgreSQL when TEST_DATABASE is
 * postgres (npm test: a throwaway cluster, or TEST_DATABASE_URL), so the journeys, the API contract
 * and the fuzzing run against what production runs; else PGlite. testDatabase is provided too, for
 * the files that make a database of their own (tests/api/purge.test.ts).
 */
export default async function setup(project: TestProject) {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` before the browser tests (npm test does this).');
  }
  const cleanups: (() => Promise<void> | void)[] = [];
  let options = {};
  if (testEngine() === 'postgres') {
    const server = await testPostgres();
    cleanups.push(server.stop);
    const name = `portal_under_test_${process.pid}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`create database ${name}`);
    // Before the server stops (and on a server given by TEST_DATABASE_URL, which stays).
    cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
    options = { databaseUrl: databaseUrlOn(server.url, name), postgres: { max: 10 } };
    project.provide('testDatabase', { engine: 'postgres', url: server.url });
    console.log(`Built-site tests on PostgreSQL ${server.version} (${server.description})`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-initdb-'));
    const db = await PGlite.create();
    writeFileSync(join(dir, 'initdb.tar'), Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
    await db.close();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    project.provide('testDatabase', { engine: 'pglite', tarball: join(dir, 'initdb.tar') });
    console.log('Built-site tests on PGlite');
  }
  // The stand-in first: the SSR function and the API read these variables when they first connect.
  const supabase = await startLocalSupabase(options);
  process.env['SUPABASE_URL'] = supabase.url;
  process.env['SUPABASE_SECRET_KEY'] = supabase.serviceKey;
  // The staff workspace signs in with the publishable (anon) key, as with a real project.
  process.env['SUPABASE_PUBLISHABLE_KEY'] = supabase.anonKey;
  const { server, url } = await startStaticServer(0);
  const watch = watchServer(server);
  project.provide('baseUrl', url);
  project.provide('supabaseUrl', supabase.url);
  project.provide('supabaseKey', supabase.serviceKey);
  project.provide('supabaseAnonKey', supabase.anonKey);
  const testData = await startTestDataServer(supabase);
  project.provide('testDataUrl', testData.url);
  return async () => {
    testData.server.closeAllConnections();
    await new Promise<void>((resolve) => testData.server.close(() => resolve()));
    const seen = watch.counts();
    const found = watch.finish();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await supabase.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
    // A watch that saw nothing proves nothing.
    if (seen.urls === 0) throw new Error('The server watch saw no requests: is it attached to the server the tests use?');
    if (found.length) {
      throw new Error(`Personal data reached the server's URLs or logs during the run:\n${[...new Set(found)].slice(0, 20).join('\n')}`);
    }
  };
}
