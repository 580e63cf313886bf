import type { AstroGlobal } from 'astro';
import { LOCALE_PARAMS, useTranslations, type Locale, type Translate } from '../i18n/index.ts';

/**
 * The prologue of every on-demand page under src/pages/[...locale]/ (the applications, status,
 * the staff workspace). A prerendered page exists only for the locale segments its
 * getStaticPaths lists; an on-demand one answers any segment, so it must refuse all but the two
 * scripts itself (none, or "zh-hant": 404 otherwise). What it shows is someone's own answers or
 * work, so it is never cached. `export const prerender = false` stays a literal in each page:
 * Astro reads it from the file, before any code runs.
 *
 *   const page = onDemandPage(Astro);
 *   if (page instanceof Response) return page;
 *   const { locale, t } = page;
 */
export interface OnDemandPage {
  locale: Locale;
  t: Translate;
}

type PageGlobals = Pick<AstroGlobal, 'params' | 'locals' | 'response'>;

export function onDemandPage(astro: PageGlobals, cacheControl = 'no-store'): OnDemandPage | Response {
  if (!(LOCALE_PARAMS as readonly (string | undefined)[]).includes(astro.params['locale'])) return notFound();
  astro.response.headers.set('Cache-Control', cacheControl);
  const { locale } = astro.locals;
  return { locale, t: useTranslations(locale) };
}

/** An address that is not a page: 404 with no body (the same for an unknown segment, service or page). */
export function notFound(): Response {
  return new Response(null, { status: 404 });
}
