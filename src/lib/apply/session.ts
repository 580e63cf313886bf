import type { AstroCookies } from 'astro';
import type { PageId, ServiceId } from '../../domain/applications/contract.ts';
import { isPageId } from '../../domain/applications/catalogue.ts';
import { seal, unseal } from './sealed.ts';
import { privateCookie as options } from '../private-cookie.ts';

/**
 * Which draft this browser is filling in: the draft's random id in an HttpOnly session cookie,
 * one per service. Never in a URL. A session cookie (no expiry) so a shared computer forgets
 * it when the browser closes; the resume code brings the person back on any device.
 */
const cookieName = (service: ServiceId) => `draft-${service}`;
const savedName = (service: ServiceId) => `saved-${service}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function draftIdFrom(cookies: AstroCookies, service: ServiceId): string | null {
  const value = cookies.get(cookieName(service))?.value ?? '';
  return UUID.test(value) ? value : null;
}

export function rememberDraft(cookies: AstroCookies, service: ServiceId, draftId: string, url: URL): void {
  cookies.set(cookieName(service), draftId, options(url));
}

export function forgetDraft(cookies: AstroCookies, service: ServiceId): void {
  cookies.delete(cookieName(service), { path: '/' });
  cookies.delete(savedName(service), { path: '/' });
}

/**
 * The resume code just issued, for the "saved" page that the save redirects to (POST → 303 →
 * GET): sealed in an HttpOnly session cookie, so refreshing that page shows the same code again
 * instead of posting the form twice and silently replacing the code someone just wrote down.
 */
export interface SavedCode {
  code: string;
  expiresAt: string;
  /** The page to continue from. */
  page: PageId;
  /** The page that was open had problems, so its own answers were not saved. */
  pageNotSaved: boolean;
}

export function rememberSavedCode(cookies: AstroCookies, service: ServiceId, saved: SavedCode, url: URL): void {
  cookies.set(savedName(service), seal('saved-code', saved), options(url));
}

export function savedCodeFrom(cookies: AstroCookies, service: ServiceId): SavedCode | null {
  const value = unseal('saved-code', cookies.get(savedName(service))?.value ?? '');
  if (typeof value !== 'object' || value === null) return null;
  const { code, expiresAt, page, pageNotSaved } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof expiresAt !== 'string' || !isPageId(page)) return null;
  return { code, expiresAt, page, pageNotSaved: pageNotSaved === true };
}
