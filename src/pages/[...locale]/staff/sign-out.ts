import type { APIRoute } from 'astro';
import { signOut } from '../../../data/staff-auth.ts';
import { clearSession, readSession } from '../../../lib/staff/session.ts';
import { localizedPath, localeFromPath } from '../../../i18n/index.ts';

/** Signing out is a POST (a link must not change state): the session ends at Auth, the cookie goes. */
export const prerender = false;
export const POST: APIRoute = async ({ cookies, url, redirect }) => {
  const session = readSession(cookies);
  if (session) await signOut(session.tokens);
  clearSession(cookies);
  return redirect(localizedPath('/staff/?out=1', localeFromPath(url.pathname)), 303);
};
