import type { AstroCookies } from 'astro';
import { describe, expect, it } from 'vitest';
import { idleExpired, keepPending, pendingPath, readSession, takePending, writeSession } from '../../../../src/lib/staff/session.ts';

function jar(): AstroCookies & { raw: Map<string, { value: string; options: unknown }> } {
  const raw = new Map<string, { value: string; options: unknown }>();
  return {
    raw,
    get: (name: string) => (raw.has(name) ? { value: raw.get(name)!.value } : undefined),
    set: (name: string, value: string, options: unknown) => void raw.set(name, { value, options }),
    delete: (name: string) => void raw.delete(name),
    has: (name: string) => raw.has(name),
  } as unknown as AstroCookies & { raw: Map<string, { value: string; options: unknown }> };
}
const HTTPS = new URL('https://canlian.example.org/staff/queue/');
const tokens = { accessToken: `eyJ${'a'.repeat(900)}`, refreshToken: 'r'.repeat(40), expiresAt: 2_000_000_000 };

describe('the staff session cookie', () => {
  it('is sealed, HttpOnly, SameSite=Strict and Secure over HTTPS; a changed cookie is no session', () => {
    const cookies = jar();
    writeSession(cookies, { tokens, stage: 'aal2', lastActive: 1000 }, HTTPS);
    const set = cookies.raw.get('staff-session')!;
    expect(set.options).toEqual({ path: '/', httpOnly: true, sameSite: 'strict', secure: true });
    expect(set.value).not.toContain('eyJ');
    expect(readSession(cookies)).toEqual({ tokens, stage: 'aal2', lastActive: 1000 });
    cookies.raw.set('staff-session', { value: set.value.slice(0, -2) + 'AA', options: {} });
    expect(readSession(cookies)).toBeNull();
  });

  it('ends after 30 idle minutes, not before', () => {
    const s = { tokens, stage: 'aal2' as const, lastActive: 0 };
    expect(idleExpired(s, 30 * 60_000)).toBe(false);
    expect(idleExpired(s, 30 * 60_000 + 1)).toBe(true);
  });
});

describe('a form kept across an idle sign-out', () => {
  it('holds the longest decision (a 500-character note and a 1000-character internal note) across cookies, and is given back once', () => {
    const cookies = jar();
    const fields = { to: 'needs_info', note: '请'.repeat(500), internal: '内'.repeat(1000), version: '3', do: 'decide' };
    keepPending(cookies, { path: '/staff/applications/x/', fields }, HTTPS);
    for (const [, c] of cookies.raw) expect(c.value.length).toBeLessThanOrEqual(3500);
    expect(cookies.raw.size).toBeGreaterThan(1);
    expect(pendingPath(cookies)).toBe('/staff/applications/x/');
    expect(takePending(cookies, '/staff/other/')).toBeNull();
    expect(takePending(cookies, '/staff/applications/x/')).toEqual(fields);
    expect(takePending(cookies, '/staff/applications/x/')).toBeNull();
  });

  it('keeps nothing (and fails nothing) for a body no workspace form sends; each value is cut to 1000 characters', () => {
    const cookies = jar();
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, 'x'.repeat(5000)]));
    keepPending(cookies, { path: '/staff/queue/', fields: many }, HTTPS);
    expect(takePending(cookies, '/staff/queue/')).toBeNull();
    keepPending(cookies, { path: '/staff/queue/', fields: { q: 'y'.repeat(5000) } }, HTTPS);
    expect(takePending(cookies, '/staff/queue/')).toEqual({ q: 'y'.repeat(1000) });
  });
});
