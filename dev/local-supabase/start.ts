import type { AddressInfo } from 'node:net';
import { openLocalDatabase, type LocalDatabaseOptions } from './database.ts';
import { createStandinServer } from './http-server.ts';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_KEY } from './keys.ts';
import { createAuthHandler, ensureAuthSchema } from './auth/server.ts';

export interface StartLocalSupabaseOptions extends LocalDatabaseOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. The Supabase CLI uses 54321. */
  port?: number;
}

export interface LocalSupabase {
  /** Base URL to give supabase-js, e.g. http://127.0.0.1:54321 */
  url: string;
  serviceKey: string;
  anonKey: string;
  /** The database itself (tests look at what was stored). */
  db: Awaited<ReturnType<typeof openLocalDatabase>>;
  stop(): Promise<void>;
}

/**
 * Start the local Supabase stand-in: PGlite with the project's migrations, behind a small HTTP
 * server implementing POST /rest/v1/rpc/<fn> and the Auth endpoints the staff workspace calls. For development and tests only; production is a
 * real Supabase project.
 */
export async function startLocalSupabase(options: StartLocalSupabaseOptions = {}): Promise<LocalSupabase> {
  const db = await openLocalDatabase(options);
  const store = { query: <T,>(sql: string, params?: unknown[]) => db.query<T>(sql, params), exec: (sql: string) => db.exec(sql) };
  await ensureAuthSchema(store);
  // The issuer is known once the port is: the handler reads it lazily.
  let base = '';
  const auth = createAuthHandler({ store, jwtSecret: LOCAL_JWT_SECRET, get url() { return base; } });
  const server = createStandinServer(db, auth);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    serviceKey: LOCAL_SERVICE_KEY,
    anonKey: LOCAL_ANON_KEY,
    db,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
