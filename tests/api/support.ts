import { randomBytes } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { inject } from 'vitest';
export { APPLICANT_LAST4, certificateApplication, devicesApplication, site, transitApplication } from '../support/applications.ts';

/** Shared by the API tests: the served build, the stand-in behind it, and valid applications. */
export const baseUrl = inject('baseUrl');
export const API = `${baseUrl}/api/v1/applications`;

const supabase = createClient(inject('supabaseUrl'), inject('supabaseKey'), {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

/** Row counts of the intake tables in the stand-in behind the served build. */
export async function counts(): Promise<{ drafts: number; applications: number; status_events: number }> {
  const { data, error } = await supabase.rpc('intake_counts');
  if (error) throw new Error(`intake_counts: ${error.message}`);
  return data;
}

/** A fresh Idempotency-Key. */
export const newKey = () => `test-${randomBytes(12).toString('base64url')}`;
/** A client address of its own, so throttling in one test does not reach another. */
export const newClientIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomBytes(4).toString('hex')}`;

export const CHINESE = /[\u4e00-\u9fff]/;

export function post(body: unknown, init: { key?: string | null; headers?: Record<string, string>; raw?: BodyInit } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  if (init.key !== null) headers['Idempotency-Key'] = init.key ?? newKey();
  return fetch(API, { method: 'POST', headers, body: init.raw ?? JSON.stringify(body) });
}

export function lookup(reference: string, last4: string | null, clientIp: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'X-Nf-Client-Connection-Ip': clientIp, ...extra };
  if (last4 !== null) headers['X-Id-Number-Last4'] = last4;
  return fetch(`${API}/${reference}`, { headers });
}
