import type { AddressInfo } from 'node:net';
import { openLocalDatabase, type LocalDatabaseOptions } from './database.ts';
import { authService, createStandinServer, restService } from './http-server.ts';
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_KEY } from './keys.ts';
import { createAuthHandler, ensureAuthSchema } from './auth/server.ts';
import type { Engine, SqlDatabase } from './sql.ts';

export interface StartLocalSupabaseOptions extends LocalDatabaseOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. The Supabase CLI uses 54321. */
  port?: number;
}

export interface LocalSupabase {
  /** Base URL to give supabase-js, e.g. http://127.0.0.1:54321 */
  url: string;
  serviceKey: string;
  anonKey: string;
  engine: Engine;
  /** The database behind it (tests count rows, tools reload the schema cache). */
  db: SqlDatabase;
  stop(): Promise<void>;
}

/**
 * Start the local Supabase stand-in: the project's migrations on PGlite (default) or on the
 * PostgreSQL named by databaseUrl, behind a small HTTP server implementing POST /rest/v1/rpc/<fn>
 * and the Auth endpoints the staff workspace calls (auth/server.ts). For development and tests
 * only; production is a real Supabase project.
 */
export async function startLocalSupabase(options: StartLocalSupabaseOptions = {}): Promise<LocalSupabase> {
  const db = await openLocalDatabase(options);
  await ensureAuthSchema(db);
  // The issuer is known once the port is: the handler reads it lazily.
  let base = '';
  const auth = createAuthHandler({ store: db, jwtSecret: LOCAL_JWT_SECRET, get url() { return base; } });
  const server = createStandinServer([restService(db), authService(auth)]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    serviceKey: LOCAL_SERVICE_KEY,
    anonKey: LOCAL_ANON_KEY,
    engine: db.engine,
    db,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
