import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../axe.ts';
import { launchChromium } from '../chromium.ts';
import { testSql } from '../test-data.ts';
import { baseUrl, choose, fill, MODES, newJourneyContext, open, pathOf, press } from '../journeys/helpers.ts';
import { ageSession, codeNow, makeStaff, openApplication, recordUrls, signIn, startNotice, submitApplication, type Account } from './helpers.ts';

/**
 * Deciding applications, as staff and applicants meet it: find one without its details in any
 * address, read it with the ID number masked until asked for, decide with a note the applicant
 * then reads on the status page (never the internal note), the full way to 办结, a colleague's
 * decision in between said plainly, officers kept to their township. JavaScript on and off.
 */
let browser: Browser;
let clerk: Account;
let reviewer: Account;
let clerkContext: BrowserContext;
let reviewerContext: BrowserContext;
let clerkPage: Page;
let reviewerPage: Page;

beforeAll(async () => {
  browser = await launchChromium();
  [clerk, reviewer] = await Promise.all([makeStaff('clerk'), makeStaff('reviewer')]);
  clerkContext = await newJourneyContext(browser, false);
  reviewerContext = await newJourneyContext(browser, true);
  clerkPage = await clerkContext.newPage();
  reviewerPage = await reviewerContext.newPage();
  await signIn(clerkPage, clerk);
  await signIn(reviewerPage, reviewer);
});
afterAll(async () => browser?.close());

const errorsOf = (page: Page) => page.locator('.error-summary li').allInnerTexts();
const decide = async (page: Page, to: string, note = '', internal = '') => {
  await choose(page, to, '下一步');
  if (note) await fill(page, '给申请人的说明', note);
  if (internal) await fill(page, '内部备注（选填）', internal);
  return press(page, '确认办理');
};
const historyOf = (page: Page) => page.locator('.timeline li').allInnerTexts();

/** What the applicant reads on /status/ (reference and the last 4 of the ID number). */
async function statusSeenBy(context: BrowserContext, reference: string, idNumber: string): Promise<Page> {
  const page = await context.newPage();
  await open(page, '/status/');
  await fill(page, '申请编号', reference);
  await fill(page, '申请人身份证号的后 4 位', idNumber.slice(-4));
  await press(page, '查询');
  expect(await page.locator('h1').innerText()).toBe('申请进度');
  return page;
}

