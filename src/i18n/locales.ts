/**
 * The two scripts the portal is published in. Simplified is the default and lives at
 * the root; Traditional is the same page under /zh-hant/, converted at build time.
 */
export const LOCALES = ['zh-Hans', 'zh-Hant'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'zh-Hans';
export const HANT_PREFIX = '/zh-hant';

/** Values of the optional `[...locale]` route segment, in LOCALES order. */
export const LOCALE_PARAMS = [undefined, 'zh-hant'] as const;
export type LocaleParam = (typeof LOCALE_PARAMS)[number];

export function localeFromParam(param: string | undefined): Locale {
  if (param === undefined || param === '') return 'zh-Hans';
  if (param === 'zh-hant') return 'zh-Hant';
  throw new Error(`Unknown locale segment: ${param}`);
}

export function localeFromPath(pathname: string): Locale {
  return pathname === HANT_PREFIX || pathname.startsWith(`${HANT_PREFIX}/`) ? 'zh-Hant' : 'zh-Hans';
}

/** The path without any locale prefix: "/zh-hant/news/" → "/news/". */
export function unlocalizedPath(pathname: string): string {
  if (localeFromPath(pathname) === 'zh-Hans') return pathname;
  const rest = pathname.slice(HANT_PREFIX.length);
  return rest === '' ? '/' : rest;
}

/** The same page in another script. */
export function localizedPath(pathname: string, locale: Locale): string {
  const base = unlocalizedPath(pathname);
  return locale === 'zh-Hans' ? base : `${HANT_PREFIX}${base}`;
}

/** getStaticPaths helper: every param set once per locale. */
export function withLocales<P extends Record<string, string | undefined>, Props>(
  paths: readonly { params: P; props?: Props }[],
): { params: P & { locale: LocaleParam }; props?: Props }[] {
  return LOCALE_PARAMS.flatMap((locale) => paths.map((p) => ({ ...p, params: { ...p.params, locale } })));
}

/** getStaticPaths for a page with no other params. */
export function localeStaticPaths() {
  return LOCALE_PARAMS.map((locale) => ({ params: { locale } }));
}
