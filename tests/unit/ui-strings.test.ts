import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { zhHans, type UiKey } from '../../src/i18n/zh-hans.ts';
import { zhHant } from '../../src/i18n/zh-hant.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { toTraditional } from '../../src/i18n/traditional.ts';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The two language-switch labels are written in the script of the page they lead to. */
const SWITCH_TO_HANS: UiKey = 'langSwitch.toHans';
const SWITCH_TO_HANT: UiKey = 'langSwitch.toHant';

const placeholders = (value: string) => [...value.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();

describe('UI strings', () => {
  it('zh-hans and zh-hant have exactly the same keys', () => {
    expect(Object.keys(zhHant).sort()).toEqual(Object.keys(zhHans).sort());
  });

  it('no value is empty', () => {
    for (const [key, value] of [...Object.entries(zhHans), ...Object.entries(zhHant)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('every zh-hant value is already Traditional, except the switch back to Simplified', () => {
    const notTraditional = Object.entries(zhHant)
      .filter(([key, value]) => key !== SWITCH_TO_HANS && toTraditional(value) !== value)
      .map(([key, value]) => `${key}: ${value} → ${toTraditional(value)}`);
    expect(notTraditional).toEqual([]);
  });

  it('the switch back to Simplified stays Simplified on Traditional pages', () => {
    expect(zhHant[SWITCH_TO_HANS]).toBe('简体中文');
    expect(zhHans[SWITCH_TO_HANS]).toBe('简体中文');
  });

  it('the switch to Traditional is in Traditional on both', () => {
    expect(zhHans[SWITCH_TO_HANT]).toBe('繁體中文');
    expect(zhHant[SWITCH_TO_HANT]).toBe('繁體中文');
  });

  it('every zh-hans value is Simplified, except the switch to Traditional', () => {
    const notSimplified = Object.entries(zhHans)
      .filter(([key, value]) => key !== SWITCH_TO_HANT && toSimplified(value) !== value)
      .map(([key, value]) => `${key}: ${value} → ${toSimplified(value)}`);
    expect(notSimplified).toEqual([]);
  });

  it('zh-hant says the same as zh-hans, in Traditional characters', () => {
    const differ = (Object.keys(zhHans) as UiKey[])
      .filter((key) => key !== SWITCH_TO_HANS && toTraditional(zhHans[key]) !== zhHant[key])
      .map((key) => `${key}: ${toTraditional(zhHans[key])} ≠ ${zhHant[key]}`);
    expect(differ).toEqual([]);
  });

  it('placeholders such as {count} appear identically in both', () => {
    for (const key of Object.keys(zhHans) as UiKey[]) {
      expect(placeholders(zhHant[key]), key).toEqual(placeholders(zhHans[key]));
    }
    expect(placeholders(zhHans['search.resultsCount'])).toEqual(['{count}']);
  });
});

describe('useTranslations', () => {
  const hans = useTranslations('zh-Hans');
  const hant = useTranslations('zh-Hant');

  it('returns the string of its locale', () => {
    expect(hans('nav.home')).toBe('首页');
    expect(hant('nav.home')).toBe('首頁');
    expect(hant('news.title')).toBe('新聞動態');
  });

  it('fills {count}', () => {
    expect(hans('search.resultsCount', { count: 3 })).toBe('找到 3 条结果');
    expect(hant('search.resultsCount', { count: 0 })).toBe('找到 0 條結果');
    expect(hans('search.resultsCount', { count: '12' })).toBe('找到 12 条结果');
  });

  it('leaves a placeholder it has no value for visible instead of writing "undefined"', () => {
    expect(hans('search.resultsCount', { total: 3 })).toBe('找到 {count} 条结果');
    expect(hans('search.resultsCount')).toBe('找到 {count} 条结果');
  });
});
