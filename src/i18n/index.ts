import type { Locale } from './locales.ts';
import { toTraditional } from './traditional.ts';
import { uiText, type UiKey, type UiStrings } from './text/index.ts';

/**
 * Strings written in the script of the page they lead to, whatever the page's own script: the
 * link back to Simplified says 简体中文 on Traditional pages too (its element is marked
 * lang="zh-Hans", so the page conversion leaves it alone as well).
 */
const WRITTEN_IN_OWN_SCRIPT: ReadonlySet<UiKey> = new Set(['langSwitch.toHans']);

let traditional: UiStrings | undefined;

/** Every UI string in Traditional, made once from the Simplified text. */
export function traditionalText(): UiStrings {
  traditional ??= Object.fromEntries(
    (Object.entries(uiText) as [UiKey, string][]).map(([key, value]) => [key, WRITTEN_IN_OWN_SCRIPT.has(key) ? value : toTraditional(value)]),
  ) as UiStrings;
  return traditional;
}

export function uiStrings(locale: Locale): UiStrings {
  return locale === 'zh-Hant' ? traditionalText() : uiText;
}

/** A translator for one locale: t('nav.home'), t('search.resultsCount', { count: 3 }). */
export function useTranslations(locale: Locale) {
  const strings = uiStrings(locale);
  return (key: UiKey, values?: Record<string, string | number>): string => {
    const template = strings[key];
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`));
  };
}

export type Translate = ReturnType<typeof useTranslations>;
export type { UiKey, UiStrings } from './text/index.ts';
export * from './locales.ts';