for (const mode of MODES) {
  describe(`with ${mode.name}`, () => {
    it('find, read masked, show the ID (once asked), ask for more with a note the applicant reads; then accept', async () => {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      const urls = recordUrls(context);
      const me = await makeStaff('clerk');
      await signIn(page, me);
      const app = await submitApplication('chengguan', `${mode.js ? '江' : '河'}小华`);
      // By name (part of it) first: the queue shows it masked.
      await fill(page, '姓名、身份证号或申请编号', app.name.slice(0, 2));
      await press(page, '查找');
      const row = page.locator('table', { has: page.locator('caption', { hasText: '查找结果' }) }).getByRole('row', { name: new RegExp(app.reference) });
      expect(await row.innerText()).toContain(`${app.name[0]}*${app.name.at(-1)}`);
      expect(await row.innerText()).not.toContain(app.name);
      const path = await openApplication(page, app.reference, '', app.idNumber.toLowerCase());
      expect(await page.locator('h1').innerText()).toBe(`申请 ${app.reference}`);
      expect(await page.content()).not.toContain(app.idNumber);
      const idCell = page.locator('.summary-row', { has: page.locator('dt', { hasText: /^身份证号$/ }) }).first().locator('dd');
      expect(await idCell.innerText()).toMatch(/^110106\*{8}\d{3}[\dX]/);
      expect(await idCell.innerText()).toContain(app.idNumber.slice(-4));
      await press(page, '显示完整身份证号');
      expect(await idCell.innerText()).toContain(app.idNumber);
      expect(pathOf(page)).toBe(path);

      // Deciding: every mistake said, what was typed kept.
      await press(page, '确认办理');
      expect(await errorsOf(page)).toEqual(['请选择下一步']);
      await choose(page, '需补正', '下一步');
      await press(page, '确认办理');
      expect(await errorsOf(page)).toEqual(['请写给申请人的说明：原因，以及接下来怎么办']);
      await decide(page, '需补正', '请回电 13912345678', '已电话联系');
      expect(await errorsOf(page)).toEqual(['给申请人的说明里不能有身份证号或电话号码（申请人查询进度时会看到）']);
      expect(await page.getByLabel('给申请人的说明', { exact: true }).inputValue()).toBe('请回电 13912345678');
      expect(await page.getByLabel('内部备注（选填）', { exact: true }).inputValue()).toBe('已电话联系');
      await decide(page, '需补正', '请补交近期免冠照片 2 张。\n材料可以请家人代交。', '已电话联系本人');
      expect(await page.locator('.banner--success').innerText()).toContain('已办理：现在是“需补正”。');
      const history = await historyOf(page);
      expect(history.at(-1)).toContain('需补正');
      expect(history.at(-1)).toContain(me.name);
      expect(history.at(-1)).toContain('内部备注：已电话联系本人');

      // The applicant: what to do, first; the note with its line break; never the internal note.
      const resident = await newJourneyContext(browser, mode.js);
      let status = await statusSeenBy(resident, app.reference, app.idNumber);
      const banner = status.locator('.banner', { hasText: '需要您补正' });
      expect(await banner.innerText()).toContain('请补交近期免冠照片 2 张。\n材料可以请家人代交。');
      expect(await status.content()).not.toContain('已电话联系本人');
      expect(await status.locator('.timeline').innerText()).toContain('需补正：请按说明补充材料或更正信息');

      await decide(page, '已受理', '材料齐了。');
      expect(await page.locator('.banner--success').innerText()).toContain('已办理：现在是“已受理”。');
      status = await statusSeenBy(resident, app.reference, app.idNumber);
      expect(await status.locator('main').innerText()).toContain('现在：已受理：工作人员已经受理您的申请');
      expect(await status.locator('h2', { hasText: '接下来' }).count()).toBe(1);
      expect(await status.locator('.banner', { hasText: '需要您补正' }).count()).toBe(0);
      await resident.close();

      for (const url of urls) {
        expect(url).not.toContain(app.name);
        expect(url).not.toContain(app.idNumber.slice(6));
        expect(url.toLowerCase()).not.toContain(app.idNumber.toLowerCase());
        expect(url).not.toContain('免冠照片');
      }
      await context.close();
    });
  });
}

