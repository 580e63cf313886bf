import type { AstroCookies } from 'astro';
import {
  changePassword, currentUser, enrollTotp, signInWithPassword, StaffAuthError, verifyTotp, type StaffTokens,
} from '../../data/staff-auth.ts';
import { signInThrottle } from '../../data/staff.ts';
import type { staffText } from '../../i18n/text/staff.ts';
import { clientKeyOf } from '../client-key.ts';
import { readForm } from '../apply/form-input.ts';
import { seal, unseal } from '../apply/sealed.ts';
import { staffCookie } from '../private-cookie.ts';
import { clearSession, pendingPath, readSession, writeSession } from './session.ts';

/**
 * Signing a staff member in: password (throttled per account and per client), then the TOTP
 * second factor — enrolled on first sign-in — and, on first sign-in, a new password. Each step is
 * a page with a form (POST → 303); nothing needs JavaScript. The error for a wrong password or
 * code never says which part was wrong.
 */
type StaffKey = keyof typeof staffText;
export interface FieldProblem { field: string; key: StaffKey; values?: Record<string, string | number> }

export type StepOutcome =
  | { kind: 'form'; status: number; errors: FieldProblem[]; values: Record<string, string>; banner?: StaffKey; bannerValues?: Record<string, string | number> }
  | { kind: 'redirect'; to: string }
  | { kind: 'refused'; status: 400 | 413 | 415 };

/** Where to go once fully signed in: the page a kept form was for, else the queue. */
const landing = (cookies: AstroCookies) => {
  const path = pendingPath(cookies);
  return path && path.startsWith('/staff/') ? path : '/staff/queue/';
};

const unavailable = (values: Record<string, string>): StepOutcome => ({ kind: 'form', status: 503, errors: [], values, banner: 'staff.signIn.unavailable' });

