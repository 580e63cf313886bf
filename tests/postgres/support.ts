import { randomBytes } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { handleApplicationsRequest } from '../../functions/lib/api.ts';
import { makeIdNumber } from '../support/identities.ts';
import { transitApplication } from '../support/applications.ts';

/**
 * The stand-in on PostgreSQL behind the production code: src/data reads SUPABASE_URL and
 * SUPABASE_SECRET_KEY from the environment, as it does when deployed.
 */
export function useStandin(local: LocalSupabase): SupabaseClient {
  process.env['SUPABASE_URL'] = local.url;
  process.env['SUPABASE_SECRET_KEY'] = local.serviceKey;
  return createSupabaseServerClient({ SUPABASE_URL: local.url, SUPABASE_SECRET_KEY: local.serviceKey });
}

export const newKey = () => `pg-${randomBytes(12).toString('base64url')}`;

/** The i-th distinct transit-card application (a made-up applicant of its own). */
export function transitFor(i: number) {
  const application = transitApplication();
  const id = makeIdNumber(`19${50 + (i % 45)}-0${1 + (i % 9)}-1${i % 9}`, String(100 + (i % 900)).slice(-3));
  application.answers.certificate.certificate_number = `${id}12`;
  application.answers.applicant.phone = `137${String(10_000_000 + i).slice(-8)}`;
  return { application, last4: id.slice(-4) };
}

/** POST /api/v1/applications through the API function, in-process (no HTTP server in front). */
export async function postApplication(body: unknown, key: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const request = new Request('http://localhost/api/v1/applications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  const response = await handleApplicationsRequest(request, { clientIp: '127.0.0.1' });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
