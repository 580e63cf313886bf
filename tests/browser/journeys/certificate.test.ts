import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { makeCertificate } from '../../support/identities.ts';
import {
  enter, MODES, change, checkRows, choose, counts, expectAccessible, fill, follow, idMaker, newJourneyContext, next, open, pathOf, press, receiptReference,
} from './helpers.ts';

/**
 * 残疾人证: a new application for oneself from the start page to the receipt, submitted twice
 * (one application), bookmarkable and tamper-proof; a renewal that reads birth date and sex from
 * the certificate number, with changes from the check page — with JavaScript on and off, axe on
 * every page state.
 */
let browser: Browser;
const newId = idMaker(1);
const HOSPITAL = '示例县人民医院';

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => browser?.close());

/** From the start page to the check page of a new application for oneself. */
async function newApplicationForSelf(page: Page, id: string, phone = '13912345678') {
  await open(page, '/apply/certificate/');
  // The start link looks like a button; it is a link, and Enter follows it.
  await enter(page, '开始申请');
  expect(pathOf(page)).toBe('/apply/certificate/action/');
  await choose(page, '新办残疾人证（第一次申请）');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/who/');
  await choose(page, '为自己申请');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/applicant/');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('您的信息');
  await fill(page, '姓名', '张𠮷');
  await fill(page, '身份证号', id.toLowerCase());
  await fill(page, '电话', phone);
  await fill(page, '户籍地址', '示例县人民路 1 号 2 单元');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/township/');
  await choose(page, '城关镇');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/category/');
  await choose(page, '肢体残疾');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/assessment/');
  await choose(page, HOSPITAL, '到哪家医院评定？');
  await choose(page, '不需要', '您需要上门评定吗？');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/declaration/');
  await choose(page, '我承诺以上内容');
  await next(page);
  expect(pathOf(page)).toBe('/apply/certificate/check/');
}

