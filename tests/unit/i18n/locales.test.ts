import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  LOCALES,
  localeFromParam,
  localeFromPath,
  localeStaticPaths,
  localizedPath,
  unlocalizedPath,
  withLocales,
} from '../../../src/i18n/locales.ts';

describe('localeFromPath', () => {
  it.each([
    ['/', 'zh-Hans'],
    ['/news/', 'zh-Hans'],
    ['/news/2025-work-plan/', 'zh-Hans'],
    ['/zh-hant', 'zh-Hant'],
    ['/zh-hant/', 'zh-Hant'],
    ['/zh-hant/news/x/', 'zh-Hant'],
    // Only a whole first segment counts.
    ['/zh-hantx/', 'zh-Hans'],
    ['/news/zh-hant/', 'zh-Hans'],
  ])('%s → %s', (path, locale) => {
    expect(localeFromPath(path)).toBe(locale);
  });
});

describe('unlocalizedPath', () => {
  it.each([
    ['/', '/'],
    ['/news/x/', '/news/x/'],
    ['/zh-hant', '/'],
    ['/zh-hant/', '/'],
    ['/zh-hant/news/x/', '/news/x/'],
    ['/zh-hantx/', '/zh-hantx/'],
  ])('%s → %s', (path, expected) => {
    expect(unlocalizedPath(path)).toBe(expected);
  });
});

describe('localizedPath', () => {
  it.each([
    ['/', 'zh-Hant', '/zh-hant/'],
    ['/', 'zh-Hans', '/'],
    ['/zh-hant', 'zh-Hans', '/'],
    ['/zh-hant', 'zh-Hant', '/zh-hant/'],
    ['/zh-hant/', 'zh-Hans', '/'],
    ['/zh-hant/', 'zh-Hant', '/zh-hant/'],
    ['/news/x/', 'zh-Hant', '/zh-hant/news/x/'],
    ['/news/x/', 'zh-Hans', '/news/x/'],
    ['/zh-hant/news/x/', 'zh-Hans', '/news/x/'],
    ['/zh-hant/news/x/', 'zh-Hant', '/zh-hant/news/x/'],
  ] as const)('%s in %s → %s', (path, locale, expected) => {
    expect(localizedPath(path, locale)).toBe(expected);
  });

  it.each(['/', '/zh-hant', '/zh-hant/', '/news/x/', '/zh-hant/news/x/'])(
    'round trip from %s: Simplified ↔ Traditional lands on the same page',
    (path) => {
      const hans = localizedPath(path, 'zh-Hans');
      const hant = localizedPath(path, 'zh-Hant');
      expect(localeFromPath(hans)).toBe('zh-Hans');
      expect(localeFromPath(hant)).toBe('zh-Hant');
      expect(localizedPath(hant, 'zh-Hans')).toBe(hans);
      expect(localizedPath(hans, 'zh-Hant')).toBe(hant);
      expect(unlocalizedPath(hant)).toBe(hans);
    },
  );
});

describe('localeFromParam', () => {
  it('maps the route segment to a locale', () => {
    expect(localeFromParam(undefined)).toBe('zh-Hans');
    expect(localeFromParam('')).toBe('zh-Hans');
    expect(localeFromParam('zh-hant')).toBe('zh-Hant');
  });

  it.each(['zh-Hant', 'zh-hans', 'zh-tw', 'en', 'zh-hant/'])('rejects %j', (param) => {
    expect(() => localeFromParam(param)).toThrow(`Unknown locale segment: ${param}`);
  });
});

describe('withLocales', () => {
  it('gives every path once per locale, Simplified first, keeping params and props', () => {
    const paths = [
      { params: { slug: 'living-subsidy' }, props: { title: '困难残疾人生活补贴' } },
      { params: { slug: 'transit-card' }, props: { title: '免费乘车' } },
    ];
    expect(withLocales(paths)).toEqual([
      { params: { slug: 'living-subsidy', locale: undefined }, props: { title: '困难残疾人生活补贴' } },
      { params: { slug: 'transit-card', locale: undefined }, props: { title: '免费乘车' } },
      { params: { slug: 'living-subsidy', locale: 'zh-hant' }, props: { title: '困难残疾人生活补贴' } },
      { params: { slug: 'transit-card', locale: 'zh-hant' }, props: { title: '免费乘车' } },
    ]);
  });

  it('does not change the paths it is given', () => {
    const paths = [{ params: { slug: 'a' } }];
    withLocales(paths);
    expect(paths).toEqual([{ params: { slug: 'a' } }]);
  });

  it('every locale param it produces is one localeFromParam accepts', () => {
    const locales = withLocales([{ params: {} }]).map((p) => localeFromParam(p.params.locale));
    expect(locales).toEqual([...LOCALES]);
  });
});

describe('localeStaticPaths', () => {
  it('one page per locale', () => {
    expect(localeStaticPaths()).toEqual([{ params: { locale: undefined } }, { params: { locale: 'zh-hant' } }]);
  });

  it('Simplified is the default, at the root', () => {
    expect(DEFAULT_LOCALE).toBe('zh-Hans');
    expect(localizedPath('/', DEFAULT_LOCALE)).toBe('/');
  });
});
