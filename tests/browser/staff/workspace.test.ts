import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { choose, fill, layoutProblems, newJourneyContext, next, open, pathOf, press, receiptReference } from '../journeys/helpers.ts';
import { makeIdNumber } from '../../support/identities.ts';
import { codeNow, makeStaff, openApplication, signIn, submitApplication, type Account } from './helpers.ts';

/**
 * The rest of the workspace: administrators (accounts, a lost authenticator, the audit log),
 * counter intake through the residents' own journey, and every workspace page on a 320 px
 * screen at 200% text, in forced colours and in Traditional script.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const errorsOf = (page: Page) => page.locator('.error-summary li').allInnerTexts();

describe('administrators', () => {
  it('add a colleague (every mistake said), who then signs in with the first password and sets their own', async () => {
    const admin = await makeStaff('admin');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, admin);
    expect(pathOf(page)).toBe('/staff/users/');
    // Nothing of applications for an administrator.
    await open(page, '/staff/queue/');
    expect(pathOf(page)).toBe('/staff/users/');
    await press(page, '添加');
    expect(await errorsOf(page)).toEqual(['请输入正确的电子邮箱，例如 name@example.org', '请输入姓名', '请选择角色', '新密码至少要 12 个字符']);
    const email = `new-${Date.now()}@example.org`;
    await fill(page, '电子邮箱', email);
    await fill(page, '姓名', '新同事');
    await choose(page, '专职委员', '角色');
    await fill(page, '初始密码', 'first password 1');
    await press(page, '添加');
    expect(await errorsOf(page)).toEqual(['专职委员要选择负责的乡镇（街道）']);
    // What was typed is still there, but never the password.
    expect(await page.getByLabel('电子邮箱', { exact: true }).inputValue()).toBe(email);
    expect(await page.getByLabel('初始密码', { exact: true }).inputValue()).toBe('');
    await choose(page, '西山乡', '负责的乡镇（街道）');
    await fill(page, '初始密码', 'first password 1');
    await press(page, '添加');
    expect(await page.locator('.banner--success').innerText()).toContain('已添加 新同事');
    const row = page.getByRole('row', { name: /新同事/ });
    expect(await row.innerText()).toMatch(/专职委员\s+西山乡\s+在用/);
    await fill(page, '电子邮箱', email);
    await fill(page, '姓名', '又一位');
    await choose(page, '审核员', '角色');
    await fill(page, '初始密码', 'first password 2');
    await press(page, '添加');
    expect(await errorsOf(page)).toEqual(['这个邮箱已经有账号了']);

    const colleague: Account = { email, password: 'first password 1', name: '新同事', role: 'officer', township: 'xishan', userId: '' };
    const theirs = await newJourneyContext(browser, true);
    const theirPage = await theirs.newPage();
    await signIn(theirPage, colleague);
    expect(await theirPage.locator('.staff-header__who').innerText()).toBe('新同事（专职委员）');
    // A lost phone: the administrator resets the authenticator; the next sign-in sets one up again.
    await page.getByRole('row', { name: /新同事/ }).getByRole('button', { name: /^重置验证器/ }).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.banner--success').innerText()).toContain('已重置 新同事 的验证器');
    const again = await newJourneyContext(browser, false);
    const againPage = await again.newPage();
    const oldSecret = colleague.secret;
    await signIn(againPage, colleague);
    expect(colleague.secret).not.toBe(oldSecret);
    // Their earlier session ended with the reset.
    await open(theirPage, '/staff/queue/');
    expect(pathOf(theirPage)).toMatch(/^\/staff\/(\?expired=1)?$/);

    // The audit log says who did what to whom, newest first.
    await open(page, '/staff/audit/');
    const entries = await page.locator('tbody tr').allInnerTexts();
    expect(entries.some((e) => e.includes('重置工作人员的验证器') && e.includes('新同事'))).toBe(true);
    expect(entries.some((e) => e.includes('添加工作人员') && e.includes('新同事'))).toBe(true);
    await theirs.close();
    await again.close();
    await context.close();
  });

  it('read in the audit log every look at an application and every ID number shown, by whom', async () => {
    const clerk = await makeStaff('clerk');
    const admin = await makeStaff('admin');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, clerk);
    const app = await submitApplication('nanhu', '审计看');
    await openApplication(page, app.reference);
    await press(page, '显示完整身份证号');
    const adminContext = await newJourneyContext(browser, false);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin);
    await open(adminPage, '/staff/audit/');
    const mine = (await adminPage.locator('tbody tr').allInnerTexts()).filter((e) => e.includes(clerk.name));
    expect(mine.some((e) => e.includes('显示身份证号') && e.includes(app.reference))).toBe(true);
    expect(mine.some((e) => e.includes('打开申请') && e.includes(app.reference))).toBe(true);
    // Never the personal data itself.
    expect(await adminPage.locator('main').innerText()).not.toContain(app.idNumber);
    expect(await adminPage.locator('main').innerText()).not.toContain('审计看');
    await adminContext.close();
    await context.close();
  });
});

describe('counter intake', () => {
  it('a clerk fills the residents’ own journey for a walk-in resident; it says so on every page and is recorded as theirs', async () => {
    const clerk = await makeStaff('clerk');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, clerk);
    await open(page, '/staff/counter/');
    await press(page, '开始代录：残疾人证');
    const banner = () => page.locator('.banner', { hasText: '窗口代录' }).count();
    expect(pathOf(page)).toBe('/apply/certificate/action/');
    expect(await banner()).toBe(1);
    await choose(page, '新办残疾人证（第一次申请）');
    await next(page);
    await choose(page, '为自己申请');
    await next(page);
    expect(await banner()).toBe(1);
    await fill(page, '姓名', '窗口来');
    await fill(page, '身份证号', makeIdNumber('1959-08-08', String(Math.floor(Math.random() * 999)).padStart(3, '0'), '110108'));
    await fill(page, '电话', '13912340000');
    await fill(page, '户籍地址', '示例县西山乡 3 组');
    await next(page);
    await choose(page, '西山乡');
    await next(page);
    await choose(page, '视力残疾');
    await next(page);
    await choose(page, '示例县人民医院', '到哪家医院评定？');
    await choose(page, '需要', '您需要上门评定吗？');
    await next(page);
    await choose(page, '我承诺以上内容');
    await next(page);
    expect(pathOf(page)).toBe('/apply/certificate/check/');
    expect(await banner()).toBe(1);
    await press(page, '提交申请');
    const reference = await receiptReference(page);
    await openApplication(page, reference);
    const facts = await page.locator('.summary-list').first().innerText();
    expect(facts).toMatch(/来源\s+窗口代录/);
    expect(facts).toMatch(/乡镇（街道）\s+西山乡/);
    await context.close();
  });

  it('is for clerks only', async () => {
    const reviewer = await makeStaff('reviewer');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, reviewer);
    await open(page, '/staff/counter/');
    expect(pathOf(page)).toBe('/staff/queue/');
    expect(await page.getByRole('link', { name: '窗口代录' }).count()).toBe(0);
    await context.close();
  });
});

describe('every workspace page, as staff who need it read them', () => {
  it('on a 320 px screen at 200% text, in forced colours: nothing scrolls sideways, nothing overlaps', async () => {
    const clerk = await makeStaff('clerk');
    const admin = await makeStaff('admin');
    for (const forced of [false, true]) {
      const context = await newJourneyContext(browser, true, { viewport: { width: 320, height: 640 }, forcedColors: forced ? 'active' : 'none' });
      await context.addInitScript(() => localStorage.setItem('cl-display', JSON.stringify({ textSize: '3' })));
      const page = await context.newPage();
      await signIn(page, forced ? admin : clerk);
      const app = await submitApplication('chengguan', '窄屏看');
      const paths = forced ? ['/staff/users/', '/staff/audit/'] : ['/staff/queue/', await openApplication(page, app.reference), '/staff/counter/'];
      for (const path of paths) {
        await open(page, path);
        expect(await layoutProblems(page), `${path}${forced ? ' (forced colours)' : ''}`).toEqual([]);
      }
      await context.close();
    }
  });

  it('in Traditional script: find, read and decide under /zh-hant/', async () => {
    const reviewer = await makeStaff('reviewer');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, reviewer, '/zh-hant');
    const app = await submitApplication('dongfeng', '繁体看');
    const path = await openApplication(page, app.reference, '/zh-hant');
    expect(path.startsWith('/zh-hant/staff/applications/')).toBe(true);
    expect(await page.locator('h1').innerText()).toBe(`申請 ${app.reference}`);
    // What the applicant typed stays as typed.
    expect(await page.locator('main').innerText()).toContain('繁体看');
    await choose(page, '已受理', '下一步');
    await press(page, '確認辦理');
    expect(await page.locator('.banner--success').innerText()).toContain('已辦理：現在是「已受理」。');
    expect(pathOf(page).startsWith('/zh-hant/staff/applications/')).toBe(true);
    expect(codeNow(reviewer)).toMatch(/^\d{6}$/);
    await context.close();
  });
});
