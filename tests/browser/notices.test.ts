import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { baseUrl, choose, fill, layoutProblems, newJourneyContext, open, press } from './journeys/helpers.ts';
import { makeStaff, openApplication, signIn, startNotice, submitApplication, type Account } from './staff/helpers.ts';
import { testSql } from './test-data.ts';
import { makeIdNumber } from '../support/identities.ts';
import { addWorkingDays, formatDate, isWorkingDayInChina, todayInChina } from '../../src/domain/dates.ts';
import { sealReceipt } from '../../src/lib/apply/receipt-token.ts';

/**
 * 公示 as staff and the public meet it: a reviewer moves an assessed application to 公示 → it
 * appears, masked, on /notices/ and its feed, in both scripts, for its period of working days;
 * a minor never; objections recorded with their outcome; after the period (the notice dated in
 * the past, as test data) it is gone from the page and the feed and the workspace says completed.
 * The empty state, the 320 px reflow and axe on every page and workspace state. The receipt's
 * "by when" follows the working-day calendar. Runs alone (it asserts what the whole board shows).
 */
let browser: Browser;
let reviewer: Account;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  reviewer = await makeStaff('reviewer');
  context = await newJourneyContext(browser, false);
  page = await context.newPage();
  await signIn(page, reviewer);
});
afterAll(async () => browser?.close());

const decide = async (to: string) => {
  await choose(page, to, '下一步');
  await press(page, '确认办理');
};
const board = async (p: Page, prefix = '') => {
  await open(p, `${prefix}/notices/`);
  return p.locator('main').innerText();
};
const feed = async (prefix = '') => {
  const response = await fetch(`${baseUrl}${prefix}/notices/rss.xml`);
  expect(response.headers.get('content-type')).toContain('application/rss+xml');
  return response.text();
};
const today = todayInChina();
const first = isWorkingDayInChina(today) ? today : addWorkingDays(today, 1);
const last = addWorkingDays(first, 4);

