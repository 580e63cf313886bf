import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { makeCertificate } from '../../support/identities.ts';
import {
  MODES, choose, fill, follow, idMaker, newJourneyContext, next, open, pathOf, press, receiptReference,
} from './helpers.ts';

/**
 * Status lookup with the reference from a receipt and the last 4 characters of the applicant's
 * ID number. A wrong fact gets a message that does not say which of the two is wrong. (One failed
 * lookup per mode: failures count towards the per-client throttle shared with resume codes.)
 */
let browser: Browser;
const newId = idMaker(7);
const NOT_FOUND = '没有查到：申请编号或身份证号后 4 位不对。为了保护申请人的信息，我们不能说是哪一项不对。请对照回执再试一次';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

for (const mode of MODES) {
  describe(`status lookup with ${mode.name}`, () => {
    it('the receipt’s reference and the right last 4 show 已提交; a wrong last 4 gets the generic message', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      const id = newId('1957-07-17');
      await open(page, '/apply/transit-card/certificate/');
      await fill(page, '您的残疾人证号是多少？', makeCertificate(id, 1, 2));
      await next(page);
      await choose(page, '挂失补办（卡丢失或损坏）');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      await fill(page, '姓名', '钱盲');
      await fill(page, '电话', '13711112222');
      await next(page);
      await choose(page, '东风街道');
      await next(page);
      await choose(page, '县残疾人综合服务中心服务大厅', '到哪里领卡？');
      await next(page);
      await choose(page, '我承诺以上内容');
      await next(page);
      await press(page, '提交申请');
      const reference = await receiptReference(page);

      await follow(page, '查询申请进度');
      expect(pathOf(page)).toBe('/status/');
      const last4 = id.slice(-4);
      const wrong = `${last4.slice(0, 3)}${last4[3] === '9' ? '8' : '9'}`;
      await fill(page, '申请编号', reference.toLowerCase());
      await fill(page, '申请人身份证号的后 4 位', wrong);
      const refused = await press(page, '查询');
      expect(refused?.status()).toBe(422);
      expect(await page.title()).toMatch(/^错误：/);
      expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([NOT_FOUND]);
      expect(await page.content()).not.toContain('已提交');
      expect(await page.getByLabel('申请编号').inputValue()).toBe(reference.toLowerCase());

      await fill(page, '申请编号', `${reference.slice(0, 4)} ${reference.slice(4)}`);
      await fill(page, '申请人身份证号的后 4 位', last4);
      const found = await press(page, '查询');
      expect(found?.status()).toBe(200);
      expect(pathOf(page)).toBe('/status/');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('申请进度');
      expect(await page.locator('.lede').textContent()).toMatch(new RegExp(`^申请编号 ${reference}：免费乘车卡.*挂失补办`));
      expect(await page.locator('main').getByText(/^现在：/).textContent()).toMatch(/^现在：已提交/);
      expect(await page.locator('.timeline li').allTextContents()).toEqual([expect.stringContaining('已提交：我们收到了您的申请')]);
      // The answer is in the page, never in the address.
      expect(page.url()).not.toContain(reference);
      await context.close();
    });
  });
}
