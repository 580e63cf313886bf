import type { AstroCookies } from 'astro';
import type { ServiceId } from '../../domain/applications/services.ts';

/**
 * Which draft this browser is filling in: the draft's random id in an HttpOnly session cookie,
 * one per service. Never in a URL. A session cookie (no expiry) so a shared computer forgets
 * it when the browser closes; the resume code brings the person back on any device.
 */
const cookieName = (service: ServiceId) => `draft-${service}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function draftIdFrom(cookies: AstroCookies, service: ServiceId): string | null {
  const value = cookies.get(cookieName(service))?.value ?? '';
  return UUID.test(value) ? value : null;
}

export function rememberDraft(cookies: AstroCookies, service: ServiceId, draftId: string, url: URL): void {
  cookies.set(cookieName(service), draftId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

export function forgetDraft(cookies: AstroCookies, service: ServiceId): void {
  cookies.delete(cookieName(service), { path: '/' });
}
