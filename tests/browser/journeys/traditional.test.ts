import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { MODES, choose, newJourneyContext, next, open, pathOf } from './helpers.ts';

/** A journey step in Traditional Chinese: the page, its error state and the POST stay Traditional. */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

for (const mode of MODES) {
  describe(`Traditional Chinese with ${mode.name}`, () => {
    it('the action page is in Traditional, and posts through to the next Traditional page', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/zh-hant/apply/certificate/action/');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
      expect(await page.getByRole('group', { name: '要辦理哪項殘疾人證業務？' }).count()).toBe(1);
      expect(await page.title()).toContain('業務');

      // The error state is Traditional too.
      expect((await next(page))?.status()).toBe(422);
      expect(pathOf(page)).toBe('/zh-hant/apply/certificate/action/');
      expect(await page.title()).toMatch(/^錯誤：/);
      expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual(['請選擇要辦理的業務']);

      await choose(page, '新辦殘疾人證（第一次申請）');
      await next(page);
      expect(pathOf(page)).toBe('/zh-hant/apply/certificate/who/');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
      expect(await page.getByRole('group', { name: '您是為自己申請，還是為他人申請？' }).count()).toBe(1);
      await context.close();
    });
  });
}
