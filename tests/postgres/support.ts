import { randomBytes } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { handleApplicationsRequest } from '../../functions/lib/api.ts';
import { issueApiKey } from '../../src/data/api-keys.ts';
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

/**
 * A client address of its own (X-Nf-Client-Connection-Ip, as Netlify sets it), so the hourly
 * limits per address are met only by the tests about them.
 */
export const newClientIp = () => `198.51.100.${1 + (randomBytes(1)[0]! % 250)}-${randomBytes(4).toString('hex')}`;

/** A client key of its own (as src/lib/client-key.ts makes from an address). */
export const newClientKey = () => `pg-client-${randomBytes(8).toString('hex')}`;

const keys = new Map<string, Promise<string>>();
/** This stand-in's API key for the tests, issued once as `npm run api-key` issues keys. */
export function apiKeyFor(client: SupabaseClient, url = process.env['SUPABASE_URL'] ?? ''): Promise<string> {
  if (!keys.has(url)) keys.set(url, issueApiKey('数据库测试', client).then((k) => k.key));
  return keys.get(url)!;
}

/** The i-th distinct transit-card application (a made-up applicant of its own). */
export function transitFor(i: number) {
  const application = transitApplication();
  const id = makeIdNumber(`19${50 + (i % 45)}-0${1 + (i % 9)}-1${i % 9}`, String(100 + (i % 900)).slice(-3));
  application.answers.certificate.certificate_number = `${id}12`;
  application.answers.applicant.phone = `137${String(10_000_000 + i).slice(-8)}`;
  return { application, last4: id.slice(-4) };
}

/** POST /api/v1/applications through the API function, in-process (no HTTP server in front). */
export async function postApplication(body: unknown, key: string, client?: SupabaseClient): Promise<{ status: number; body: Record<string, unknown> }> {
  const apiKey = await apiKeyFor(client ?? createSupabaseServerClient());
  const request = new Request('http://localhost/api/v1/applications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  const response = await handleApplicationsRequest(request, { clientIp: newClientIp() });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
