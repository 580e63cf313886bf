import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import {
  CODE, MODES, checkRows, choose, fill, idMaker, newJourneyContext, next, open, pathOf, press,
} from './helpers.ts';

/**
 * Save and come back later, on another device: the resume code plus the last 4 characters of
 * the applicant's ID number. A wrong fact gets the same answer as a wrong code. (Each failure
 * counts towards the per-client throttle shared with status lookups: one per mode here.)
 */
let browser: Browser;
const newId = idMaker(4);
const SAME_FOR_EVERYTHING = '代码或身份证号后 4 位不对，或者这份草稿已经过期（最后一次保存后 30 天）。为了保护申请人的信息，我们不能说是哪一项不对';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

for (const mode of MODES) {
  describe(`save and resume with ${mode.name}`, () => {
    it('a code saved on one device opens the application on another, at the first page not yet answered', async () => {
      const id = newId('1972-12-12');
      const first = await newJourneyContext(browser, mode.js);
      const page = await first.newPage();
      await open(page, '/apply/certificate/action/');
      await choose(page, '新办残疾人证（第一次申请）');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      await fill(page, '姓名', '周𠮷祥');
      await fill(page, '身份证号', id);
      await fill(page, '电话', '13600001234');
      await fill(page, '户籍地址', '示例县和平街 12 号');
      await press(page, '保存，以后再填');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('已保存，可以以后再填');
      const shown = (await page.locator('.code-box .code').textContent())!;
      expect(shown).toMatch(/^[2-9A-HJ-NP-Z]{4} [2-9A-HJ-NP-Z]{4}$/);
      const code = shown.replace(' ', '');
      expect(code).toMatch(CODE);
      await first.close();

      // Another device: no cookies. Typed as people type it: lowercase, with a space.
      const second = await newJourneyContext(browser, mode.js);
      const other = await second.newPage();
      await open(other, '/apply/resume/');
      const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4).toLowerCase()}`;
      await fill(other, '继续填写代码', typed);
      const last4 = id.slice(-4);
      await fill(other, '申请人身份证号的后 4 位', `${last4.slice(0, 3)}${last4[3] === '9' ? '8' : '9'}`);
      const refused = await press(other, '继续填写');
      expect(refused?.status()).toBe(422);
      expect(await other.title()).toMatch(/^错误：/);
      expect(await other.getByRole('alert').getByRole('link').allTextContents()).toEqual([SAME_FOR_EVERYTHING]);
      expect(await other.getByLabel('继续填写代码').inputValue()).toBe(typed);
      expect(await other.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);

      await fill(other, '申请人身份证号的后 4 位', last4);
      await press(other, '继续填写');
      expect(pathOf(other)).toBe('/apply/certificate/township/');
      expect(await other.getByRole('group', { name: '您的户籍在哪个乡镇（街道）？' }).count()).toBe(1);

      await open(other, '/apply/certificate/check/');
      expect(await checkRows(other)).toMatchObject({
        业务: '新办残疾人证（第一次申请）',
        为谁申请: '为自己申请',
        姓名: '周𠮷祥',
        身份证号: id,
        电话: '13600001234',
        户籍地址: '示例县和平街 12 号',
        申请评定的类别: '还没有填写',
      });
      expect(await other.getByRole('heading', { name: '还有没填的' }).count()).toBe(1);
      expect(await other.getByRole('button', { name: '提交申请' }).count()).toBe(0);
      await second.close();
    });
  });
}
