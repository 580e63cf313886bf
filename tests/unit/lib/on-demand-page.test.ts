import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/i18n/locales.ts';
import { notFound, onDemandPage } from '../../../src/lib/on-demand-page.ts';

/** What an on-demand page sees of Astro: its params, its locals (set by the middleware), its response. */
function astro(localeParam: string | undefined, locale: Locale = localeParam === 'zh-hant' ? 'zh-Hant' : 'zh-Hans') {
  return { params: { locale: localeParam }, locals: { locale }, response: { headers: new Headers() } } as unknown as Parameters<typeof onDemandPage>[0];
}

describe('the prologue of every on-demand page', () => {
  it('answers 404 with no body for any locale segment but none and "zh-hant", and sets nothing', () => {
    for (const segment of ['zh-hans', 'zh-Hant', 'en', 'zh-hant/x', '']) {
      const page = astro(segment);
      const result = onDemandPage(page);
      expect(result, segment).toBeInstanceOf(Response);
      expect((result as Response).status).toBe(404);
      expect((result as Response).body).toBeNull();
      expect(page.response.headers.get('Cache-Control'), segment).toBeNull();
    }
  });

  it('serves both scripts, never cached, with the translator of the page\'s script', () => {
    const simplified = astro(undefined);
    const hans = onDemandPage(simplified);
    expect(hans).not.toBeInstanceOf(Response);
    expect(simplified.response.headers.get('Cache-Control')).toBe('no-store');
    const traditional = astro('zh-hant');
    const hant = onDemandPage(traditional);
    expect(traditional.response.headers.get('Cache-Control')).toBe('no-store');
    if (hans instanceof Response || hant instanceof Response) throw new Error('refused');
    expect(hans.locale).toBe('zh-Hans');
    expect(hant.locale).toBe('zh-Hant');
    expect(hans.t('settings.title')).not.toBe(hant.t('settings.title'));
  });

  it('takes another cache rule where a page needs one (the receipt: private, no-store)', () => {
    const page = astro(undefined);
    onDemandPage(page, 'private, no-store');
    expect(page.response.headers.get('Cache-Control')).toBe('private, no-store');
  });

  it('not found is a fresh 404 each time', () => {
    expect(notFound().status).toBe(404);
    expect(notFound()).not.toBe(notFound());
  });
});
