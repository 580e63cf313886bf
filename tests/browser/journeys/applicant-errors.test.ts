import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { makeCertificate } from '../../support/identities.ts';
import {
  MODES, checkRows, choose, expectAccessible, fill, idMaker, layoutProblems, newJourneyContext, next, open, pathOf,
} from './helpers.ts';

/**
 * Every error path of the applicant page, GOV.UK's pattern: "错误：" in the title, a summary that
 * takes focus and links to each field, inline messages, everything typed kept. Typed markup
 * comes back as text. Run on a 320 px wide screen, and again with the text at 200%.
 */
let browser: Browser;
const newId = idMaker(2);
const SCRIPT = '<script>alert(1)</script>';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

interface SummaryLink { text: string; href: string }
const summaryLinks = (page: Page): Promise<SummaryLink[]> =>
  page.getByRole('alert').getByRole('link').evaluateAll((links) => links.map((a) => ({ text: a.textContent!, href: a.getAttribute('href')! })));
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || '');

/** Nothing cut off or scrolling sideways, at normal text size and at 200%. */
async function expectReflow(page: Page, state: string) {
  expect(await layoutProblems(page), `${state} at 320 px`).toEqual([]);
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), 'root font is doubled').toBe('32px');
  expect(await layoutProblems(page), `${state} at 200% text`).toEqual([]);
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
}

/** Does the page hold anything that was typed as markup, as markup? */
const injected = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('script, b, img')].filter((el) => el.closest('main') || /alert/.test(el.textContent ?? '')).length);