describe('the whole way', () => {
  it('a new certificate from 已提交 to 办结, each step by the role allowed it; the applicant reads each step', async () => {
    const app = await submitApplication('dongfeng', '示例丙明');
    const clerkPath = await openApplication(clerkPage, app.reference);
    const options = async (page: Page) => page.getByRole('group', { name: '下一步' }).getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels![0]!.textContent!.trim()));
    expect(await options(clerkPage)).toEqual(['已受理', '需补正', '不予受理', '已撤回']);
    await decide(clerkPage, '已受理');
    await decide(clerkPage, '评定 / 评估', '请按电话通知的时间到县人民医院评定。');
    // The clerk's part ends here: the reviewer decides the rest.
    expect(await clerkPage.getByText('这份申请现在没有您可以办理的下一步。').count()).toBe(0);
    expect(await options(clerkPage)).toEqual(['已撤回']);
    await reviewerPage.goto(`${baseUrl}${clerkPath}`);
    // 公示 has its own form: the assessed category and grade (tests/browser/notices.test.ts follows it to the public page).
    await startNotice(reviewerPage);
    await decide(reviewerPage, '审核');
    // 审核 has a deadline (10 working days): the queue shows it on the row, as the application page does.
    const deadlineCell = async () => {
      await open(reviewerPage, '/staff/queue/?status=review');
      const row = reviewerPage.locator('tr', { has: reviewerPage.getByRole('link', { name: app.reference, exact: true }) });
      return (await row.locator('td[data-label="本环节期限"]').innerText()).trim();
    };
    expect(await deadlineCell()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日前$/);
    expect(await axeViolations(reviewerPage)).toEqual([]);
    const backdated = await testSql(
      `update intake.status_events set created_at = created_at - interval '40 days'
       where status = 'review' and application_id = (select id from intake.applications where reference = $1) returning id`, [app.reference]);
    expect(backdated.affected).toBe(1);
    expect(await deadlineCell()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日前 已超期$/);
    expect(await axeViolations(reviewerPage)).toEqual([]);
    await reviewerPage.goto(`${baseUrl}${clerkPath}`);
    expect(await reviewerPage.locator('.deadline').innerText()).toContain('已超过本环节期限');
    await decide(reviewerPage, '制证 / 制卡');
    await decide(reviewerPage, '办结', '证已制好，请带身份证到服务大厅领取。');
    expect(await reviewerPage.locator('.banner--success').innerText()).toContain('已办理：现在是“办结”。');
    expect(await reviewerPage.getByText('这份申请现在没有您可以办理的下一步。').count()).toBe(1);
    const steps = await historyOf(reviewerPage);
    // 已提交, then the six decisions, each with who took it.
    expect(steps).toHaveLength(7);
    expect(steps.at(-1)).toContain(reviewer.name);
    const resident = await newJourneyContext(browser, false);
    const status = await statusSeenBy(resident, app.reference, app.idNumber);
    expect(await status.locator('main').innerText()).toContain('这份申请已经办结');
    expect(await status.locator('.timeline li').count()).toBe(7);
    expect(await status.locator('h2', { hasText: '接下来' }).count()).toBe(0);
    await resident.close();
  });

  it('refusing says how to ask for a review, in the applicant’s note', async () => {
    const app = await submitApplication('chengguan', '示例丁芳');
    await openApplication(reviewerPage, app.reference);
    await decide(reviewerPage, '不予受理', '户籍不在本县，请到户籍地残联申请。');
    const resident = await newJourneyContext(browser, true);
    const status = await statusSeenBy(resident, app.reference, app.idNumber);
    const last = await status.locator('.timeline li').last().innerText();
    expect(last).toContain('户籍不在本县，请到户籍地残联申请。');
    expect(last).toContain('15 个工作日内');
    await resident.close();
  });
});

describe('two people, one application', () => {
  it('a colleague’s decision in between is said plainly; nothing is overwritten and what was typed stays', async () => {
    const app = await submitApplication('xishan', '示例戊强');
    const path = await openApplication(clerkPage, app.reference);
    await reviewerPage.goto(`${baseUrl}${path}`);
    await decide(reviewerPage, '已受理');
    const answer = await decide(clerkPage, '需补正', '请补交户口簿复印件。');
    expect(answer?.status()).toBe(409);
    expect(await clerkPage.locator('.banner', { hasText: '另一位工作人员' }).innerText()).toContain('另一位工作人员已经办理了这份申请，现在是“已受理”');
    expect(await clerkPage.getByLabel('给申请人的说明', { exact: true }).inputValue()).toBe('请补交户口簿复印件。');
    const steps = await historyOf(clerkPage);
    expect(steps.filter((s) => s.includes('需补正'))).toEqual([]);
    expect(steps.at(-1)).toContain(reviewer.name);
  });

  it('a decision posted after the session ended is kept, and comes back after signing in again', async () => {
    const app = await submitApplication('beiling', '示例己平');
    await openApplication(clerkPage, app.reference);
    await choose(clerkPage, '需补正', '下一步');
    await fill(clerkPage, '给申请人的说明', '请补交一张近期照片。');
    await fill(clerkPage, '内部备注（选填）', '下午来电');
    const before = pathOf(clerkPage);
    await ageSession(clerkContext, 31);
    await press(clerkPage, '确认办理');
    expect(pathOf(clerkPage)).toBe('/staff/?expired=1');
    await fill(clerkPage, '电子邮箱', clerk.email);
    await fill(clerkPage, '密码', clerk.password);
    await press(clerkPage, '登录');
    await fill(clerkPage, '6 位动态码', codeNow(clerk));
    await press(clerkPage, '确认');
    expect(pathOf(clerkPage)).toBe(before);
    expect(await clerkPage.getByLabel('给申请人的说明', { exact: true }).inputValue()).toBe('请补交一张近期照片。');
    expect(await clerkPage.getByLabel('内部备注（选填）', { exact: true }).inputValue()).toBe('下午来电');
    expect(await clerkPage.getByRole('radio', { name: '需补正' }).isChecked()).toBe(true);
    // Nothing was decided while signed out.
    expect((await historyOf(clerkPage)).filter((s) => s.includes('需补正'))).toEqual([]);
    await press(clerkPage, '确认办理');
    expect(await clerkPage.locator('.banner--success').innerText()).toContain('已办理：现在是“需补正”。');
  });
});

