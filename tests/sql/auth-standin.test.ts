import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { startTestStandin } from './database.ts';
import { hotp, totp } from '../../dev/local-supabase/auth/totp.ts';

/**
 * The stand-in's Supabase Auth, driven through supabase-js as the workspace drives it: accounts
 * made with the service key, password sign-in (aal1), TOTP enrolment and verification (aal2),
 * refresh, sign-out, bans; access tokens the REST side verifies, so staff functions run with the
 * staff member's own claims and a forged token is refused.
 */
let local: LocalSupabase;
let admin: SupabaseClient;
const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
const client = () => createClient(local.url, local.anonKey, options);

beforeAll(async () => {
  local = await startTestStandin();
  admin = createClient(local.url, local.serviceKey, options);
});
afterAll(() => local?.stop());

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('TOTP', () => {
  it('computes RFC 6238’s test vector', () => {
    // RFC 6238, SHA-1, secret "12345678901234567890", T = 59 s: 94287082 (the last 6 digits).
    expect(hotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1)).toBe('287082');
  });
});

describe('the local Supabase Auth', () => {
  it('signs a staff member in with a password, then a second factor, and RLS sees the aal2 token', async () => {
    const created = await admin.auth.admin.createUser({ email: 'reviewer@example.org', password: 'first-password-1', email_confirm: true });
    expect(created.error).toBeNull();
    const userId = created.data.user!.id;
    const { rows } = await local.db.query<{ encrypted_password: string }>(`select encrypted_password from auth.users where id = $1`, [userId]);
    expect(rows[0]!.encrypted_password).toMatch(/^scrypt\$/);
    expect(rows[0]!.encrypted_password).not.toContain('first-password-1');
    await local.db.query(`insert into intake.staff_members (user_id, display_name, role) values ($1, '审核员', 'reviewer')`, [userId]);

    const c = client();
    expect((await c.auth.signInWithPassword({ email: 'reviewer@example.org', password: 'wrong' })).error?.code).toBe('invalid_credentials');
    const signed = await c.auth.signInWithPassword({ email: 'Reviewer@example.org', password: 'first-password-1' });
    expect(signed.error).toBeNull();
    expect(claimsOf(signed.data.session!.access_token)).toMatchObject({ sub: userId, role: 'authenticated', aal: 'aal1' });

    // With only a password, a role that sees personal data gets nothing.
    const asUser = (token: string) => createClient(local.url, local.anonKey, { ...options, global: { headers: { Authorization: `Bearer ${token}` } } });
    const aal1 = await asUser(signed.data.session!.access_token).rpc('staff_queue', {});
    expect(aal1.error?.message).toBe('not_staff');

    const enrolled = await c.auth.mfa.enroll({ factorType: 'totp', friendlyName: '手机' });
    expect(enrolled.error).toBeNull();
    const secret = enrolled.data!.totp!.secret;
    const challenge = await c.auth.mfa.challenge({ factorId: enrolled.data!.id });
    const wrong = await c.auth.mfa.verify({ factorId: enrolled.data!.id, challengeId: challenge.data!.id, code: totp(secret) === '000000' ? '111111' : '000000' });
    expect(wrong.error?.code).toBe('mfa_verification_failed');
    const again = await c.auth.mfa.challenge({ factorId: enrolled.data!.id });
    const verified = await c.auth.mfa.verify({ factorId: enrolled.data!.id, challengeId: again.data!.id, code: totp(secret) });
    expect(verified.error).toBeNull();
    const aal2 = verified.data!.access_token;
    expect(claimsOf(aal2)).toMatchObject({ sub: userId, aal: 'aal2' });
    const queue = await asUser(aal2).rpc('staff_queue', {});
    expect(queue.error).toBeNull();
    expect(queue.data).toMatchObject({ total: 0, rows: [] });

    // A token changed by hand is refused by the REST side before any SQL runs.
    const [head, , sig] = aal2.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...claimsOf(aal2), sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    const forged = await asUser(`${head}.${forgedPayload}.${sig}`).rpc('staff_queue', {});
    expect(forged.status).toBe(401);

    // Refreshing keeps the second factor; signing out ends the session.
    const refreshed = await c.auth.refreshSession({ refresh_token: verified.data!.refresh_token });
    expect(claimsOf(refreshed.data.session!.access_token)).toMatchObject({ aal: 'aal2' });
    expect((await c.auth.refreshSession({ refresh_token: verified.data!.refresh_token })).error).not.toBeNull(); // used once
    const user = await c.auth.getUser(refreshed.data.session!.access_token);
    expect(user.data.user!.factors).toEqual([expect.objectContaining({ status: 'verified', factor_type: 'totp' })]);
    await admin.auth.admin.signOut(refreshed.data.session!.access_token);
    expect((await c.auth.getUser(refreshed.data.session!.access_token)).error?.status).toBe(401);
  });

  it('changes a password, bans a user (refused at once) and lets nobody but the service key manage accounts', async () => {
    const created = await admin.auth.admin.createUser({ email: 'clerk@example.org', password: 'first-password-2', email_confirm: true });
    const id = created.data.user!.id;
    const c = client();
    const signed = await c.auth.signInWithPassword({ email: 'clerk@example.org', password: 'first-password-2' });
    const token = signed.data.session!.access_token;
    const changed = await createClient(local.url, local.anonKey, options).auth.admin.updateUserById(id, { password: 'short' });
    expect(changed.error).not.toBeNull(); // the anon key cannot
    await c.auth.setSession({ access_token: token, refresh_token: signed.data.session!.refresh_token });
    expect((await c.auth.updateUser({ password: 'second-password-2' })).error).toBeNull();
    expect((await client().auth.signInWithPassword({ email: 'clerk@example.org', password: 'first-password-2' })).error?.code).toBe('invalid_credentials');
    await admin.auth.admin.updateUserById(id, { ban_duration: '876000h' });
    expect((await c.auth.getUser(token)).error?.status).toBe(401);
    expect((await client().auth.signInWithPassword({ email: 'clerk@example.org', password: 'second-password-2' })).error?.code).toBe('user_banned');
    await admin.auth.admin.updateUserById(id, { ban_duration: 'none' });
    expect((await client().auth.signInWithPassword({ email: 'clerk@example.org', password: 'second-password-2' })).error).toBeNull();
  });
});
