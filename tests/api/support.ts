import { randomBytes } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { inject } from 'vitest';
import { issueApiKey } from '../../src/data/api-keys.ts';
export { APPLICANT_LAST4, certificateApplication, devicesApplication, site, transitApplication } from '../support/applications.ts';

/** Shared by the API tests: the served build, the stand-in behind it, and valid applications. */
export const baseUrl = inject('baseUrl');
export const API = `${baseUrl}/api/v1/applications`;

const supabase = createClient(inject('supabaseUrl'), inject('supabaseKey'), {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

/**
 * The API key of this test file's own channel, issued through src/data/api-keys.ts as the CLI
 * issues keys (the API refuses every request without one).
 */
export const apiKey = (await issueApiKey(`测试渠道 ${randomBytes(4).toString('hex')}`, supabase)).key;
export const bearer = (key = apiKey) => ({ Authorization: `Bearer ${key}` });

/** The stand-in's client, for what the tests need beyond the API (revoking a key). */
export const database = supabase;

/** Row counts of the intake tables in the stand-in behind the served build. */
export async function counts(): Promise<{ drafts: number; applications: number; status_events: number }> {
  const { data, error } = await supabase.rpc('intake_counts');
  if (error) throw new Error(`intake_counts: ${error.message}`);
  return data;
}

/** A fresh Idempotency-Key. */
export const newKey = () => `test-${randomBytes(12).toString('base64url')}`;
/**
 * A client address of its own (sent as X-Nf-Client-Connection-Ip, which the served build takes
 * as the address, as Netlify's is), so throttling and the hourly limits of one test do not reach
 * another.
 */
export const newClientIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomBytes(4).toString('hex')}`;

export const CHINESE = /[\u4e00-\u9fff]/;


/**
 * POST an application with this file's API key, from a client address of its own unless one is
 * given; `headers` may replace any of them (an Authorization of '' sends none).
 */
export function post(body: unknown, init: { key?: string | null; headers?: Record<string, string>; raw?: BodyInit; clientIp?: string } = {}) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json', 'X-Nf-Client-Connection-Ip': init.clientIp ?? newClientIp(), ...bearer(), ...init.headers,
  };
  if (headers['Authorization'] === '') delete headers['Authorization'];
  if (init.key !== null) headers['Idempotency-Key'] = init.key ?? newKey();
  return fetch(API, { method: 'POST', headers, body: init.raw ?? JSON.stringify(body) });
}

/** GET a status with this file's API key; `extra` may replace any header (an Authorization of '' sends none). */
export function lookup(reference: string, last4: string | null, clientIp: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'X-Nf-Client-Connection-Ip': clientIp, ...bearer(), ...extra };
  if (headers['Authorization'] === '') delete headers['Authorization'];
  if (last4 !== null) headers['X-Id-Number-Last4'] = last4;
  return fetch(`${API}/${reference}`, { headers });
}