describe('officers', () => {
  it('see and decide only their own township’s applications, whatever address they type', async () => {
    const officer = await makeStaff('officer', 'chengguan');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, officer);
    const own = await submitApplication('chengguan', '示例庚东');
    const other = await submitApplication('nanhu', '示例辛南');
    await openApplication(page, own.reference);
    await decide(page, '已受理');
    expect(await page.locator('.banner--success').innerText()).toContain('已受理');
    await open(page, '/staff/queue/');
    await fill(page, '姓名、身份证号或申请编号', other.reference);
    await press(page, '查找');
    expect(await page.getByRole('link', { name: other.reference }).count()).toBe(0);
    // The other township's application by its address (a colleague's link): not there for them.
    const otherPath = await openApplication(clerkPage, other.reference);
    const response = await open(page, otherPath);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('没有这份申请，或者您没有权限查看。');
    // No township filter for them: the queue is theirs already.
    expect(await page.getByLabel('乡镇（街道）', { exact: true }).count()).toBe(0);
    await context.close();
  });
});

describe('hostile input', () => {
  it('is shown as text, refused plainly, and never answered with a 5xx', async () => {
    const app = await submitApplication('chengguan', '<b>示例</b>"\'&');
    const path = await openApplication(clerkPage, app.reference);
    expect(await clerkPage.locator('main b').evaluateAll((els) => els.map((e) => e.outerHTML))).toEqual([]);
    expect(await clerkPage.locator('main').innerText()).toContain('<b>示例</b>"\'&');
    await open(clerkPage, '/staff/queue/');
    await fill(clerkPage, '姓名、身份证号或申请编号', '<script>alert(1)</script>');
    await press(clerkPage, '查找');
    expect(await clerkPage.locator('script').evaluateAll((els) => els.filter((e) => e.textContent?.includes('alert(1)')).length)).toBe(0);
    expect(await clerkPage.getByRole('status').filter({ hasText: '没有找到' }).innerText()).toContain('<script>alert(1)</script>');
    await fill(clerkPage, '姓名、身份证号或申请编号', '一');
    const short = await press(clerkPage, '查找');
    expect(short?.status()).toBe(422);
    expect(await errorsOf(clerkPage)).toEqual(['请输入 2 到 40 个字']);
    for (const bad of ['/staff/applications/not-an-id/', '/staff/applications/00000000-0000-0000-0000-000000000000/', "/staff/queue/?status=x'--&page=-1&from=2026-02-30&service[]=1"]) {
      const response = await open(clerkPage, bad);
      expect(response!.status(), bad).toBeLessThan(500);
    }
    expect(await errorsOf(clerkPage)).toEqual(['日期请写成 2026-11-30 这样']);
    // Forged decision forms, posted with the clerk's own session.
    const cookies = (await clerkContext.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': type, Origin: baseUrl, Cookie: cookies }, body, redirect: 'manual' });
    for (const body of ['do=decide&version=abc&to=accepted', 'do=decide&version=1&to=completed', `do=decide&version=1&to=needs_info&note=${'长'.repeat(5000)}`,
      'do=assign&version=1&assignee=not-a-user', 'do=take&version=999&me=00000000-0000-0000-0000-000000000000', 'do=whatever', '%%%', 'do=decide&to=accepted&to=refused']) {
      const response = await post(body);
      expect(response.status, body).toBeLessThan(500);
    }
    expect((await post('{"do":"decide"}', 'application/json')).status).toBe(415);
    expect((await post(`note=${'x'.repeat(300_000)}`)).status).toBe(413);
  });
});