describe('公示', () => {
  it('the board says plainly when nothing is on notice, in both scripts', async () => {
    // Nothing else in this run is in 公示 now (this file runs alone); earlier notices are over.
    const visitor = await (await newJourneyContext(browser, true)).newPage();
    expect(await board(visitor)).toContain('现在没有正在公示的残疾人证评定结果。');
    expect(await board(visitor, '/zh-hant')).toContain('現在沒有正在公示的殘疾人證評定結果。');
    expect(await visitor.locator('table').count()).toBe(0);
    expect(await feed()).not.toContain('<item>');
    await visitor.context().close();
  });

  it('a reviewer starts it → masked on the page and the feed, both scripts, for 5 working days; never a minor', async () => {
    const adult = await submitApplication('xishan', '欧阳小芳');
    await openApplication(page, adult.reference);
    await decide('已受理');
    await decide('评定 / 评估');
    // 公示 is not a plain decision: it has its own form.
    expect(await page.getByRole('group', { name: '下一步' }).getByLabel('公示', { exact: true }).count()).toBe(0);
    await press(page, '开始公示');
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['请选择评定的残疾等级']);
    await startNotice(page, '肢体残疾', '二级');
    expect(await page.locator('.banner--success').innerText()).toContain('已办理：现在是“公示”。');
    expect(await page.locator('#notice-heading + p').innerText()).toContain(`正在公示：${formatDate(first)}至${formatDate(last)}（5 个工作日）`);

    // A minor's application: no 公示 offered, and it goes straight to review.
    const minorId = makeIdNumber(`${Number(today.slice(0, 4)) - 10}-06-01`, '123', '110106');
    const minor = await submitApplication('xishan', '少年甲', 'new', minorId);
    await openApplication(page, minor.reference);
    await decide('已受理');
    await decide('评定 / 评估');
    expect(await page.locator('main').innerText()).toContain('申请人未满 18 周岁，按规定不公示');
    expect(await page.getByRole('button', { name: '开始公示' }).count()).toBe(0);

    for (const prefix of ['', '/zh-hant']) {
      const visitor = await (await newJourneyContext(browser, prefix === '')).newPage();
      const text = await board(visitor, prefix);
      const rows = visitor.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await visitor.locator('caption').innerText()).toContain(prefix ? '正在公示的殘疾人證評定結果（共 1 人）' : '正在公示的残疾人证评定结果（共 1 人）');
      expect(await visitor.locator('thead th').allInnerTexts()).toEqual(prefix ? ['姓名', '鄉鎮（街道）', '殘疾類別', '殘疾等級', '公示期'] : ['姓名', '乡镇（街道）', '残疾类别', '残疾等级', '公示期']);
      // The name as it was typed (translate="no": the Traditional page does not convert names).
      expect(await rows.first().innerText()).toMatch(prefix ? /欧阳\*\*\s+西山鄉\s+肢體殘疾\s+二級/ : /欧阳\*\*\s+西山乡\s+肢体残疾\s+二级/);
      expect(text).toContain(`${formatDate(first)}至${formatDate(last)}`);
      // Nothing but what a notice needs: no full name, ID number, phone or address; no minor.
      const html = await visitor.content();
      for (const secret of ['小芳', adult.idNumber, adult.idNumber.slice(6, 14), '13800000000', '人民路 1 号', '少年']) expect(html, secret).not.toContain(secret);
      // How to object: where, the phone, by when.
      expect(text).toContain(prefix ? '對公示有異議的' : '对公示有异议的');
      expect(await visitor.locator('a[href^="tel:"]').first().innerText()).toBe('0000-6000001');
      // Readable at 320 px: no sideways scrolling, each row as labelled lines.
      await visitor.setViewportSize({ width: 320, height: 640 });
      expect(await layoutProblems(visitor)).toEqual([]);
      await visitor.context().close();
      const xml = await feed(prefix);
      expect(xml).toContain(prefix ? '<title>歐陽**（西山鄉）肢體殘疾二級</title>' : '<title>欧阳**（西山乡）肢体残疾二级</title>');
      expect(xml).toContain(prefix ? '/zh-hant/notices/#notice-' : '/notices/#notice-');
      expect(xml).not.toContain('小芳');
      expect(xml.match(/<item>/g)).toHaveLength(1);
    }
  });

  it('objections are recorded with their outcome (every mistake said), then the period ends: gone from the board, completed in the workspace', async () => {
    const app = await submitApplication('chengguan', '阿依古丽·买买提');
    await openApplication(page, app.reference);
    await decide('已受理');
    await decide('评定 / 评估');
    await startNotice(page, '视力残疾', '一级');
    expect(await board(await context.newPage())).toContain('阿***·**提');
    await page.reload();

    await press(page, '记录异议');
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['请输入收到异议的日期', '请写异议内容', '请选择处理结果']);
    await fill(page, '收到日期', '2020-01-01');
    await fill(page, '异议内容', '来电 13912345678 反映');
    await choose(page, '正在核实', '处理结果');
    await press(page, '记录异议');
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['收到日期要在公示开始之后、今天或今天以前', '异议内容和处理说明里不能有身份证号或电话号码']);
    // What was typed stays.
    expect(await page.getByLabel('异议内容', { exact: true }).inputValue()).toBe('来电 13912345678 反映');
    await fill(page, '收到日期', formatDate(today));
    await fill(page, '异议内容', '群众反映评定等级偏高');
    await choose(page, '异议不成立', '处理结果');
    await fill(page, '处理说明（选填）', '评定医院复核，结论不变');
    await press(page, '记录异议');
    expect(await page.locator('.banner--success').innerText()).toContain('已记录异议。');
    const objections = page.getByRole('table', { name: '收到的异议和处理结果' });
    expect(await objections.locator('tbody tr').innerText()).toMatch(/群众反映评定等级偏高\s+异议不成立：评定医院复核，结论不变/);

    // Test data with past dates: the notice was put up on Friday 26 September 2025 for 5 working
    // days — 26, 28 (a Sunday worked), 29, 30 September and, after the National Day holiday, 9 October.
    const { affected } = await testSql(
      `update intake.public_notices set posted_on = '2025-09-26', starts_on = '2025-09-26', ends_on = intake.add_working_days('2025-09-26', 4)
       where application_id = (select id from intake.applications where reference = $1) returning application_id`, [app.reference]);
    expect(affected).toBe(1);
    expect(await board(await context.newPage())).not.toContain('阿***·**提');
    expect(await feed()).not.toContain('阿***·**提');
    expect(await feed('/zh-hant')).not.toContain('阿***·**提');
    await page.reload();
    expect(await page.locator('#notice-heading + p').innerText()).toContain('公示已结束：2025年9月26日至2025年10月9日（5 个工作日），已从公示页撤下。');
    // The workspace states, checked by axe: completed, with its objection; then on to review.
    await open(page, new URL(page.url()).pathname);
    await decide('审核');
    expect(await page.locator('main').innerText()).toMatch(/本环节期限：\d{4}年\d+月\d+日前（自\d{4}年\d+月\d+日进入本环节起 10 个工作日）/);
    // The audit log names the objection.
    const admin = await makeStaff('admin');
    const adminPage = await (await newJourneyContext(browser, true)).newPage();
    await signIn(adminPage, admin);
    await open(adminPage, '/staff/audit/');
    expect((await adminPage.locator('tbody tr').allInnerTexts()).some((r) => r.includes('记录公示异议') && r.includes('异议不成立'))).toBe(true);
    await adminPage.context().close();
  });
});

describe('the receipt follows the working-day calendar', () => {
  const receipt = async (submittedOn: string) => {
    const p = await context.newPage();
    await open(p, `/apply/receipt/?t=${sealReceipt({ reference: 'ABCD2345', service: 'certificate', action: 'new', submittedOn, forOther: false })}`);
    const text = await p.locator('.timeline').innerText();
    await p.close();
    return text;
  };

  it('5 working days across National Day 2025, Spring Festival 2026, and into 2027 (said to be weekends only)', async () => {
    // Friday 26 September 2025: 28 (Sunday, worked), 29, 30 September, 9 and 10 October.
    expect(await receipt('2025-09-26')).toContain('2025年10月10日 前');
    // Thursday 12 February 2026: 13, 14 (Saturday, worked), then 24, 25, 26 February.
    expect(await receipt('2026-02-12')).toContain('2026年2月26日 前');
    const into2027 = await receipt('2026-12-30');
    expect(into2027).toContain('2027年1月6日 前');
    expect(into2027).toContain('2027 年的放假安排尚未公布，按周末计算。');
    expect(await receipt('2026-10-09')).not.toContain('尚未公布');
  });
});
