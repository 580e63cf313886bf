import type { AstroGlobal } from 'astro';
import { localizedPath } from '../../i18n/index.ts';
import type { StaffRole } from '../../domain/staff/workspace.ts';
import { readForm } from '../apply/form-input.ts';
import { unlocalizedPath } from '../../i18n/locales.ts';
import { guard, keepPending, type Guarded } from './session.ts';

/**
 * The front door of every workspace page: a fully signed-in staff member of one of `roles`, or a
 * response sending them where they must go. A form posted after the session ended is kept, so it
 * comes back once they have signed in again (nothing typed is lost).
 */
export type StaffContext = Extract<Guarded, { kind: 'ok' }>;

export async function requireStaff(astro: AstroGlobal, roles: readonly StaffRole[]): Promise<StaffContext | Response> {
  const locale = astro.locals.locale;
  const go = (path: string) => astro.redirect(localizedPath(path, locale), 303);
  const g = await guard(astro.cookies, astro.url);
  if (g.kind === 'ok') {
    if (!roles.includes(g.me.role)) return go(g.me.role === 'admin' ? '/staff/users/' : '/staff/queue/');
    return g;
  }
  if (g.kind === 'unavailable') return new Response('系统暂时出了问题，请过几分钟再试。', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' } });
  if (g.kind === 'second-factor') return go('/staff/mfa/');
  if (astro.request.method === 'POST') {
    const form = await readForm(astro.request.clone());
    if (form.ok) keepPending(astro.cookies, { path: unlocalizedPath(astro.url.pathname), fields: form.fields }, astro.url);
  }
  return go(g.reason === 'none' ? '/staff/' : `/staff/?${g.reason}=1`);
}
