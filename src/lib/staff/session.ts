import type { AstroCookies } from 'astro';
import { refresh, StaffAuthError, type StaffTokens } from '../../data/staff-auth.ts';
import { staffData, StaffDataError, type StaffData, type StaffMe } from '../../data/staff.ts';
import { IDLE_MINUTES } from '../../domain/staff/workspace.ts';
import { seal, unseal } from '../apply/sealed.ts';

/**
 * A staff member's session: their Supabase tokens, sealed (encrypted and authenticated) in an
 * HttpOnly, Secure, SameSite=Strict cookie; never in localStorage or a URL. It ends after
 * IDLE_MINUTES without a request (sliding), and a form posted after that is kept (sealed too)
 * so that what was being typed comes back after signing in again.
 */
const SESSION = 'staff-session';
const PENDING = 'staff-pending';

export interface StaffSession {
  tokens: StaffTokens;
  /** 'password': signed in with a password only; 'aal2': with the second factor too. */
  stage: 'password' | 'aal2';
  /** Unix ms of the last request. */
  lastActive: number;
}

const cookie = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' as const };

export function readSession(cookies: AstroCookies): StaffSession | null {
  const value = unseal('staff-session', cookies.get(SESSION)?.value ?? '');
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Partial<StaffSession>;
  if (!s.tokens?.accessToken || !s.tokens.refreshToken || (s.stage !== 'password' && s.stage !== 'aal2') || typeof s.lastActive !== 'number') return null;
  return s as StaffSession;
}

export function writeSession(cookies: AstroCookies, session: StaffSession): void {
  cookies.set(SESSION, seal('staff-session', session), cookie);
}

export function clearSession(cookies: AstroCookies): void {
  cookies.delete(SESSION, { path: '/' });
}

export const idleExpired = (s: StaffSession, now = Date.now()) => now - s.lastActive > IDLE_MINUTES * 60_000;

/** A posted form kept across an idle sign-out: the page it was for and its fields. */
export interface PendingForm {
  path: string;
  fields: Record<string, string>;
}

export function keepPending(cookies: AstroCookies, pending: PendingForm): void {
  const fields = Object.fromEntries(Object.entries(pending.fields).map(([k, v]) => [k, v.slice(0, 1000)]).slice(0, 20));
  cookies.set(PENDING, seal('staff-pending', { path: pending.path, fields }), cookie);
}

/** The kept form of this page, once (it is removed as it is read). */
export function takePending(cookies: AstroCookies, path: string): Record<string, string> | null {
  const value = unseal('staff-pending', cookies.get(PENDING)?.value ?? '') as PendingForm | null;
  if (!value || value.path !== path) return null;
  cookies.delete(PENDING, { path: '/' });
  return value.fields;
}

export function pendingPath(cookies: AstroCookies): string | null {
  const value = unseal('staff-pending', cookies.get(PENDING)?.value ?? '') as PendingForm | null;
  return value?.path ?? null;
}

export type Guarded =
  | { kind: 'ok'; session: StaffSession; me: StaffMe & { role: NonNullable<StaffMe['role']> }; data: StaffData }
  | { kind: 'sign-in'; reason: 'none' | 'expired' | 'disabled' }
  | { kind: 'second-factor' }
  | { kind: 'unavailable' };

/**
 * The signed-in staff member of this request, fully (password and second factor, an active staff
 * row), with their tokens refreshed when needed and the idle clock restarted. The database is
 * asked every time, so a disabled account is refused at its next request.
 */
export async function guard(cookies: AstroCookies, now = Date.now()): Promise<Guarded> {
  const session = readSession(cookies);
  if (!session) return { kind: 'sign-in', reason: 'none' };
  if (idleExpired(session, now)) {
    clearSession(cookies);
    return { kind: 'sign-in', reason: 'expired' };
  }
  if (session.stage !== 'aal2') return { kind: 'second-factor' };
  let tokens = session.tokens;
  try {
    if (tokens.expiresAt * 1000 - now < 60_000) tokens = await refresh(tokens);
  } catch (error) {
    clearSession(cookies);
    return error instanceof StaffAuthError && error.reason === 'unavailable' ? { kind: 'unavailable' } : { kind: 'sign-in', reason: 'expired' };
  }
  const data = staffData(tokens.accessToken);
  let me: StaffMe;
  try {
    me = await data.me();
  } catch (error) {
    if (error instanceof StaffDataError && error.code === 'unauthorised') {
      clearSession(cookies);
      return { kind: 'sign-in', reason: 'expired' };
    }
    return { kind: 'unavailable' };
  }
  if (!me.role || !me.active || !me.aal2) {
    clearSession(cookies);
    return { kind: 'sign-in', reason: me.role && !me.active ? 'disabled' : 'expired' };
  }
  const fresh = { ...session, tokens, lastActive: now };
  writeSession(cookies, fresh);
  return { kind: 'ok', session: fresh, me: me as StaffMe & { role: NonNullable<StaffMe['role']> }, data };
}
