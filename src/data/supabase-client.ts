import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/**
 * The one Supabase client of the server. SUPABASE_SECRET_KEY is the project's secret
 * (service_role) key: it BYPASSES ROW-LEVEL SECURITY. Use it on the server only; never send it to a
 * browser, never import this module from an island, never log it.
 */
export function createSupabaseServerClient(env: NodeJS.ProcessEnv = process.env): SupabaseClient {
  const url = env['SUPABASE_URL'];
  const key = env['SUPABASE_SECRET_KEY'];
  if (!url || !key) throw new Error('SUPABASE_URL and SUPABASE_SECRET_KEY must be set');
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

let shared: Promise<SupabaseClient> | undefined;

/**
 * The shared server client. With SUPABASE_URL and SUPABASE_SECRET_KEY set it talks to that project.
 * Without them, in development only, it starts the embedded local stand-in (PGlite + the migrations),
 * in memory or in LOCAL_SUPABASE_DATA_DIR. A production build refuses to run without the variables.
 */
export function getSupabase(): Promise<SupabaseClient> {
  shared ??= (async () => {
    if (process.env['SUPABASE_URL'] && process.env['SUPABASE_SECRET_KEY']) return createSupabaseServerClient();
    if (process.env['NODE_ENV'] === 'production' || process.env['CONTEXT'] === 'production') {
      throw new Error('SUPABASE_URL and SUPABASE_SECRET_KEY must be set in production');
    }
    const { startLocalSupabase } = await import('./local-supabase/start.ts');
    const dataDir = process.env['LOCAL_SUPABASE_DATA_DIR'];
    const local = await startLocalSupabase(dataDir ? { dataDir } : {});
    return createSupabaseServerClient({ SUPABASE_URL: local.url, SUPABASE_SECRET_KEY: local.serviceKey });
  })();
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}
