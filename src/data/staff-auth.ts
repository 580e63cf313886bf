import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { keptAliveFetch } from './kept-alive-fetch.ts';
import { getSupabase } from './supabase-client.ts';

/**
 * Staff sign-in through Supabase Auth: password, then a TOTP second factor (aal2), with the
 * project's publishable (anon) key. The tokens stay on the server (the workspace keeps them in a
 * sealed HttpOnly cookie); nothing here is sent to a browser. Accounts are made and disabled with
 * the secret key through Auth's admin API, the one use of that key in staff code.
 */
export interface StaffTokens {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type AuthFailure = 'invalid_credentials' | 'banned' | 'invalid_code' | 'expired' | 'weak_password' | 'same_password' | 'unavailable';

export class StaffAuthError extends Error {
  constructor(readonly reason: AuthFailure) {
    super(reason);
    this.name = 'StaffAuthError';
  }
}

function publishableKey(): { url: string; key: string } {
  const url = process.env['SUPABASE_URL'];
  const key = process.env['SUPABASE_PUBLISHABLE_KEY'] || process.env['SUPABASE_ANON_KEY'];
  if (!url || !key) throw new StaffAuthError('unavailable');
  return { url, key };
}

const OPTIONS = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }, global: { fetch: keptAliveFetch } } as const;

/** A client of one request, with no stored session of its own. */
export function authClient(): SupabaseClient {
  const { url, key } = publishableKey();
  return createClient(url, key, OPTIONS);
}

/** A client that calls the database as this staff member: their JWT, so row-level security decides. */
export function staffClient(accessToken: string): SupabaseClient {
  const { url, key } = publishableKey();
  return createClient(url, key, { ...OPTIONS, global: { ...OPTIONS.global, headers: { Authorization: `Bearer ${accessToken}` } } });
}

const tokensOf = (s: Session): StaffTokens => ({ accessToken: s.access_token, refreshToken: s.refresh_token, expiresAt: s.expires_at ?? Math.floor(Date.now() / 1000) + s.expires_in });

function mapError(error: { code?: string | undefined; status?: number | undefined } | null): AuthFailure {
  switch (error?.code) {
    case 'invalid_credentials': return 'invalid_credentials';
    case 'user_banned': return 'banned';
    case 'mfa_verification_failed':
    case 'mfa_challenge_expired': return 'invalid_code';
    case 'weak_password': return 'weak_password';
    case 'same_password': return 'same_password';
    case 'bad_jwt':
    case 'session_not_found':
    case 'refresh_token_not_found':
    case 'refresh_token_already_used': return 'expired';
  }
  if (error?.status === 401 || error?.status === 403) return 'expired';
  return error?.status && error.status < 500 ? 'invalid_credentials' : 'unavailable';
}

async function attempt<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StaffAuthError) throw error;
    throw new StaffAuthError('unavailable');
  }
}

export async function signInWithPassword(email: string, password: string): Promise<StaffTokens> {
  return attempt(async () => {
    const { data, error } = await authClient().auth.signInWithPassword({ email, password });
    if (error || !data.session) throw new StaffAuthError(mapError(error));
    return tokensOf(data.session);
  });
}

export async function refresh(tokens: StaffTokens): Promise<StaffTokens> {
  return attempt(async () => {
    const { data, error } = await authClient().auth.refreshSession({ refresh_token: tokens.refreshToken });
    if (error || !data.session) throw new StaffAuthError(mapError(error));
    return tokensOf(data.session);
  });
}

/** A client holding this session, for the calls Auth makes on the user's own behalf (MFA, password). */
async function sessionClient(tokens: StaffTokens): Promise<SupabaseClient> {
  const client = authClient();
  const { error } = await client.auth.setSession({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken });
  if (error) throw new StaffAuthError(mapError(error));
  return client;
}

export interface StaffUser {
  id: string;
  email: string;
  /** A verified TOTP factor, if enrolled. */
  totpFactorId: string | null;
  mustChangePassword: boolean;
}