for (const mode of MODES) {
  describe(`残疾人证 with ${mode.name}`, () => {
    it('a new application for oneself, submitted twice, gives one receipt that survives a bookmark and refuses tampering', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      const id = newId('1970-05-20');
      await newApplicationForSelf(page, id);
      expect(await page.title()).toMatch(/^核对您的申请/);
      expect(await checkRows(page)).toMatchObject({
        业务: '新办残疾人证（第一次申请）',
        为谁申请: '为自己申请',
        姓名: '张𠮷',
        身份证号: id,
        '出生日期（从证号读出）': '1970年5月20日',
        电话: '13912345678',
        户籍地址: '示例县人民路 1 号 2 单元',
        申请评定的类别: '肢体残疾',
        评定医院: HOSPITAL,
        上门评定: '不需要',
        诚信承诺: '已承诺',
      });

      const before = await counts();
      const posts: string[] = [];
      page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
      const submit = page.getByRole('button', { name: '提交申请' });
      let reference: string;
      if (mode.js) {
        // A double click: the second submission is held back while the first is on its way.
        await Promise.all([page.waitForURL(/\/apply\/receipt\//), submit.dblclick()]);
        await expectAccessible(page);
        reference = await receiptReference(page);
        expect(posts).toHaveLength(1);
      } else {
        // Nothing holds a second submission back. The first answer is lost on its way back (the
        // server has stored the application): the browser stays on the check page, and the person
        // presses the button again, sending the same form.
        let lost = '';
        const answered = new Promise<void>((resolve) => {
          void page.route('**/apply/certificate/check/', async (route) => {
            if (route.request().method() !== 'POST' || lost) return route.continue();
            const answer = await route.fetch({ maxRedirects: 0 });
            lost = new URL(answer.headers()['location']!, page.url()).href;
            await route.fulfill({ status: 204 });
            resolve();
          });
        });
        await submit.focus();
        await page.keyboard.press('Enter');
        await answered;
        expect(pathOf(page)).toBe('/apply/certificate/check/');
        await expectAccessible(page);
        expect((await counts()).applications).toBe(before.applications + 1);
        await press(page, '提交申请');
        reference = await receiptReference(page);
        expect(posts).toHaveLength(2);
        // Back: the check page is fetched again (no-store), and there is nothing left to submit.
        await page.goBack();
        expect(pathOf(page)).toBe('/apply/certificate/check/');
        await expectAccessible(page);
        expect(await page.getByRole('button', { name: '提交申请' }).count()).toBe(0);
        // The lost answer pointed at the same receipt.
        await open(page, lost);
        expect(await receiptReference(page)).toBe(reference);
      }
      expect(await page.title()).toContain(reference);
      expect((await counts()).applications).toBe(before.applications + 1);
      const receiptUrl = page.url();

      // A bookmark opened later, in another browser: the same receipt.
      const later = await newJourneyContext(browser, mode.js);
      const again = await later.newPage();
      const response = await open(again, receiptUrl);
      expect(response?.status()).toBe(200);
      expect(await receiptReference(again)).toBe(reference);

      // One character of the token changed: no receipt, and no hint of whose it would be.
      const url = new URL(receiptUrl);
      const token = url.searchParams.get('t')!;
      const i = Math.floor(token.length / 2);
      url.searchParams.set('t', token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1));
      const tampered = await open(again, url.href);
      expect(tampered?.status()).toBe(404);
      expect(await again.content()).not.toContain(reference);
      // The on-demand page's own answer, as Netlify sends it (the local server passes it through too).
      expect(await again.getByRole('heading', { level: 1 }).textContent()).toBe('找不到这张回执');
      await expectAccessible(again);
      expect(await again.content()).not.toContain(reference);
      await later.close();
      await context.close();
    });

    it('a renewal never asks the ID number and reads birth date and sex from the certificate number; changes from the check page come back to it', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      const certificate = makeCertificate(newId('1958-11-03'), 4, 3);
      await open(page, '/apply/certificate/action/');
      await choose(page, '换领（证件到期换新证）');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/certificate/');
      await fill(page, '您的残疾人证号是多少？', certificate);
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/applicant/');
      expect(await page.getByLabel('身份证号', { exact: true }).count()).toBe(0);
      expect(await page.getByText('身份证号', { exact: true }).count()).toBe(0);
      await fill(page, '姓名', '李四');
      await fill(page, '电话', '0551-12345678');
      await fill(page, '户籍地址', '示例县人民路 3 号');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/township/');
      await choose(page, '城关镇');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/declaration/');
      await choose(page, '我承诺以上内容');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/check/');
      const rows = await checkRows(page);
      expect(rows).toMatchObject({
        业务: '换领（证件到期换新证）',
        残疾人证号: certificate,
        '出生日期（从证号读出）': '1958年11月3日',
        '性别（从证号读出）': (Number(certificate[16]) % 2 === 1 ? '男' : '女'),
        '残疾类别和等级（从证号读出）': '肢体残疾三级',
        电话: '055112345678',
      });
      expect(rows).not.toHaveProperty('身份证号');
      // Facts read from the number have no change link of their own.
      const birthRow = page.locator('.summary-row', { hasText: '出生日期（从证号读出）' });
      expect(await birthRow.getByRole('link').count()).toBe(0);
      expect(await birthRow.getByText('从证号读出', { exact: true }).count()).toBe(1);

      // Change the phone: the page opens with the answer, and saving goes back to the check page.
      await follow(page, change('电话'));
      expect(pathOf(page)).toBe('/apply/certificate/applicant/?return=check');
      expect(await page.getByRole('button', { name: '保存并返回核对页' }).count()).toBe(1);
      expect(await page.getByLabel('电话', { exact: true }).inputValue()).toBe('055112345678');
      await fill(page, '电话', '13800001111');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/check/');
      expect((await checkRows(page))['电话']).toBe('13800001111');

      // Switch to "for someone else": the agent page, never answered, opens first, then back.
      await follow(page, change('为谁申请'));
      expect(pathOf(page)).toBe('/apply/certificate/who/?return=check');
      await choose(page, '为他人申请');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/agent/?return=check');
      await fill(page, '您的姓名', '李大山');
      await choose(page, '其他家属（配偶、成年子女、兄弟姐妹等）');
      await fill(page, '您的身份证号', newId('1990-07-07'));
      await fill(page, '您的电话', '13700002222');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/check/');
      expect(await page.getByRole('heading', { name: '代办人（您）' }).count()).toBe(1);
      expect(await checkRows(page, '代办人（您）')).toMatchObject({ 姓名: '李大山', 电话: '13700002222' });
      expect(await checkRows(page, '申请人')).toMatchObject({ 姓名: '李四', 申请人的电话: '13800001111' });
      await context.close();
    });
  });
}
