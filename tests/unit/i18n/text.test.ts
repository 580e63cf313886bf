import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { uiText, type UiKey } from '../../../src/i18n/text/index.ts';
import { traditionalText, useTranslations } from '../../../src/i18n/index.ts';
import { toTraditional } from '../../../src/i18n/traditional.ts';
import { TRADITIONAL_TERMS } from '../../../src/i18n/traditional-terms.ts';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The two language-switch labels are written in the script of the page they lead to. */
const SWITCH_TO_HANS: UiKey = 'langSwitch.toHans';
const SWITCH_TO_HANT: UiKey = 'langSwitch.toHant';

const placeholders = (value: string) => [...value.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
const TEXT_DIR = new URL('../../../src/i18n/text/', import.meta.url);

describe('UI text: one Simplified home, Traditional made from it', () => {
  it('is one file per area, each key named after its area', () => {
    const files = readdirSync(TEXT_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const keys = [...readFileSync(new URL(file, TEXT_DIR), 'utf8').matchAll(/^\s+'([a-zA-Z0-9]+)\./gm)].map((m) => m[1]);
      expect(keys.length, file).toBeGreaterThan(0);
    }
  });

  it('no key is defined twice across the area files', () => {
    const seen = new Map<string, string>();
    for (const file of readdirSync(TEXT_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      for (const m of readFileSync(new URL(file, TEXT_DIR), 'utf8').matchAll(/^\s+'([^']+)':/gm)) {
        expect(seen.get(m[1]!), `${m[1]} in ${file}`).toBeUndefined();
        seen.set(m[1]!, file);
      }
    }
    expect(seen.size).toBe(Object.keys(uiText).length);
  });

  it('there is no hand-kept Traditional copy', () => {
    expect(readdirSync(new URL('../../../src/i18n/', import.meta.url))).not.toContain('zh-hant.ts');
  });

  it('no value is empty', () => {
    for (const [key, value] of Object.entries(uiText)) expect(value.trim(), key).not.toBe('');
  });

  it('every value is Simplified, except the switch to Traditional', () => {
    const notSimplified = Object.entries(uiText)
      .filter(([key, value]) => key !== SWITCH_TO_HANT && toSimplified(value) !== value)
      .map(([key, value]) => `${key}: ${value} → ${toSimplified(value)}`);
    expect(notSimplified).toEqual([]);
  });

  it('the Traditional text is the conversion of the Simplified, except the switch back', () => {
    const hant = traditionalText();
    for (const key of Object.keys(uiText) as UiKey[]) {
      if (key === SWITCH_TO_HANS) continue;
      expect(hant[key], key).toBe(toTraditional(uiText[key]));
      expect(placeholders(hant[key]), key).toEqual(placeholders(uiText[key]));
    }
    expect(hant[SWITCH_TO_HANS]).toBe('简体中文');
    expect(hant[SWITCH_TO_HANT]).toBe('繁體中文');
  });

  it('Traditional interface text uses Traditional usage, not mainland terms', () => {
    const hant = traditionalText();
    expect(hant['nav.settings']).toBe('顯示設定');
    expect(hant['settings.screenReader']).toContain('螢幕閱讀器');
    expect(hant['settings.reset']).toBe('恢復預設設定');
    const mainland = /設置|默認|軟件|讀屏|屏幕閱讀|視頻|網絡|打印|搜索|鼠標|鏈接|菜單|登錄|服務器/;
    const found = Object.entries(hant).filter(([, value]) => mainland.test(value)).map(([key, value]) => `${key}: ${value}`);
    expect(found).toEqual([]);
  });

  it('the terms table is Simplified on the left, Traditional on the right, and converting twice changes nothing', () => {
    for (const [simplified, traditional] of Object.entries(TRADITIONAL_TERMS)) {
      expect(toSimplified(simplified), simplified).toBe(simplified);
      expect(toTraditional(traditional), traditional).toBe(traditional);
      expect(toTraditional(simplified)).toBe(traditional);
    }
    const text = '请打开显示设置，用读屏软件搜索设置无障碍设施的信息';
    expect(toTraditional(text)).toBe('請打開顯示設定，用螢幕閱讀器搜尋設置無障礙設施的信息');
    expect(toTraditional(toTraditional(text))).toBe(toTraditional(text));
  });

  it('calls the answers someone gave 資料, and keeps the legal term 個人信息', () => {
    expect(toTraditional('您的信息（代办人）')).toBe('您的資料（代辦人）');
    expect(toTraditional('为了保护申请人的信息，我们不能说是哪一项不对')).toBe('為了保護申請人的資料，我們不能說是哪一項不對');
    expect(toTraditional('收集您的个人信息')).toBe('收集您的個人信息');
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
