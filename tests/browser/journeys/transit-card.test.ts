import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { makeCertificate } from '../../support/identities.ts';
import {
  enter, MODES, checkRows, choose, counts, fill, follow, idMaker, newJourneyContext, next, open, pathOf, press, receiptReference,
} from './helpers.ts';

/**
 * 免费乘车卡: eligibility first, from the certificate number. Not eligible: a kind page with
 * what else the person can do, and nothing stored. Limb holders are asked about the lower limbs.
 * Blind holders go straight on to a receipt.
 */
let browser: Browser;
const newId = idMaker(6);
const LABEL = '您的残疾人证号是多少？';
const LOWER_LIMB = '您的肢体残疾是在下肢（腿、脚）吗？';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const draftCookies = async (context: BrowserContext) => (await context.cookies()).filter((c) => c.name.startsWith('draft-'));

for (const mode of MODES) {
  describe(`免费乘车卡 with ${mode.name}`, () => {
    it('a hearing certificate is kindly refused, with alternatives, and nothing is stored', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/apply/transit-card/');
      await enter(page, '开始申请');
      expect(pathOf(page)).toBe('/apply/transit-card/certificate/');
      const before = await counts();
      await fill(page, LABEL, makeCertificate(newId('1961-06-06'), 2, 2));
      const refusal = await next(page);
      expect(refusal?.status()).toBe(200);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('暂时不能办理免费乘车卡');
      expect(await page.title()).not.toMatch(/^错误/);
      expect(await page.locator('.lede').textContent()).toContain('听力残疾二级不在免费乘车卡的范围内');
      expect(await page.getByText('您填写的内容没有保存').count()).toBe(1);
      expect(await page.getByRole('link', { name: '看看还能享受哪些补贴和服务' }).getAttribute('href')).toBe('/benefits/');
      expect(await page.getByRole('link', { name: '重新输入残疾人证号' }).getAttribute('href')).toBe('/apply/transit-card/certificate/');
      expect(await draftCookies(context)).toEqual([]);
      expect(await counts()).toEqual(before);
      await follow(page, '看看还能享受哪些补贴和服务');
      expect(pathOf(page)).toBe('/benefits/');
      await context.close();
    });

    it('a limb certificate asks about the lower limbs: “不是” is refused, “是” continues', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/apply/transit-card/certificate/');
      const certificate = makeCertificate(newId('1963-03-03'), 4, 2);
      await fill(page, LABEL, certificate);
      await next(page);
      expect(pathOf(page)).toBe('/apply/transit-card/certificate/');
      expect(await page.title()).not.toMatch(/^错误/);
      expect(await page.getByLabel(LABEL).inputValue()).toBe(certificate);
      await choose(page, '不是，只在上肢或躯干', LOWER_LIMB);
      await next(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('暂时不能办理免费乘车卡');
      expect(await page.locator('.lede').textContent()).toContain('只有上肢或躯干的肢体残疾');
      expect(await page.getByRole('link', { name: '机动轮椅车燃油补贴' }).count()).toBe(1);
      expect(await draftCookies(context)).toEqual([]);

      await follow(page, '重新输入残疾人证号');
      await fill(page, LABEL, certificate);
      await next(page);
      // Asked without an answer: the question is required.
      expect((await next(page))?.status()).toBe(422);
      expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual(['请选择残疾部位是否在下肢（腿、脚）']);
      await choose(page, '是，在下肢', LOWER_LIMB);
      await next(page);
      expect(pathOf(page)).toBe('/apply/transit-card/action/');
      expect((await draftCookies(context)).map((c) => c.name)).toEqual(['draft-transit-card']);
      await context.close();
    });

    it('a blind holder goes straight on and reaches a receipt', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/apply/transit-card/certificate/');
      const certificate = makeCertificate(newId('1955-05-05'), 1, 1);
      await fill(page, LABEL, certificate);
      await next(page);
      expect(pathOf(page)).toBe('/apply/transit-card/action/');
      await choose(page, '第一次办卡');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      expect(pathOf(page)).toBe('/apply/transit-card/applicant/');
      expect(await page.getByLabel('身份证号', { exact: true }).count()).toBe(0);
      await fill(page, '姓名', '孙明');
      await fill(page, '电话', '13712345678');
      await next(page);
      expect(pathOf(page)).toBe('/apply/transit-card/township/');
      await choose(page, '城关镇');
      await next(page);
      expect(pathOf(page)).toBe('/apply/transit-card/pickup/');
      await choose(page, '县公交 IC 卡服务中心', '到哪里领卡？');
      await next(page);
      await choose(page, '我承诺以上内容');
      await next(page);
      expect(await checkRows(page)).toMatchObject({
        业务: '第一次办卡',
        残疾人证号: certificate,
        '残疾类别和等级（从证号读出）': '视力残疾一级',
        领卡地点: '县公交 IC 卡服务中心',
      });
      await press(page, '提交申请');
      await receiptReference(page);
      expect(await page.getByText('免费乘车卡（爱心卡）：第一次办卡').count()).toBe(1);
      await context.close();
    });
  });
}
