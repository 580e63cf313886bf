import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freshDatabase } from '../sql/database.ts';
import { createStandinServer, restService } from '../../dev/local-supabase/http-server.ts';
import { LOCAL_SERVICE_KEY } from '../../dev/local-supabase/keys.ts';
import { createDraft, purgeExpired } from '../../src/data/applications.ts';
import purge, { config, runPurge } from '../../functions/purge-expired.mts';

/**
 * The scheduled retention job against a stand-in of its own (so rows can be aged with SQL):
 * it deletes what is past retention and logs only the numbers.
 */
let db: SqlDatabase;
let server: Server;
let client: SupabaseClient;

beforeAll(async () => {
  db = await freshDatabase();
  server = createStandinServer([restService(db)]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createClient(url, LOCAL_SERVICE_KEY, { auth: { persistSession: false, autoRefreshToken: false } });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});

describe('functions/purge-expired.mts', () => {
  it('is scheduled daily', () => {
    expect(config).toEqual({ schedule: '@daily' });
  });

  it('deletes an expired draft, keeps a current one, and logs only counts', async () => {
    const expired = await createDraft({ service: 'transit-card', action: 'new', clientKey: 'purge-test-client' }, client);
    const current = await createDraft({ service: 'transit-card', action: 'new', clientKey: 'purge-test-client' }, client);
    await db.query(`update intake.drafts set expires_at = now() - interval '1 minute' where id = $1::uuid`, [expired.draftId]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const counts = await runPurge(() => purgeExpired(client));
    expect(counts).toEqual({ drafts: 1, applications: 0, lookup_failures: 0, known_clients: 0, client_submissions: 0 });
    expect(log.mock.calls).toEqual([['[purge-expired] deleted drafts=1 applications=0 lookup_failures=0 known_clients=0 client_submissions=0']]);
    log.mockRestore();
    const left = await db.query<{ n: number }>('select count(*)::int as n from intake.drafts');
    expect(left.rows[0]!.n).toBe(1);
    void current;
  });

  it('the scheduled entry point answers 204, or 500 with only an error code logged', async () => {
    const env = { url: process.env['SUPABASE_URL'], key: process.env['SUPABASE_SECRET_KEY'] };
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      process.env['SUPABASE_URL'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      process.env['SUPABASE_SECRET_KEY'] = LOCAL_SERVICE_KEY;
      const response = await purge();
      expect(response.status).toBe(204);
      expect(log.mock.calls[0]![0]).toMatch(/^\[purge-expired\] deleted drafts=\d+ applications=\d+ lookup_failures=\d+ known_clients=\d+ client_submissions=\d+$/);
    } finally {
      log.mockRestore();
      error.mockRestore();
      process.env['SUPABASE_URL'] = env.url;
      process.env['SUPABASE_SECRET_KEY'] = env.key;
    }
  });
});