for (const mode of MODES) {
  describe(`applicant page errors with ${mode.name}`, () => {
    it('empty, wrong and hostile answers: title, summary with focus and links, inline messages, answers kept; reflows at 320 px and 200% text', async () => {
      const context = await newJourneyContext(browser, mode.js, { viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      await open(page, '/apply/certificate/action/');
      await choose(page, '新办残疾人证（第一次申请）');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/applicant/');
      expect(await page.title()).not.toMatch(/^错误/);

      // 1. Nothing typed.
      const empty = await next(page);
      expect(empty?.status()).toBe(422);
      expect(pathOf(page)).toBe('/apply/certificate/applicant/');
      expect(await page.title()).toMatch(/^错误：您的信息/);
      expect(await summaryLinks(page)).toEqual([
        { text: '请输入姓名', href: '#f-name' },
        { text: '请输入身份证号', href: '#f-id_number' },
        { text: '请输入电话号码', href: '#f-phone' },
        { text: '请输入地址', href: '#f-hukou_address' },
      ]);
      expect(await focused(page), 'the summary has focus').toContain('error-summary');
      for (const [label, field] of [['姓名', 'name'], ['身份证号', 'id_number'], ['电话', 'phone'], ['户籍地址', 'hukou_address']] as const) {
        const input = page.getByLabel(label, { exact: true });
        expect(await input.getAttribute('aria-invalid'), label).toBe('true');
        expect(await input.getAttribute('aria-describedby'), label).toContain(`f-${field}-error`);
        const message = page.locator(`#f-${field}-error`);
        expect(await message.textContent(), label).toMatch(/^错误：请输入/);
        expect(await message.locator('.visually-hidden').textContent()).toBe('错误：');
      }
      // The optional field is not an error.
      expect(await page.getByLabel('现居住地址（选填）').getAttribute('aria-invalid')).toBeNull();
      await expectReflow(page, 'applicant page with errors');
      // Each link of the summary takes the keyboard to its field.
      for (const { text, href } of await summaryLinks(page)) {
        await page.getByRole('alert').getByRole('link', { name: text }).focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => focused(page), { message: text }).toBe(href.slice(1));
      }
      await expectAccessible(page, 'applicant page, every field empty');

      // 2. A wrong checksum, a bad phone number, and markup where the name goes.
      const id = newId('1968-08-08');
      const wrongChecksum = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
      await fill(page, '姓名', SCRIPT);
      await fill(page, '身份证号', wrongChecksum);
      await fill(page, '电话', '12345');
      await fill(page, '户籍地址', '示例县<b>人民路</b> 5 号 <img src=x onerror=alert(1)>');
      const wrong = await next(page);
      expect(wrong?.status()).toBe(422);
      expect(await page.title()).toMatch(/^错误：/);
      expect((await summaryLinks(page)).map((l) => [l.href, l.text])).toEqual([
        ['#f-name', '姓名只能用汉字；少数民族姓名中间的点请用“·”'],
        ['#f-id_number', '身份证号校验不通过，请逐位核对'],
        ['#f-phone', '请输入 11 位手机号，或带区号的座机号码，例如 0551-12345678'],
      ]);
      expect(await focused(page)).toContain('error-summary');
      // Everything typed is still there, as typed — the markup as text, nothing run.
      expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe(SCRIPT);
      expect(await page.getByLabel('身份证号', { exact: true }).inputValue()).toBe(wrongChecksum);
      expect(await page.getByLabel('电话', { exact: true }).inputValue()).toBe('12345');
      expect(await page.getByLabel('户籍地址', { exact: true }).inputValue()).toBe('示例县<b>人民路</b> 5 号 <img src=x onerror=alert(1)>');
      expect(await page.getByLabel('户籍地址', { exact: true }).getAttribute('aria-invalid')).toBeNull();
      expect(await injected(page)).toBe(0);
      await expectAccessible(page, 'applicant page, wrong checksum and phone');

      // 3. A valid ID number of someone under 18, applying for themselves: the guardian rule.
      await fill(page, '姓名', '阿依古丽·买买提');
      await fill(page, '身份证号', newId('2010-01-01'));
      await fill(page, '电话', '0551-12345678');
      expect((await next(page))?.status()).toBe(422);
      expect(await summaryLinks(page)).toEqual([{
        text: '按规定，未满 18 周岁的申请人须由监护人代为申请。请先在“为谁申请”一页选择“为他人申请”，由监护人填写',
        href: '#f-id_number',
      }]);
      await expectAccessible(page, 'applicant page, a minor applying for themselves');

      // 4. Put right; the address with markup in it is a valid address, shown as text later.
      await fill(page, '身份证号', id);
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/township/');
      await choose(page, '城关镇');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/category/');
      await choose(page, '视力残疾');
      await next(page);
      await choose(page, '示例县人民医院', '到哪家医院评定？');
      await choose(page, '需要', '您需要上门评定吗？');
      await next(page);
      await choose(page, '我承诺以上内容');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/check/');
      expect(await checkRows(page)).toMatchObject({
        姓名: '阿依古丽·买买提',
        户籍地址: '示例县<b>人民路</b> 5 号 <img src=x onerror=alert(1)>',
        电话: '055112345678',
      });
      expect(await injected(page)).toBe(0);
      await expectReflow(page, 'check page');
      expect(dialogs).toEqual([]);
      await context.close();
    });

    it('a wrong certificate number on a renewal names the position that is wrong', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      await open(page, '/apply/certificate/action/');
      await choose(page, '换领（证件到期换新证）');
      await next(page);
      await choose(page, '为自己申请');
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/certificate/');
      const id = newId('1980-04-04');
      const label = '您的残疾人证号是多少？';
      for (const [typed, message] of [
        [makeCertificate(id, 9, 2), '残疾人证号第 19 位是残疾类别，应该是 1 到 7'],
        [makeCertificate(id, 4, 6), '残疾人证号第 20 位是残疾等级，应该是 1 到 4'],
        [`${id}4`, '残疾人证号应该是 20 位：18 位身份证号，加 1 位残疾类别和 1 位残疾等级'],
      ] as const) {
        await fill(page, label, typed);
        expect((await next(page))?.status()).toBe(422);
        expect(await page.title()).toMatch(/^错误：/);
        expect(await summaryLinks(page)).toEqual([{ text: message, href: '#f-certificate_number' }]);
        expect(await page.locator('#f-certificate_number-error').textContent()).toBe(`错误：${message}`);
        expect(await page.getByLabel(label).inputValue()).toBe(typed);
        expect(await focused(page)).toContain('error-summary');
        await expectAccessible(page, `certificate page: ${message}`);
      }
      await fill(page, label, makeCertificate(id, 4, 2));
      await next(page);
      expect(pathOf(page)).toBe('/apply/certificate/applicant/');
      await context.close();
    });
  });
}
