import type { Locale } from './locales.ts';
import { zhHans, type UiKey, type UiStrings } from './zh-hans.ts';
import { zhHant } from './zh-hant.ts';

const STRINGS: Record<Locale, UiStrings> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/** A translator for one locale: t('nav.home'), t('search.resultsCount', { count: 3 }). */
export function useTranslations(locale: Locale) {
  const strings = STRINGS[locale];
  return (key: UiKey, values?: Record<string, string | number>): string => {
    const template = strings[key];
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`));
  };
}

export type Translate = ReturnType<typeof useTranslations>;
export type { UiKey } from './zh-hans.ts';
export * from './locales.ts';
