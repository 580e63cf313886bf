import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import {
  change, followInSection,
  MODES, checkRows, choose, counts, expectAccessible, fill, follow, idMaker, newJourneyContext, next, open, pathOf, press, receiptReference,
} from './helpers.ts';

/**
 * Applying for someone else: the agent is "您", the applicant "申请人"; the applicant's phone is
 * optional; a minor's application made by a family member is refused with the guardian rule
 * until the agent says they are the guardian.
 */
let browser: Browser;
const newId = idMaker(3);
const GUARDIAN_RULE = '申请人未满 18 周岁，须由监护人代为申请：请选择“监护人”。如果您不是监护人，请监护人来办理';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

for (const mode of MODES) {
  describe(`applying for someone else with ${mode.name}`, () => {
    it('the guardian rule is asked and checked where it is decided, and a page sent back to from the check page shows its error', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/apply/certificate/action/');
      await choose(page, '新办残疾人证（第一次申请）');
      await next(page);
      await choose(page, '为他人申请');
      await next(page);

      // The applicant first: who they are decides whether a guardian must apply.
      expect(pathOf(page)).toBe('/apply/certificate/applicant/');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('申请人的信息');
      expect(await page.getByLabel('您的姓名').count()).toBe(0);
      await fill(page, '姓名', '王小明');
      await fill(page, '身份证号', newId('1990-06-01'));
      // The applicant's phone is optional: left empty.
      expect(await page.getByLabel('申请人的电话（选填）').inputValue()).toBe('');
      await fill(page, '户籍地址', '示例县人民路 9 号');
      await next(page);

      expect(pathOf(page)).toBe('/apply/certificate/township/');
      await choose(page, '城关镇');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/category/');
      await choose(page, '听力残疾', '申请人申请评定哪一类残疾？');
      await next(page);

      // An adult applicant: a family member may apply for them.
      expect(pathOf(page)).toBe('/apply/certificate/agent/');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('您的信息（代办人）');
      expect(await page.getByText('须由监护人代为申请').count()).toBe(0);
      await fill(page, '您的姓名', '王大明');
      await choose(page, '其他家属（配偶、成年子女、兄弟姐妹等）', '您和申请人是什么关系？');
      await fill(page, '您的身份证号', newId('1964-03-03'));
      await fill(page, '您的电话', '13912340000');
      await next(page);
      await choose(page, '示例县人民医院', '到哪家医院评定？');
      await choose(page, '不需要', '申请人需要上门评定吗？');
      await next(page);
      await choose(page, '我是代办人，我承诺以上内容');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/check/');
      expect(await page.title()).not.toMatch(/^错误/);

      // The ID number was the child's, not the father's own: corrected from the check page.
      await followInSection(page, '申请人', change('身份证号'));
      await fill(page, '身份证号', newId('2012-06-01'));
      await next(page);

      // Now a guardian must apply: the check page says so and refuses to submit.
      expect(pathOf(page)).toBe('/apply/certificate/check/');
      expect(await page.title()).toMatch(/^错误：/);
      const summary = page.getByRole('alert');
      expect(await summary.getByRole('link').allTextContents()).toEqual([`代办人：${GUARDIAN_RULE}`]);
      const before = await counts();
      expect((await press(page, '提交申请'))?.status()).toBe(422);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      expect((await counts()).applications).toBe(before.applications);

      // The link lands on the agent page, which shows the error straight away, and says why.
      await follow(page, `代办人：${GUARDIAN_RULE}`);
      expect(pathOf(page)).toBe('/apply/certificate/agent/?return=check');
      expect(await page.title()).toMatch(/^错误：/);
      expect(await page.locator('#f-relationship-error').textContent()).toBe(`错误：${GUARDIAN_RULE}`);
      expect(await page.getByText('申请人未满 18 周岁，须由监护人代为申请。孩子的父母是监护人。').count()).toBe(1);
      expect(await page.getByLabel('其他家属（配偶、成年子女、兄弟姐妹等）').isChecked()).toBe(true);
      expect((await next(page))?.status()).toBe(422);
      expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([GUARDIAN_RULE]);
      await choose(page, '监护人', '您和申请人是什么关系？');
      await next(page);

      expect(pathOf(page)).toBe('/apply/certificate/check/');
      expect(await page.title()).not.toMatch(/^错误/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('核对申请');
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await checkRows(page, '代办人（您）')).toMatchObject({ 姓名: '王大明', 和申请人的关系: '监护人', 电话: '13912340000' });
      expect(await checkRows(page, '申请人')).toMatchObject({ 姓名: '王小明', 申请人的电话: '（未填写）', '出生日期（从证号读出）': '2012年6月1日' });
      await press(page, '提交申请');
      await receiptReference(page);
      expect(await page.getByText('打电话联系您（代办人）').count()).toBe(1);
      await expectAccessible(page);
      await context.close();
    });
  });
}
