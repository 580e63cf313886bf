import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { AXE_TAGS, axeContext, axeViolations, noJsAxeContext } from './axe.ts';
import { sitemapPaths, TOOL_PAGES } from '../dist/site-files.ts';

const baseUrl = inject('baseUrl');
const paths = sitemapPaths();
let browser: Browser;
let context: BrowserContext;
let page: Page;
const foreignRequests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await axeContext(browser);
  context.on('request', (req) => {
    if (!req.url().startsWith(baseUrl) && !req.url().startsWith('data:')) foreignRequests.push(req.url());
  });
  page = await context.newPage();
});
afterAll(async () => browser?.close());

describe(`axe (${AXE_TAGS.join(', ')}) on every page in the sitemap`, () => {
  it('the sitemap covers both scripts', () => {
    expect(paths.some((p) => p.startsWith('/zh-hant/'))).toBe(true);
    expect(paths.length).toBeGreaterThan(20);
  });

  for (const path of [...paths, '/404.html']) {
    it(path, async () => {
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  it('tool pages pass with JavaScript off too', async () => {
    const noJs = await noJsAxeContext(browser);
    const noJsPage = await noJs.newPage();
    for (const path of TOOL_PAGES) {
      await noJsPage.goto(`${baseUrl}${path}`);
      expect(await noJsPage.locator('astro-island, [data-checker]').count(), `${path} still has its tool's markup`).toBeGreaterThan(0);
      expect(await axeViolations(noJsPage), path).toEqual([]);
    }
    await noJs.close();
  });

  it('no page requested anything from another origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
