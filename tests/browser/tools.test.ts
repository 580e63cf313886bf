import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { readCollection } from '../content-files.ts';
import type { Policy } from '../../src/domain/content/policy-schema.ts';

/** The two tools on content pages' side: site search and display settings, JS on and off. */
const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe('site search', () => {
  it('finds guides by a Chinese word, with the result count announced', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/search/`);
    await page.getByLabel('输入要找的内容').fill('护理补贴');
    await page.getByRole('button', { name: '搜索' }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/找到 \d+ 条结果/);
    const links = await page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/policies/nursing-subsidy/');
    await page.close();
  });

  it('searches the Traditional pages from the Traditional site', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/zh-hant/search/`);
    await page.getByLabel('輸入要找的內容').fill('殘疾人證');
    await page.getByRole('button', { name: '搜尋' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/找到 \d+ 條結果/);
    const links = await page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^\/zh-hant\//);
    expect(links).toContain('/zh-hant/policies/disability-certificate/');
    await page.close();
  });

  it('finds every guide by its title', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/search/`);
    const resultLinks = () => page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const { slug, data } of readCollection('policies')) {
      await page.getByLabel('输入要找的内容').fill((data as Policy).title);
      await page.getByRole('button', { name: '搜索' }).click();
      await expect.poll(resultLinks, { timeout: 10_000, message: `searching for the title of ${slug}` }).toContain(`/policies/${slug}/`);
    }
    await page.close();
  });

  it('says so plainly when nothing matches', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/search/`);
    await page.getByLabel('输入要找的内容').fill('qzxqzx');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('没有找到相关内容');
    await page.close();
  });

  it('without JavaScript offers the topic index and site map instead of a dead search box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search/`);
    expect(await page.locator('input').count()).toBe(0);
    await expect.poll(() => page.getByText('搜索需要浏览器开启 JavaScript').count()).toBe(1);
    await page.getByRole('link', { name: '查看网站地图（全部页面）' }).click();
    expect(new URL(page.url()).pathname).toBe('/site-index/');
    await context.close();
  });
});

describe('display settings', () => {
  it('are chosen with the keyboard, announced, and kept on other pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/settings/`);
    await page.getByLabel('特大（两倍）').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已保存');
    await page.getByLabel('高对比度（黑底黄字）').check();
    await page.getByLabel('加宽').check();
    await page.goto(`${baseUrl}/zh-hant/policies/`);
    const look = await page.evaluate(() => ({
      size: getComputedStyle(document.documentElement).fontSize,
      contrast: document.documentElement.dataset['contrast'],
      spacing: document.documentElement.dataset['spacing'],
    }));
    expect(look).toEqual({ size: '32px', contrast: 'high', spacing: 'wide' });
    await page.goto(`${baseUrl}/settings/`);
    await page.getByRole('button', { name: '恢复默认设置' }).click();
    await page.goto(`${baseUrl}/`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
    await context.close();
  });

  it('without JavaScript explain the browser alternatives and show no controls that cannot work', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/settings/`);
    expect(await page.locator('input').count()).toBe(0);
    expect(await page.getByText('这些设置需要浏览器开启 JavaScript').count()).toBe(1);
    await context.close();
  });
});