export async function currentUser(tokens: StaffTokens): Promise<StaffUser> {
  return attempt(async () => {
    const { data, error } = await authClient().auth.getUser(tokens.accessToken);
    if (error || !data.user) throw new StaffAuthError(mapError(error));
    const factor = (data.user.factors ?? []).find((f) => f.factor_type === 'totp' && f.status === 'verified');
    return {
      id: data.user.id,
      email: data.user.email ?? '',
      totpFactorId: factor?.id ?? null,
      mustChangePassword: data.user.user_metadata?.['must_change_password'] === true,
    };
  });
}

/** Start enrolling an authenticator: its secret (shown to the person to type or scan) and the factor id. */
export async function enrollTotp(tokens: StaffTokens, issuer: string): Promise<{ factorId: string; secret: string; uri: string }> {
  return attempt(async () => {
    const client = await sessionClient(tokens);
    const { data, error } = await client.auth.mfa.enroll({ factorType: 'totp', friendlyName: '工作台', issuer });
    if (error || !data || data.type !== 'totp') throw new StaffAuthError(mapError(error));
    return { factorId: data.id, secret: data.totp.secret, uri: data.totp.uri };
  });
}

/** Prove the second factor: the session becomes aal2. */
export async function verifyTotp(tokens: StaffTokens, factorId: string, code: string): Promise<StaffTokens> {
  return attempt(async () => {
    const client = await sessionClient(tokens);
    const challenge = await client.auth.mfa.challenge({ factorId });
    if (challenge.error || !challenge.data) throw new StaffAuthError(mapError(challenge.error));
    const verified = await client.auth.mfa.verify({ factorId, challengeId: challenge.data.id, code });
    if (verified.error || !verified.data) throw new StaffAuthError(mapError(verified.error));
    return { accessToken: verified.data.access_token, refreshToken: verified.data.refresh_token, expiresAt: Math.floor(Date.now() / 1000) + verified.data.expires_in };
  });
}

export async function changePassword(tokens: StaffTokens, password: string): Promise<void> {
  return attempt(async () => {
    const client = await sessionClient(tokens);
    const { error } = await client.auth.updateUser({ password, data: { must_change_password: false } });
    if (error) throw new StaffAuthError(mapError(error));
  });
}

export async function signOut(tokens: StaffTokens): Promise<void> {
  try {
    const admin = await getSupabase();
    await admin.auth.admin.signOut(tokens.accessToken, 'local');
  } catch {
    // The cookie is cleared anyway; the token expires on its own.
  }
}

/** Make an account (administrators, or the CLI): a first password the person must change. */
export async function createAccount(email: string, password: string): Promise<string> {
  return attempt(async () => {
    const admin = await getSupabase();
    const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true, user_metadata: { must_change_password: true } });
    if (error || !data.user) throw new StaffAuthError(error?.code === 'weak_password' ? 'weak_password' : 'invalid_credentials');
    return data.user.id;
  });
}

/** Disable (ban) or enable an account at Auth; the workspace's own row is changed alongside. */
export async function setAccountEnabled(userId: string, enabled: boolean): Promise<void> {
  return attempt(async () => {
    const admin = await getSupabase();
    const { error } = await admin.auth.admin.updateUserById(userId, { ban_duration: enabled ? 'none' : '876000h' });
    if (error) throw new StaffAuthError(mapError(error));
  });
}

/** Remove every authenticator of an account (a lost phone): a new one is set up at its next sign-in. */
export async function resetAuthenticators(userId: string): Promise<void> {
  return attempt(async () => {
    const admin = await getSupabase();
    const listed = await admin.auth.admin.mfa.listFactors({ userId });
    if (listed.error) throw new StaffAuthError(mapError(listed.error));
    for (const factor of listed.data.factors) {
      const { error } = await admin.auth.admin.mfa.deleteFactor({ userId, id: factor.id });
      if (error) throw new StaffAuthError(mapError(error));
    }
  });
}
