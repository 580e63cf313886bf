import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import {
  enter, MODES, change, checkRows, choose, fill, follow, idMaker, newJourneyContext, next, open, pathOf, press, receiptReference,
} from './helpers.ts';

/**
 * 辅助器具: a guardian applies for a child of 4 who has no certificate — the diagnosis page
 * appears, the household page only once a means-tested device is chosen, the delivery address
 * starts as the child's home address, and more than the maximum number of devices is refused.
 */
let browser: Browser;
const newId = idMaker(5);
const HOME = '示例县幸福路 8 号 3 栋';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** Untick a checkbox with the keyboard. */
async function untick(page: Page, label: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.focus();
  if (await box.isChecked()) await page.keyboard.press('Space');
  expect(await box.isChecked(), label).toBe(false);
}

for (const mode of MODES) {
  describe(`辅助器具 with ${mode.name}`, () => {
    it('a guardian applies for a child of 4 without a certificate', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/apply/assistive-devices/');
      await enter(page, '开始申请');
      expect(pathOf(page)).toBe('/apply/assistive-devices/who/');
      await choose(page, '为他人申请');
      await next(page);

      expect(pathOf(page)).toBe('/apply/assistive-devices/certificate/');
      await choose(page, '没有', '申请人有残疾人证吗？');
      await next(page);
      expect(pathOf(page)).toBe('/apply/assistive-devices/applicant/');
      await fill(page, '姓名', '赵小宝');
      await fill(page, '身份证号', newId('2022-02-10'));
      await fill(page, '现居住地址', HOME);
      await next(page);

      // The agent page comes once the applicant is known: it says a guardian must apply, and
      // refuses any other relationship right there.
      expect(pathOf(page)).toBe('/apply/assistive-devices/township/');
      await choose(page, '城关镇');
      await next(page);
      expect(pathOf(page)).toBe('/apply/assistive-devices/agent/');
      expect(await page.getByText('申请人未满 18 周岁，须由监护人代为申请').count()).toBe(1);
      await fill(page, '您的姓名', '赵丽');
      await choose(page, '其他家属（配偶、成年子女、兄弟姐妹等）', '您和申请人是什么关系？');
      await fill(page, '您的身份证号', newId('1990-10-10'));
      await fill(page, '您的电话', '13812345678');
      expect((await next(page))?.status()).toBe(422);
      expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([expect.stringContaining('请选择“监护人”')]);
      await choose(page, '监护人', '您和申请人是什么关系？');
      await next(page);

      // No certificate: the hospital's diagnosis instead.
      expect(pathOf(page)).toBe('/apply/assistive-devices/diagnosis/');
      await fill(page, '出具诊断的医院', '示例市儿童医院');
      await fill(page, '诊断结论', '双耳感音神经性听力损失');
      await next(page);

      expect(pathOf(page)).toBe('/apply/assistive-devices/device/');
      const devices = page.getByRole('group', { name: '需要哪些辅助器具？' });
      for (const name of ['普通轮椅', '助行器', '坐便椅', '盲杖']) await choose(page, name, '需要哪些辅助器具？');
      expect((await next(page))?.status()).toBe(422);
      expect(await page.title()).toMatch(/^错误：/);
      expect(await page.getByRole('alert').getByRole('link').evaluateAll((a) => a.map((l) => [l.getAttribute('href'), l.textContent])))
        .toEqual([['#f-devices', '每次最多申请 3 种辅助器具']]);
      expect(await page.locator('#f-devices-error').textContent()).toBe('错误：每次最多申请 3 种辅助器具');
      expect(await devices.getByRole('checkbox', { checked: true }).count()).toBe(4);
      for (const name of ['普通轮椅', '坐便椅', '盲杖']) await untick(page, name);
      await next(page);

      // 助行器 is not means-tested: no household page.
      expect(pathOf(page)).toBe('/apply/assistive-devices/previous/');
      await choose(page, '没有', '以前领取过辅助器具吗？');
      await next(page);
      expect(pathOf(page)).toBe('/apply/assistive-devices/assessment/');
      await choose(page, '不需要，到县辅助器具服务中心评估');
      await next(page);

      expect(pathOf(page)).toBe('/apply/assistive-devices/delivery/');
      await choose(page, '送货上门', '器具怎样交给申请人？');
      expect(await page.getByLabel('送货地址').inputValue()).toBe(HOME);
      await next(page);
      await choose(page, '我是代办人，我承诺以上内容');
      await next(page);

      expect(pathOf(page)).toBe('/apply/assistive-devices/check/');
      const rows = await checkRows(page);
      expect(rows).toMatchObject({
        残疾人证: '没有',
        诊断医院: '示例市儿童医院',
        辅助器具: '助行器',
        交付方式: '送货上门',
        送货地址: HOME,
        '出生日期（从证号读出）': '2022年2月10日',
      });
      expect(rows).not.toHaveProperty('家庭经济状况');

      // A hearing aid is means-tested: the household page opens, then back to the check page.
      await follow(page, change('辅助器具'));
      expect(pathOf(page)).toBe('/apply/assistive-devices/device/?return=check');
      await choose(page, '助听器', '需要哪些辅助器具？');
      await next(page);
      expect(pathOf(page)).toBe('/apply/assistive-devices/household/?return=check');
      await choose(page, '低保家庭', '申请人家是哪种情况？');
      await next(page);
      expect(pathOf(page)).toBe('/apply/assistive-devices/check/');
      expect(await checkRows(page)).toMatchObject({ 辅助器具: '助行器\n助听器', 家庭经济状况: '低保家庭' });

      await press(page, '提交申请');
      await receiptReference(page);
      await context.close();
    });
  });
}
