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

async function type(page: Page, label: string | RegExp, text: string) {
  await page.getByLabel(label).focus();
  await page.keyboard.type(text);
}

async function resultTitles(page: Page, heading: RegExp): Promise<string[]> {
  const list = page.getByRole('heading', { name: heading }).locator('xpath=following-sibling::*[1]');
  return list.locator('h4').allTextContents();
}

/** The resident, answered by his son: certificate held (limb 三级, no number), 45, registered here, 低保, not working. */
async function answerForFatherOf45(page: Page) {
  await choose(page, '为家人或别人');
  await choose(page, '有', /有残疾人证吗/);
  await choose(page, '肢体', /残疾类别是什么/);
  await choose(page, '三级', /残疾等级是几级/);
  // Without JavaScript the labels say 您 until the page comes back from the server.
  await type(page, /今年多大？/, '45');
  await choose(page, '是', /户口在/);
  await choose(page, '享受低保');
  await choose(page, '没有工作，也不找工作');
}

const results = (page: Page) => page.getByRole('region', { name: '结果' });

/** What the family member reads: reasons with his answers, plain names, amounts with their scope; nothing that does not apply. */
async function expectHonestResults(page: Page) {
  await page.getByText('展开查看不符合的原因').focus();
  await page.keyboard.press('Enter');
  const text = (await results(page).innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('困难老年残疾人生活救助：原因：需要年满 60 周岁；您填写的申请人是 45 岁。');
  expect(text).toContain('低保边缘家庭残疾人生活补贴：原因：需要家庭经济情况是低保边缘；您填写的申请人是低保家庭。');
  expect(text).toContain('职业技能培训和就业服务：原因：需要正在找工作；您填写的申请人是不工作也不找工作。');
  expect(text).not.toContain('原因：年满');
  // A holder is not offered a first certificate, nor told he fails its condition.
  expect(text).not.toContain('残疾人证办理（新办）');
  expect(text).not.toContain('首次办证补贴');
  expect(text).toMatch(/另有 \d+ 项服务按上面的回答与他（她）的情况无关/);
  // The national subsidy with its configured amount, whose rule it is, from when, from where.
  const living = page.locator('.result', { has: page.getByRole('heading', { name: '困难残疾人生活补贴', exact: true }) });
  expect((await living.innerText()).replace(/\s+/g, '')).toContain('每人每月100元（本省规定，2025年1月1日起执行；来源：');
  expect(await resultTitles(page, /^很可能符合/)).toContain('困难残疾人生活补贴');
  // Every "may be eligible" says what to check.
  const maybe = page.getByRole('heading', { name: /^可能符合/ }).locator('xpath=following-sibling::*[1]').locator(':scope > li');
  for (const item of await maybe.all()) expect(await item.innerText()).toContain('需要核实：');
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

  it('the reasons say what the rule needs and what was answered; what does not apply is not listed', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await answerForFatherOf45(page);
    await expect.poll(() => resultTitles(page, /^很可能符合/)).toContain('困难残疾人生活补贴');
    await expectHonestResults(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('多重: a benefit for one category is "may be eligible" with which disabilities to check, never "not eligible"', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await choose(page, '有', /有残疾人证吗/);
    await choose(page, '多重', /残疾类别是什么/);
    await choose(page, '一级', /残疾等级是几级/);
    await choose(page, '是', /户口在/);
    await expect.poll(() => resultTitles(page, /^可能符合/)).toContain('盲人免费乘坐城市公共交通');
    const blind = page.locator('.result', { has: page.getByRole('heading', { name: '盲人免费乘坐城市公共交通' }) });
    expect(await blind.innerText()).toContain('需要残疾类别是视力；证上是多重残疾，要核对其中有没有视力残疾、是几级');
    await page.close();
  });

  it('an invalid certificate number: no results until it is corrected', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await choose(page, '享受低保');
    await type(page, '残疾人证号（可以不填）', '11010519491231002942');
    await expect.poll(() => results(page).innerText()).toContain('上面有回答需要改正');
    expect(await page.getByRole('heading', { name: /^很可能符合|^可能符合|^目前不符合/ }).count()).toBe(0);
    expect(await results(page).getByRole('link', { name: /校验不通过/ }).getAttribute('href')).toBe('#f-certificateNumber');
    await page.getByLabel('残疾人证号（可以不填）').fill(CERTIFICATE);
    await expect.poll(() => resultTitles(page, /^可能符合/)).toContain('困难残疾人生活补贴');
    expect(await results(page).innerText()).not.toContain('上面有回答需要改正');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('answering 不知道 everywhere says so and what to do, not "answer the questions"', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await choose(page, '不知道', /有残疾人证吗/);
    await choose(page, '不知道', /户口在/);
    await choose(page, '不知道', /家里是哪种情况/);
    await expect.poll(() => results(page).innerText()).toContain('您回答了 3 个问题，都选了“不知道”，所以现在还不能判断哪一项符合。');
    const text = await results(page).innerText();
    expect(text).not.toContain('回答问题后');
    expect(text).toContain('可以先找出残疾人证和户口本');
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 5000 }).toContain('都选了“不知道”');
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
    // The island moves focus once the summary has rendered (a task after it): wait for it, not a tick.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
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

  it('the server gives the same reasons, and leaves out what does not apply', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await answerForFatherOf45(page);
    await page.getByRole('button', { name: '查看结果' }).focus();
    await Promise.all([page.waitForURL(/\/benefits\/results\/$/), page.keyboard.press('Enter')]);
    await expectHonestResults(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('answering 不知道 everywhere: the server says what was answered and that nothing can be decided yet', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/benefits/`);
    await choose(page, '不知道', /有残疾人证吗/);
    await choose(page, '不知道', /户口在/);
    await page.getByRole('button', { name: '查看结果' }).focus();
    await Promise.all([page.waitForURL(/\/benefits\/results\/$/), page.keyboard.press('Enter')]);
    const text = await results(page).innerText();
    expect(text).toContain('您回答了 2 个问题，都选了“不知道”');
    expect(text).not.toContain('回答问题后');
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
    expect(await link.getAttribute('href')).toBe('#f-certificateNumber');
    const input = page.getByLabel('残疾人证号（可以不填）');
    expect(await input.inputValue()).toBe('11010519491231002942');
    expect(await input.getAttribute('aria-describedby')).toContain('f-certificateNumber-error');
    expect(await page.locator('#f-certificateNumber-error').textContent()).toMatch(/^错误：/);
    expect(await page.getByLabel('享受低保').isChecked()).toBe(true);
    // No verdicts computed without the number: the results say to correct it first.
    expect(await page.getByRole('heading', { name: /^很可能符合|^可能符合|^目前不符合/ }).count()).toBe(0);
    expect(await results(page).innerText()).toContain('上面有回答需要改正');
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
    // The generated reasons are converted too: "…；您填写的是低保家庭".
    await page.getByText('展開查看不符合的原因').click();
    expect(await page.getByRole('region', { name: '結果' }).innerText()).toContain('需要家庭經濟情況是低保邊緣；您填寫的是低保家庭');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