export async function handleSignIn(request: Request, cookies: AstroCookies, clientIp: string): Promise<StepOutcome> {
  if (request.method !== 'POST') return { kind: 'form', status: 200, errors: [], values: {} };
  const form = await readForm(request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const email = (form.fields['email'] ?? '').trim().slice(0, 254);
  const password = (form.fields['password'] ?? '').slice(0, 200);
  const values = { email };
  const errors: FieldProblem[] = [];
  if (!email) errors.push({ field: 'email', key: 'staff.signIn.emailEmpty' });
  if (!password) errors.push({ field: 'password', key: 'staff.signIn.passwordEmpty' });
  if (errors.length) return { kind: 'form', status: 422, errors, values };
  const client = clientKeyOf(clientIp);
  try {
    const gate = await signInThrottle.allowed(email, client);
    if (!gate.allowed) return { kind: 'form', status: 429, errors: [{ field: 'email', key: 'staff.signIn.throttled', values: { minutes: Math.ceil(gate.retryAfter / 60) } }], values };
    let tokens: StaffTokens;
    try {
      tokens = await signInWithPassword(email, password);
    } catch (error) {
      if (error instanceof StaffAuthError && error.reason === 'unavailable') return unavailable(values);
      await signInThrottle.failed(email, client);
      const key: StaffKey = error instanceof StaffAuthError && error.reason === 'banned' ? 'staff.signIn.banned' : 'staff.signIn.failed';
      return { kind: 'form', status: 422, errors: [{ field: 'email', key }], values };
    }
    await signInThrottle.succeeded(email);
    const user = await currentUser(tokens);
    writeSession(cookies, { tokens, stage: 'password', lastActive: Date.now() }, new URL(request.url));
    return { kind: 'redirect', to: user.totpFactorId ? '/staff/mfa/' : '/staff/mfa/setup/' };
  } catch {
    return unavailable(values);
  }
}

/** The authenticator being set up: kept sealed in a cookie, so a refresh shows the same secret. */
const ENROLMENT = 'staff-enrolment';
interface Enrolment { factorId: string; secret: string; uri: string; userId: string }

export async function enrolment(cookies: AstroCookies, tokens: StaffTokens, issuer: string, url: URL): Promise<Enrolment> {
  const user = await currentUser(tokens);
  const kept = unseal('staff-enrolment', cookies.get(ENROLMENT)?.value ?? '') as Enrolment | null;
  if (kept && kept.userId === user.id) return kept;
  const made = await enrollTotp(tokens, issuer);
  const value = { ...made, userId: user.id };
  cookies.set(ENROLMENT, seal('staff-enrolment', value), staffCookie(url));
  return value;
}

/** The second factor: a 6-digit code, throttled with the password (per account and client). */
export async function handleSecondFactor(request: Request, cookies: AstroCookies, clientIp: string, factorId: () => Promise<string | null>): Promise<StepOutcome> {
  const session = readSession(cookies);
  if (!session) return { kind: 'redirect', to: '/staff/' };
  if (session.stage === 'aal2') return { kind: 'redirect', to: landing(cookies) };
  if (request.method !== 'POST') return { kind: 'form', status: 200, errors: [], values: {} };
  const form = await readForm(request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const code = (form.fields['code'] ?? '').replace(/\s/g, '').normalize('NFKC').slice(0, 12);
  if (!code) return { kind: 'form', status: 422, errors: [{ field: 'code', key: 'staff.mfa.codeEmpty' }], values: { code } };
  if (!/^\d{6}$/.test(code)) return { kind: 'form', status: 422, errors: [{ field: 'code', key: 'staff.mfa.codeFormat' }], values: { code } };
  const client = clientKeyOf(clientIp);
  try {
    const user = await currentUser(session.tokens);
    const account = `mfa:${user.id}`;
    const gate = await signInThrottle.allowed(account, client);
    if (!gate.allowed) return { kind: 'form', status: 429, errors: [{ field: 'code', key: 'staff.signIn.throttled', values: { minutes: Math.ceil(gate.retryAfter / 60) } }], values: {} };
    const factor = await factorId();
    if (!factor) return { kind: 'redirect', to: '/staff/mfa/setup/' };
    let tokens: StaffTokens;
    try {
      tokens = await verifyTotp(session.tokens, factor, code);
    } catch (error) {
      if (error instanceof StaffAuthError && error.reason === 'expired') {
        clearSession(cookies);
        return { kind: 'redirect', to: '/staff/?expired=1' };
      }
      if (error instanceof StaffAuthError && error.reason === 'unavailable') return unavailable({});
      await signInThrottle.failed(account, client);
      return { kind: 'form', status: 422, errors: [{ field: 'code', key: 'staff.mfa.failed' }], values: {} };
    }
    await signInThrottle.succeeded(account);
    cookies.delete(ENROLMENT, { path: '/' });
    writeSession(cookies, { tokens, stage: 'aal2', lastActive: Date.now() }, new URL(request.url));
    return { kind: 'redirect', to: user.mustChangePassword ? '/staff/password/' : landing(cookies) };
  } catch {
    return unavailable({});
  }
}

export const MIN_PASSWORD = 12;

export async function handleNewPassword(request: Request, cookies: AstroCookies, tokens: StaffTokens): Promise<StepOutcome> {
  if (request.method !== 'POST') return { kind: 'form', status: 200, errors: [], values: {} };
  const form = await readForm(request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const password = (form.fields['password'] ?? '').slice(0, 200);
  const confirm = (form.fields['confirm'] ?? '').slice(0, 200);
  const errors: FieldProblem[] = [];
  if (!password) errors.push({ field: 'password', key: 'staff.password.empty' });
  else if ([...password].length < MIN_PASSWORD) errors.push({ field: 'password', key: 'staff.password.short' });
  else if (password !== confirm) errors.push({ field: 'confirm', key: 'staff.password.mismatch' });
  if (errors.length) return { kind: 'form', status: 422, errors, values: {} };
  try {
    await changePassword(tokens, password);
  } catch (error) {
    if (error instanceof StaffAuthError && error.reason === 'same_password') return { kind: 'form', status: 422, errors: [{ field: 'password', key: 'staff.password.same' }], values: {} };
    if (error instanceof StaffAuthError && error.reason === 'weak_password') return { kind: 'form', status: 422, errors: [{ field: 'password', key: 'staff.password.short' }], values: {} };
    return unavailable({});
  }
  return { kind: 'redirect', to: landing(cookies) };
}
