import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { keptAliveFetch } from './kept-alive-fetch.ts';

/**
 * Thrown when the server has no database to talk to. The message is for logs (English, no
 * secrets); the pages and the API answer such failures with their "service unavailable" text and
 * a 503, so nothing is accepted that cannot be stored.
 */
export const MISSING_SUPABASE_ENV =
  'SUPABASE_URL and SUPABASE_SECRET_KEY must be set: the Supabase project in production, or the local stand-in ' +
  '(npm start, the test setups and scripts/local-supabase.mjs start one and set both)';

/**
 * The one Supabase client of the server. SUPABASE_SECRET_KEY is the project's secret
 * (service_role) key: it BYPASSES ROW-LEVEL SECURITY. Use it on the server only; never send it to a
 * browser, never import this module from an island, never log it.
 */
export function createSupabaseServerClient(env: NodeJS.ProcessEnv = process.env): SupabaseClient {
  const url = env['SUPABASE_URL'];
  const key = env['SUPABASE_SECRET_KEY'];
  if (!url || !key) throw new Error(MISSING_SUPABASE_ENV);
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: keptAliveFetch },
  });
}

let shared: { url: string; key: string; client: SupabaseClient } | undefined;

/**
 * The shared server client, for the project named by SUPABASE_URL and SUPABASE_SECRET_KEY. It only
 * reads the environment: there is no fallback database here, because a deployed site that quietly
 * stored applications somewhere else would lose them. Whatever starts the local stand-in puts the
 * two variables into the environment first. A new client is made when they change (tests point
 * one process at more than one stand-in).
 */
export async function getSupabase(): Promise<SupabaseClient> {
  const url = process.env['SUPABASE_URL'] ?? '';
  const key = process.env['SUPABASE_SECRET_KEY'] ?? '';
  if (shared?.url !== url || shared.key !== key) {
    shared = { url, key, client: createSupabaseServerClient({ SUPABASE_URL: url, SUPABASE_SECRET_KEY: key }) };
  }
  return shared.client;
}
