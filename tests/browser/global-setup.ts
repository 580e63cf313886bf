import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { startLocalSupabase } from '../../dev/local-supabase/start.ts';
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

export default async function setup(project: TestProject) {
  if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` before the browser tests (npm test does this).');
  }
  // The stand-in first: the SSR function and the API read these variables when they first connect.
  const supabase = await startLocalSupabase();
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
    // A watch that saw nothing proves nothing.
    if (seen.urls === 0) throw new Error('The server watch saw no requests: is it attached to the server the tests use?');
    if (found.length) {
      throw new Error(`Personal data reached the server's URLs or logs during the run:\n${[...new Set(found)].slice(0, 20).join('\n')}`);
    }
  };
}
