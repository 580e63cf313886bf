import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { baseUrl, fill, MODES, newJourneyContext, open, pathOf, press } from '../journeys/helpers.ts';
import { ageSession, codeNow, makeStaff, recordUrls, signIn } from './helpers.ts';

/**
 * Signing in to the workspace, as staff do: password, then an authenticator (set up on the first
 * sign-in, its secret shown as text), then a new password; the session that ends after 30 idle
 * minutes and keeps what was typed; signing out; throttling of guesses; a disabled account refused
 * at its next request. With JavaScript on and off, axe on every step, in both scripts.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const errorsOf = (page: import('playwright-core').Page) => page.locator('.error-summary li').allInnerTexts();

for (const mode of MODES) {
  describe(`signing in with ${mode.name}`, () => {
    it('first sign-in: wrong password and code said plainly, the authenticator set up from text, a new password, then the queue', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      const urls = recordUrls(context);
      const clerk = await makeStaff('clerk');
      await open(page, '/staff/');
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
      await press(page, '登录');
      expect(await errorsOf(page)).toEqual(['请输入电子邮箱', '请输入密码']);
      await fill(page, '电子邮箱', clerk.email);
      await fill(page, '密码', 'not-the-password');
      const wrong = await press(page, '登录');
      expect(wrong?.status()).toBe(422);
      expect(await errorsOf(page)).toEqual(['邮箱或密码不对。为了安全，我们不说是哪一项不对']);
      expect(await page.getByLabel('电子邮箱', { exact: true }).inputValue()).toBe(clerk.email);
      expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
      await fill(page, '密码', clerk.password);
      await press(page, '登录');
      expect(pathOf(page)).toBe('/staff/mfa/setup/');
      // The secret is text in groups of four (typed into an app, read by a screen reader), the same after a refresh.
      const shown = await page.locator('.code-box .code').innerText();
      expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
      await page.reload();
      expect(await page.locator('.code-box .code').innerText()).toBe(shown);
      expect(await page.getByRole('link', { name: '添加到验证器' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
      clerk.secret = shown.replace(/\s/g, '');
      await fill(page, '6 位动态码', '12345');
      await press(page, '确认');
      expect(await errorsOf(page)).toEqual(['动态码是 6 位数字']);
      const code = codeNow(clerk);
      await fill(page, '6 位动态码', code === '000000' ? '111111' : '000000');
      await press(page, '确认');
      expect(await errorsOf(page)).toEqual(['动态码不对或已经过期，请输入验证器上现在显示的数字']);
      // Full-width digits and spaces, as a phone keyboard may give them, are read as the code.
      await fill(page, '6 位动态码', `${codeNow(clerk).slice(0, 3)} ${codeNow(clerk).slice(3)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))));
      await press(page, '确认');
      expect(pathOf(page)).toBe('/staff/password/');
      // Not yet through: until the password is changed the workspace is closed.
      await fill(page, '新密码', 'short');
      await press(page, '保存新密码');
      expect(await errorsOf(page)).toEqual(['新密码至少要 12 个字符']);
      await fill(page, '新密码', 'a sentence I remember');
      await fill(page, '再输入一次新密码', 'a sentence I forgot');
      await press(page, '保存新密码');
      expect(await errorsOf(page)).toEqual(['两次输入的新密码不一样']);
      await fill(page, '新密码', clerk.password);
      await fill(page, '再输入一次新密码', clerk.password);
      await press(page, '保存新密码');
      expect(await errorsOf(page)).toEqual(['新密码不能和初始密码一样']);
      await fill(page, '新密码', 'a sentence I remember');
      await fill(page, '再输入一次新密码', 'a sentence I remember');
      await press(page, '保存新密码');
      expect(pathOf(page)).toBe('/staff/queue/');
      expect(await page.locator('.staff-header__who').innerText()).toBe(`${clerk.name}（窗口受理员）`);
      // No email, password or code in any address the browser asked for.
      for (const url of urls) expect(url).not.toMatch(new RegExp(`${clerk.email}|${clerk.password}|a sentence|${clerk.secret}`));
      // The session cookie: HttpOnly, not readable by scripts, no tokens in storage.
      const cookie = (await context.cookies()).find((c) => c.name === 'staff-session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate(() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toMatch(/eyJ/);
      await context.close();
    });
  });
}

describe('a signed-in session', () => {
  it('the second sign-in asks for the code only; half-signed-in reaches nothing; signing out ends it at Auth too', async () => {
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    const reviewer = await makeStaff('reviewer');
    await signIn(page, reviewer);
    const cookie = (await context.cookies()).find((c) => c.name === 'staff-session')!;
    await press(page, '退出');
    expect(pathOf(page)).toBe('/staff/?out=1');
    expect(await page.locator('.banner').innerText()).toContain('您已退出工作台。');
    await open(page, '/staff/queue/');
    expect(pathOf(page)).toBe('/staff/');
    // The old cookie, put back, is no use: the session was ended at Auth.
    await context.addCookies([cookie]);
    await open(page, '/staff/queue/');
    expect(pathOf(page)).toMatch(/^\/staff\/(\?expired=1)?$/);
    // Password only: every workspace page sends the person to the code.
    await fill(page, '电子邮箱', reviewer.email);
    await fill(page, '密码', reviewer.password);
    await press(page, '登录');
    expect(pathOf(page)).toBe('/staff/mfa/');
    for (const path of ['/staff/queue/', '/staff/users/', '/staff/audit/', '/staff/counter/']) {
      await open(page, path);
      expect(pathOf(page), path).toBe('/staff/mfa/');
    }
    await fill(page, '6 位动态码', codeNow(reviewer));
    await press(page, '确认');
    expect(pathOf(page)).toBe('/staff/queue/');
    await context.close();
  });

  it('ends after 30 idle minutes; a form posted then comes back, whole, after signing in again', async () => {
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    const clerk = await makeStaff('clerk');
    await signIn(page, clerk);
    await ageSession(context, 29);
    await open(page, '/staff/queue/');
    expect(pathOf(page)).toBe('/staff/queue/');
    await ageSession(context, 31);
    // A search typed and sent after the time ran out.
    await fill(page, '姓名、身份证号或申请编号', '无此人');
    await press(page, '查找');
    expect(pathOf(page)).toBe('/staff/?expired=1');
    expect(await page.locator('.banner').innerText()).toContain('您有 30 分钟没有操作');
    await fill(page, '电子邮箱', clerk.email);
    await fill(page, '密码', clerk.password);
    await press(page, '登录');
    await fill(page, '6 位动态码', codeNow(clerk));
    await press(page, '确认');
    expect(pathOf(page)).toBe('/staff/queue/');
    expect(await page.getByLabel('姓名、身份证号或申请编号', { exact: true }).inputValue()).toBe('无此人');
    expect(await page.getByRole('status').filter({ hasText: '没有找到' }).innerText()).toMatch(/^没有找到“无此人”/);
    await context.close();
  });

  it('with JavaScript, warns two minutes before, as an alert, and “继续工作” keeps the session without leaving the page', async () => {
    const context = await newJourneyContext(browser, true);
    const page = await context.newPage();
    await page.clock.install();
    const clerk = await makeStaff('clerk');
    await signIn(page, clerk);
    const warning = page.locator('.idle-warning');
    expect(await warning.isVisible()).toBe(false);
    expect(await page.locator('.idle-nojs').isVisible()).toBe(false);
    await page.getByLabel('姓名、身份证号或申请编号', { exact: true }).fill('正在输入');
    await page.clock.runFor(28 * 60_000 + 1000);
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.innerText()).toContain('2 分钟后会自动退出');
    // Focus stays where the person was typing.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-q');
    await page.getByRole('button', { name: '继续工作' }).focus();
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'hidden' });
    expect(await page.locator('.idle-status').innerText()).toBe('已延长，可以继续工作。');
    expect(await page.getByLabel('姓名、身份证号或申请编号', { exact: true }).inputValue()).toBe('正在输入');
    expect(pathOf(page)).toBe('/staff/queue/');
    await context.close();
  });
});

describe('guessing and disabled accounts', () => {
  it('after 5 wrong passwords the account waits, even with the right one; the message says for how long', async () => {
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    const officer = await makeStaff('officer', 'xishan');
    await open(page, '/staff/');
    for (let i = 0; i < 5; i++) {
      await fill(page, '电子邮箱', officer.email);
      await fill(page, '密码', `guess-${i}`);
      expect((await press(page, '登录'))?.status()).toBe(422);
    }
    await fill(page, '电子邮箱', officer.email.toUpperCase());
    await fill(page, '密码', officer.password);
    expect((await press(page, '登录'))?.status()).toBe(429);
    expect((await errorsOf(page))[0]).toMatch(/^尝试次数太多，请 1[45] 分钟后再试/);
    expect(pathOf(page)).toBe('/staff/');
    await context.close();
  });

  it('a disabled account is refused at its next request, and cannot sign in again', async () => {
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    const reviewer = await makeStaff('reviewer');
    await signIn(page, reviewer);
    const admin = await makeStaff('admin');
    const adminContext = await newJourneyContext(browser, false);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin);
    const row = adminPage.getByRole('row', { name: new RegExp(reviewer.name) });
    await row.getByRole('button', { name: new RegExp('^停用') }).focus();
    await Promise.all([adminPage.waitForNavigation(), adminPage.keyboard.press('Enter')]);
    expect(await adminPage.getByRole('row', { name: new RegExp(reviewer.name) }).innerText()).toContain('已停用');
    await open(page, '/staff/queue/');
    expect(pathOf(page)).toMatch(/^\/staff\/\?(disabled|expired)=1$/);
    await fill(page, '电子邮箱', reviewer.email);
    await fill(page, '密码', reviewer.password);
    await press(page, '登录');
    expect(await errorsOf(page)).toEqual(['这个账号已经停用。需要使用的，请找管理员']);
    await adminContext.close();
    await context.close();
  });
});

describe('in Traditional script', () => {
  it('the whole first sign-in under /zh-hant/, in Traditional usage', async () => {
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    const clerk = await makeStaff('clerk');
    await signIn(page, clerk, '/zh-hant');
    expect(pathOf(page)).toBe('/zh-hant/staff/queue/');
    expect(await page.locator('h1').innerText()).toBe('申請列表');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    await context.close();
  });
});

describe('refused requests', () => {
  it('a sign-in form of the wrong type or size gets a plain 4xx, never a 5xx', async () => {
    const post = (body: string, type: string) =>
      fetch(`${baseUrl}/staff/`, { method: 'POST', headers: { 'Content-Type': type, Origin: baseUrl }, body, redirect: 'manual' });
    expect((await post('{"email":"x"}', 'application/json')).status).toBe(415);
    expect((await post(`email=${'a'.repeat(300_000)}`, 'application/x-www-form-urlencoded')).status).toBe(413);
    expect((await post('email=%E0%A4%A&password=x', 'application/x-www-form-urlencoded')).status).toBeLessThan(500);
    expect((await post('email=a@b.c&password=x', 'text/plain')).status).toBe(415);
    // From another site: refused before anything is read.
    const cross = await fetch(`${baseUrl}/staff/`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' }, body: 'email=a@b.c&password=x' });
    expect(cross.status).toBe(403);
    for (const path of ['/staff/session/', '/staff/sign-out/']) {
      const r = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl }, body: '', redirect: 'manual' });
      expect(r.status, path).toBeLessThan(500);
    }
  });
});
