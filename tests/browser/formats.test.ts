import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { axeContext, axeViolations } from './axe.ts';

/** Pinyin on easy-read pages (显示拼音) and the large-print layout (大字版), as a reader meets them. */
const baseUrl = inject('baseUrl');
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const EASY = '/policies/living-subsidy/easy-read/';
const GUIDE = '/policies/living-subsidy/';
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** "钱直接打到您的银行卡里。": the third point of the first section (its text includes the pinyin, so it is found by place). */
const firstPoint = (page: Page) => page.locator('.easy-read > section:not(.words):not(.formats) li').nth(2);
/** Whether the pinyin of a character is painted above it. */
const pinyinShown = (page: Page) =>
  firstPoint(page).evaluate((li) => {
    const ruby = li.querySelector('ruby')!;
    const rt = ruby.querySelector('rt')!;
    const r = rt.getBoundingClientRect();
    return getComputedStyle(rt).display !== 'none' && r.height > 0 && r.bottom <= ruby.getBoundingClientRect().bottom;
  });

interface AXNode { nodeId: string; role?: { value: string }; name?: { value: string }; childIds?: string[]; ignored?: boolean }

/**
 * What Chromium's accessibility tree (the one NVDA, JAWS and Narrator read through) holds for
 * each element of a role: its text nodes joined, as a screen reader reads them along the line.
 */
async function textsAsRead(page: Page, role: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const text = (n: AXNode): string =>
    n.role?.value === 'StaticText' ? (n.name?.value ?? '') : (n.childIds ?? []).map((id) => byId.get(id)).filter((c): c is AXNode => !!c).map(text).join('');
  return nodes.filter((n) => n.role?.value === role).map(text);
}

describe('显示拼音 on easy-read pages', () => {
  it('is off by default, with a pointer to the setting', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}${EASY}`);
    expect(await pinyinShown(page)).toBe(false);
    expect(await page.getByText('需要在汉字上方显示拼音？').isVisible()).toBe(true);
    await page.close();
  });

  it('is chosen in the display settings, kept on other pages, shown on screen and in print, and reset', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/settings/`);
    await page.getByLabel('显示（易读版页面的汉字上方标出拼音）').check();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已保存');
    await page.goto(`${baseUrl}${EASY}`);
    expect(await pinyinShown(page)).toBe(true);
    expect(await firstPoint(page).locator('rt').allTextContents()).toEqual(['qián', 'zhí', 'jiē', 'dǎ', 'dào', 'nín', 'de', 'yín', 'háng', 'kǎ', 'lǐ']);
    await page.screenshot({ path: `${SHOTS}easy-read-pinyin.png` });
    await page.emulateMedia({ media: 'print' });
    expect(await pinyinShown(page), 'print follows the setting').toBe(true);
    await page.emulateMedia({ media: 'screen' });
    // The Traditional page: converted characters, the same pinyin.
    await page.goto(`${baseUrl}/zh-hant${EASY}`);
    expect(await textsAsRead(page, 'listitem')).toContain('錢直接打到您的銀行卡里。');
    expect(await firstPoint(page).locator('rt').allTextContents()).toEqual(['qián', 'zhí', 'jiē', 'dǎ', 'dào', 'nín', 'de', 'yín', 'háng', 'kǎ', 'lǐ']);
    await page.goto(`${baseUrl}/settings/`);
    await page.getByRole('button', { name: '恢复默认设置' }).click();
    await page.goto(`${baseUrl}${EASY}`);
    expect(await pinyinShown(page)).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await pinyinShown(page), 'print follows the setting when off too').toBe(false);
    await context.close();
  });

  it('a screen reader gets each character once, never the pinyin', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => localStorage.setItem('cl-display', JSON.stringify({ pinyin: 'on' })));
    const page = await context.newPage();
    await page.goto(`${baseUrl}${EASY}`);
    expect(await pinyinShown(page)).toBe(true);
    const items = await textsAsRead(page, 'listitem');
    expect(items).toContain('钱直接打到您的银行卡里。');
    for (const item of items) expect(item, 'no pinyin in the accessibility tree').not.toMatch(TONED);
    expect(await textsAsRead(page, 'heading')).toContain('困难残疾人生活补贴（易读版）');
    await context.close();
  });

  it('has no axe violations with pinyin shown, in high contrast too', async () => {
    for (const prefs of [{ pinyin: 'on' }, { pinyin: 'on', contrast: 'high', textSize: '3' }]) {
      const context = await axeContext(browser);
      await context.addInitScript((p) => localStorage.setItem('cl-display', JSON.stringify(p)), prefs);
      const page = await context.newPage();
      await page.goto(`${baseUrl}${EASY}`);
      expect(await axeViolations(page), JSON.stringify(prefs)).toEqual([]);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
      expect(sideways).toBe(false);
      await context.close();
    }
  });

  it('the pinyin stays out of search results', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/search/`);
    await page.getByLabel('输入要找的内容').fill('生活钱');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/找到 \d+ 条结果/);
    const results = await page.locator('.search-results').innerText();
    expect(results).toContain('生活钱');
    expect(results).not.toMatch(TONED);
    await page.close();
  });
});

describe('大字版 (large print)', () => {
  /** Body text size and line spacing in CSS px, and whether any list or paragraph is in columns. */
  const measure = (page: Page) =>
    page.locator('main p').filter({ hasText: '困难残疾人生活补贴，是国家' }).evaluate((p) => {
      const style = getComputedStyle(p);
      const columns = [...document.querySelectorAll('main p, main ul, main ol')].some((el) => getComputedStyle(el).columnCount !== 'auto');
      return { size: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight), columns };
    });

  for (const js of [true, false]) {
    it(`opens from the guide's link in the large-print layout and prints at 18 pt or more, 1.5 line spacing, one column (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      await page.goto(`${baseUrl}${GUIDE}`);
      const normal = await measure(page);
      await page.getByRole('link', { name: '大字版（可直接打印）' }).click();
      expect(new URL(page.url()).hash).toBe('#large-print');
      expect(await page.getByText('这是大字版').isVisible()).toBe(true);
      const large = await measure(page);
      expect(large.size).toBeGreaterThanOrEqual(24);
      expect(large.size).toBeGreaterThan(normal.size);
      expect(await page.locator('.toc').isVisible(), 'no contents list in large print').toBe(false);
      if (js) await page.screenshot({ path: `${SHOTS}large-print.png` });

      await page.emulateMedia({ media: 'print' });
      const printed = await measure(page);
      expect(printed.size, '18 pt = 24 CSS px').toBeGreaterThanOrEqual(24);
      expect(printed.lineHeight / printed.size).toBeGreaterThanOrEqual(1.5);
      expect(printed.columns).toBe(false);
      await page.goto(`${baseUrl}${GUIDE}`);
      expect((await measure(page)).size, 'the ordinary print is smaller').toBeLessThan(24);

      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${baseUrl}${GUIDE}#large-print`);
      await page.getByRole('link', { name: '回到普通版' }).click();
      expect((await measure(page)).size).toBe(normal.size);
      await context.close();
    });
  }

  it('has no axe violations and no sideways scrolling at 320 px in large print', async () => {
    const context = await axeContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    for (const path of [GUIDE, EASY, '/news/2020-zhucanri-sign-language/', `/zh-hant${GUIDE}`]) {
      await page.goto(`${baseUrl}${path}#large-print`);
      expect(await axeViolations(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), path).toBe(true);
    }
    await context.close();
  });
});
