import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { axeContext, axeViolations, noJsAxeContext } from './axe.ts';

/**
 * A family member checks what their father can get, using only the keyboard and the
 * visible labels, with JavaScript on (instant results, polite announcements) and off
 * (form POST, same results rendered by the server). axe runs on every state.
 */
const baseUrl = inject('baseUrl');
/** domain.md §2.2's example: ID 11010519491231002X, limb (4) grade 2 (二级). */
const CERTIFICATE = '11010519491231002X42';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function choose(page: Page, label: string, groupLegend?: RegExp) {
  const scope = groupLegend ? page.getByRole('group', { name: groupLegend }) : page;
  const radio = scope.getByLabel(label, { exact: true });
  await radio.focus();
  await page.keyboard.press('Space');
  expect(await radio.isChecked(), label).toBe(true);
}

async function type(page: Page, label: string, text: string) {
  await page.getByLabel(label).focus();
  await page.keyboard.type(text);
}

async function resultTitles(page: Page, heading: RegExp): Promise<string[]> {
  const list = page.getByRole('heading', { name: heading }).locator('xpath=following-sibling::*[1]');
  return list.locator('h4').allTextContents();
}

async function answerAsFamilyMember(page: Page) {
  await choose(page, '为家人或别人');
  await expect.poll(() => page.getByText('他（她）有残疾人证吗？').count()).toBe(1);
  await choose(page, '有', /有残疾人证吗/);
  await type(page, '残疾人证号（可以不填）', CERTIFICATE);
  await choose(page, '是', /户口在/);
  await choose(page, '享受低保');
  await choose(page, '是', /需要别人长期照顾吗/);
}

describe('benefits checker with JavaScript', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await axeContext(browser);
  });
  afterAll(async () => context.close());

  it('a family member answers by keyboard and sees results at once, announced politely', async () => {
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${baseUrl}/benefits/`);
    expect(await axeViolations(page)).toEqual([]);
    await answerAsFamilyMember(page);

    // The certificate number fills category, grade and age: those questions are not asked.
    await expect.poll(() => page.getByRole('group', { name: /残疾等级是几级/ }).isVisible()).toBe(false);
    expect(await page.getByText('肢体 二级 · 76').count()).toBe(1);

    const likely = await resultTitles(page, /^很可能符合/);
    expect(likely).toContain('困难残疾人生活补贴');
    expect(likely).toContain('重度残疾人护理补贴');
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 5000 }).toMatch(/^根据目前的回答：很可能符合 \d+ 项，可能符合 \d+ 项，目前不符合 \d+ 项。$/);
    expect(await status.getAttribute('role')).toBe('status');
    expect(await axeViolations(page)).toEqual([]);

    // Unknown answers lead to "may be eligible" with what to check, never a silent no.
    await page.getByRole('heading', { name: /^可能符合，需要核实/ }).scrollIntoViewIfNeeded();
    expect(await page.getByText('需要核实：').count()).toBeGreaterThan(0);

    // Nothing answered went anywhere: no request carried the certificate number.
    expect(urls.filter((u) => u.includes(CERTIFICATE) || u.includes('benefits/results'))).toEqual([]);
    await page.close();
  });

  it('a wrong age is reported in the error summary, which takes focus', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await choose(page, '还没有', /有残疾人证吗/);
    await type(page, '您今年多大？', '二百');
    await page.getByRole('button', { name: '查看结果' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('年龄请填 0 到 120 之间的整数');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.getByLabel('您今年多大？').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('benefits checker without JavaScript', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await noJsAxeContext(browser);
  });
  afterAll(async () => context.close());

  it('the same questions POST to the server, which shows the same results and keeps the answers', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    expect(await axeViolations(page)).toEqual([]);
    await choose(page, '为家人或别人');
    await choose(page, '有', /有残疾人证吗/);
    await type(page, '残疾人证号（可以不填）', CERTIFICATE);
    await choose(page, '是', /户口在/);
    await choose(page, '享受低保');
    await choose(page, '是', /需要别人长期照顾吗/);
    await page.getByRole('button', { name: '查看结果' }).focus();
    await Promise.all([page.waitForURL(/\/benefits\/results\/$/), page.keyboard.press('Enter')]);

    expect(new URL(page.url()).search).toBe('');
    expect(await page.title()).not.toMatch(/^错误/);
    const likely = await resultTitles(page, /^很可能符合/);
    expect(likely).toContain('困难残疾人生活补贴');
    expect(likely).toContain('重度残疾人护理补贴');
    expect(await page.getByLabel('为家人或别人').isChecked()).toBe(true);
    expect(await page.getByLabel('残疾人证号（可以不填）').inputValue()).toBe(CERTIFICATE);
    expect(await page.getByText('他（她）有残疾人证吗？').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('a wrong certificate number gets the error pattern: title, summary with link, inline message, answers kept', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await choose(page, '享受低保');
    await type(page, '残疾人证号（可以不填）', '11010519491231002942');
    await page.getByRole('button', { name: '查看结果' }).focus();
    await Promise.all([page.waitForURL(/\/benefits\/results\/$/), page.keyboard.press('Enter')]);
    expect(await page.title()).toMatch(/^错误：/);
    const link = page.getByRole('alert').getByRole('link', { name: /校验不通过/ });
    expect(await link.getAttribute('href')).toBe('#certificateNumber');
    const input = page.getByLabel('残疾人证号（可以不填）');
    expect(await input.inputValue()).toBe('11010519491231002942');
    expect(await input.getAttribute('aria-describedby')).toContain('certificateNumber-error');
    expect(await page.locator('#certificateNumber-error').textContent()).toMatch(/^错误：/);
    expect(await page.getByLabel('享受低保').isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the Traditional page posts to the Traditional results', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/zh-hant/benefits/`);
    await choose(page, '享受低保');
    await page.getByRole('button', { name: '查看結果' }).focus();
    await Promise.all([page.waitForURL(/\/zh-hant\/benefits\/results\/$/), page.keyboard.press('Enter')]);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    expect(await page.getByRole('heading', { name: /^很可能符合|^可能符合/ }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
