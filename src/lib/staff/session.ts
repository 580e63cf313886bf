import type { AstroCookies } from 'astro';
import { currentUser, refresh, StaffAuthError, type StaffTokens } from '../../data/staff-auth.ts';
import { staffData, StaffDataError, type StaffData, type StaffMe } from '../../data/staff.ts';
import { IDLE_MINUTES } from '../../domain/staff/workspace.ts';
import { seal, unseal } from '../apply/sealed.ts';
import { staffCookie } from '../private-cookie.ts';

/**
 * A staff member's session: their Supabase tokens, sealed (encrypted and authenticated) in an
 * HttpOnly, SameSite=Strict cookie (Secure over HTTPS); never in localStorage or a URL. It ends after
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

export function readSession(cookies: AstroCookies): StaffSession | null {
  const value = unseal('staff-session', cookies.get(SESSION)?.value ?? '', 3000);
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Partial<StaffSession>;
  if (!s.tokens?.accessToken || !s.tokens.refreshToken || (s.stage !== 'password' && s.stage !== 'aal2') || typeof s.lastActive !== 'number') return null;
  return s as StaffSession;
}

export function writeSession(cookies: AstroCookies, session: StaffSession, url: URL): void {
  cookies.set(SESSION, seal('staff-session', session), staffCookie(url));
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

/**
 * A kept form can be longer than one cookie holds (a 500-character note and a 1000-character
 * internal note are over 4 KB sealed), so it is split across up to PENDING_PARTS cookies.
 */
const PENDING_PARTS = 3;
const PART = 3500;

export function keepPending(cookies: AstroCookies, pending: PendingForm, url: URL): void {
  const fields = Object.fromEntries(Object.entries(pending.fields).slice(0, 20).map(([k, v]) => [k.slice(0, 40), v.slice(0, 1000)]));
  const sealed = seal('staff-pending', { path: pending.path, fields });
  if (sealed.length > PART * PENDING_PARTS) return;
  for (let i = 0; i < PENDING_PARTS; i++) {
    const part = sealed.slice(i * PART, (i + 1) * PART);
    if (part) cookies.set(`${PENDING}-${i}`, part, staffCookie(url));
    else cookies.delete(`${PENDING}-${i}`, { path: '/' });
  }
}

function readPending(cookies: AstroCookies): PendingForm | null {
  let sealed = '';
  for (let i = 0; i < PENDING_PARTS; i++) sealed += cookies.get(`${PENDING}-${i}`)?.value ?? '';
  const value = unseal('staff-pending', sealed, PART * PENDING_PARTS) as PendingForm | null;
  return value && typeof value.path === 'string' && typeof value.fields === 'object' ? value : null;
}

/** The kept form of this page, once (it is removed as it is read). */
export function takePending(cookies: AstroCookies, path: string): Record<string, string> | null {
  const value = readPending(cookies);
  if (!value || value.path !== path) return null;
  for (let i = 0; i < PENDING_PARTS; i++) cookies.delete(`${PENDING}-${i}`, { path: '/' });
  return value.fields;
}

export function pendingPath(cookies: AstroCookies): string | null {
  return readPending(cookies)?.path ?? null;
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
export async function guard(cookies: AstroCookies, url: URL, now = Date.now()): Promise<Guarded> {
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
    // An access token stays valid until it expires, even after signing out or a ban; Auth knows
    // whether its session still lives, so it is asked too (alongside the database, not after it).
    [me] = await Promise.all([data.me(), currentUser(tokens)]);
  } catch (error) {
    if ((error instanceof StaffDataError && error.code === 'unauthorised') || (error instanceof StaffAuthError && error.reason !== 'unavailable')) {
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
  writeSession(cookies, fresh, url);
  return { kind: 'ok', session: fresh, me: me as StaffMe & { role: NonNullable<StaffMe['role']> }, data };
}
