import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { launchChromium } from '../chromium.ts';
import { choose, expectAccessible, layoutProblems, newJourneyContext, open, pathOf } from '../journeys/helpers.ts';
import { makeStaff, recordUrls, signIn, submitApplication, type Account, type Submitted } from './helpers.ts';

/**
 * Exports from the queue, as staff use them with JavaScript off: the 导出 form under the filters
 * posts to the queue's own address (which holds only the filters) and the answer is the file. The
 * files are opened with a parser (csv-parse, exceljs) and checked: headers, masking by role, row
 * counts, formula safety, the BOM; a liaison officer gets only their township; every export is on
 * the audit page; the problems (unknown column set, no rows, full data for a clerk) are said in
 * Chinese on the page, never as an empty file. Counts rows of the whole queue: runs alone
 * (vitest.browser.config.ts, EXCLUSIVE).
 */
let browser: Browser;
let reviewer: Account;
let clerk: Account;
let officer: Account;
let admin: Account;
const mine: Submitted[] = [];
const sessions = new Map<Account, { context: BrowserContext; page: Page }>();

beforeAll(async () => {
  browser = await launchChromium();
  [reviewer, clerk, officer, admin] = await Promise.all([makeStaff('reviewer'), makeStaff('clerk'), makeStaff('officer', 'chengguan'), makeStaff('admin')]);
  mine.push(await submitApplication('chengguan', '导出甲乙'), await submitApplication('chengguan', '=HYPERLINK("http://example.invalid")'), await submitApplication('dongfeng', '导出丙丁'));
});
afterAll(async () => browser?.close());

/** A signed-in page of this account (JavaScript off), made once. */
async function session(account: Account): Promise<Page> {
  const known = sessions.get(account);
  if (known) return known.page;
  const context = await newJourneyContext(browser, false, { acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, account);
  sessions.set(account, { context, page });
  return page;
}

/** The export form posted as the browser posts it (same cookies, Origin), to the queue with `query` (filters only). */
async function post(account: Account, fields: Record<string, string>, query = '', prefix = ''): Promise<APIResponse> {
  const page = await session(account);
  const base = new URL(page.url()).origin;
  return page.context().request.post(`${base}${prefix}/staff/queue/${query}`, {
    form: { intent: 'export', ...fields }, headers: { Origin: base }, maxRedirects: 0,
  });
}

const csvRecords = (body: Buffer): string[][] => parse(body.toString('utf8'), { bom: true });
async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
/** The queue's own count for these filters ("共 N 份"), as the page says it. */
async function queueTotal(account: Account, query = ''): Promise<number> {
  const page = await session(account);
  await open(page, `/staff/queue/${query}`);
  return Number((await page.locator('caption').last().innerText()).match(/(\d+) 份/)![1]);
}

describe('the export form on the queue', () => {
  it('is accessible with JavaScript off and downloads the filtered queue as XLSX through the form, keyboard only', async () => {
    const page = await session(reviewer);
    const urls = recordUrls(page.context());
    await open(page, '/staff/queue/?township=chengguan');
    expect(await page.getByRole('heading', { name: '导出', exact: true }).count()).toBe(1);
    await choose(page, '申请列表（按筛选条件）', '导出内容');
    await choose(page, 'Excel 表格（.xlsx）', '文件格式');
    await choose(page, '包含完整的姓名、身份证号、电话和地址', '姓名、身份证号和电话');
    await expectAccessible(page, 'queue with the export form filled in');
    const button = page.getByRole('button', { name: '导出', exact: true });
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^申请列表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = await xlsxRows(await readFile((await download.path())!));
    expect(rows[0]).toEqual(['序号', '申请编号', '服务', '业务类型', '姓名', '身份证号', '乡镇（街道）', '状态', '渠道', '提交日期', '最近办理日期', '办结日期']);
    expect(rows.length - 1).toBe(await queueTotal(reviewer, '?township=chengguan'));
    const ours = rows.find((r) => r[1] === mine[0]!.reference)!;
    expect(ours.slice(2, 9)).toEqual(['残疾人证', '新办残疾人证（第一次申请）', '导出甲乙', mine[0]!.idNumber, '城关镇', '已提交（待受理）', '其他渠道']);
    expect(ours[9]).toBeInstanceOf(Date);
    expect(rows.every((r, i) => i === 0 || r[6] === '城关镇')).toBe(true);
    // The formula-like name is text in the cell, not a formula.
    expect(rows.find((r) => r[1] === mine[1]!.reference)![4]).toBe('=HYPERLINK("http://example.invalid")');
    // Nothing personal in any address the browser asked for.
    for (const url of urls) expect(url).not.toMatch(/\d{17}[\dX]|导出甲乙/);
  });

  it('CSV: BOM, CRLF, RFC 4180, formula-safe, masked by default for any role', async () => {
    const response = await post(clerk, { set: 'queue', format: 'csv', data: 'masked' }, '?township=chengguan');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="queue-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    const body = await response.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8').split('\r\n').length).toBeGreaterThan(2);
    expect(body.toString('utf8')).not.toMatch(/[^\r]\n/);
    const records = csvRecords(body);
    expect(records.length - 1).toBe(await queueTotal(clerk, '?township=chengguan'));
    const ours = records.find((r) => r[1] === mine[0]!.reference)!;
    expect(ours[4]).toBe('导出**');
    expect(ours[5]).toBe(`${mine[0]!.idNumber.slice(0, 6)}********${mine[0]!.idNumber.slice(-4)}`);
    expect(records.find((r) => r[1] === mine[1]!.reference)![4]).toBe(`'=H${'*'.repeat([...'=HYPERLINK("http://example.invalid")'].length - 2)}`);
    expect(body.toString('utf8')).not.toContain(mine[0]!.idNumber);
  });

  it('full data only for the roles allowed: a clerk who asks is told so in Chinese, with the form kept', async () => {
    const response = await post(clerk, { set: 'queue', format: 'csv', data: 'full' });
    expect(response.status()).toBe(422);
    expect(response.headers()['content-type']).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('您的角色只能导出遮盖后的信息');
    // A clerk is not even offered the choice.
    const page = await session(clerk);
    await open(page, '/staff/queue/');
    expect(await page.getByLabel('包含完整的姓名、身份证号、电话和地址', { exact: true }).count()).toBe(0);
    expect(await page.getByText('姓名只留姓和最后一个字（如 王*华），身份证号只留前 6 位和后 4 位，电话只留前 3 位和后 4 位；不含出生日期、性别和地址。', { exact: true }).count()).toBe(1);
  });

  it('a liaison officer gets only their township, even when asking for another', async () => {
    const all = csvRecords(await (await post(officer, { set: 'queue', format: 'csv', data: 'full' })).body());
    expect(all.length).toBeGreaterThan(2);
    expect(new Set(all.slice(1).map((r) => r[6]))).toEqual(new Set(['城关镇']));
    expect(all.some((r) => r[5] === mine[0]!.idNumber)).toBe(true);
    expect(all.some((r) => r[1] === mine[2]!.reference)).toBe(false);
    const other = await post(officer, { set: 'queue', format: 'csv', data: 'masked' }, '?township=dongfeng');
    // The officer's queue ignores a township filter they do not have (it is not offered): still only theirs.
    const rows = other.status() === 200 ? csvRecords(await other.body()).slice(1) : [];
    expect(rows.every((r) => r[6] === '城关镇')).toBe(true);
  });

  it('the certificate issue list holds only certificates at 制证 or 办结, with its own headers', async () => {
    const response = await post(reviewer, { set: 'certificate-issue', format: 'xlsx', data: 'full' });
    // Nothing of ours has reached 制证: either other tests' applications, or the clear message.
    if (response.status() === 200) {
      const rows = await xlsxRows(await response.body());
      expect(rows[0]!.slice(0, 8)).toEqual(['序号', '姓名', '性别', '出生日期', '身份证号', '残疾人证号', '残疾类别', '残疾等级']);
      expect(rows.some((r) => mine.some((m) => r.includes(m.reference)))).toBe(false);
    } else {
      expect(response.status()).toBe(404);
      expect(await response.text()).toContain('没有符合筛选条件的申请，没有生成文件');
    }
  });

  it('says what is wrong in Chinese, never with an empty file: unknown column set, no rows, nothing chosen', async () => {
    const unknown = await post(reviewer, { set: 'two-subsidies', format: 'csv' });
    expect(unknown.status()).toBe(422);
    expect(await unknown.text()).toContain('没有这种导出内容，请从列出的内容中选择');
    const none = await post(reviewer, { set: 'queue', format: 'xlsx' }, '?from=2099-01-01');
    expect(none.status()).toBe(404);
    expect(none.headers()['content-type']).toMatch(/^text\/html/);
    expect(await none.text()).toContain('没有符合筛选条件的申请，没有生成文件');
    // The same through the form, with the error summary first and axe on the state.
    const page = await session(reviewer);
    await open(page, '/staff/queue/?from=2099-01-01');
    await choose(page, '申请列表（按筛选条件）', '导出内容');
    const button = page.getByRole('button', { name: '导出', exact: true });
    await button.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(pathOf(page)).toBe('/staff/queue/?from=2099-01-01');
    expect(await page.title()).toMatch(/^错误：/);
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['没有符合筛选条件的申请，没有生成文件。请修改筛选条件后再导出。']);
    await expectAccessible(page, 'export with no rows');
    await open(page, '/staff/queue/');
    const [nothing] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '导出', exact: true }).click()]);
    expect(nothing?.status()).toBe(422);
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['请选择导出内容']);
    await expectAccessible(page, 'export with nothing chosen');
    // And in Traditional script.
    const unknownHant = await post(reviewer, { set: 'two-subsidies', format: 'csv' }, '', '/zh-hant');
    expect(unknownHant.status()).toBe(422);
    expect(await unknownHant.text()).toContain('沒有這種導出內容，請從列出的內容中選擇');
    const noneHant = await post(reviewer, { set: 'queue', format: 'csv' }, '?from=2099-01-01', '/zh-hant');
    expect(noneHant.status()).toBe(404);
    expect(await noneHant.text()).toContain('沒有符合篩選條件的申請，沒有生成文件');
    await open(page, '/zh-hant/staff/queue/?from=2099-01-01');
    await choose(page, '殘疾人證發證名單', '導出內容');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '導出', exact: true }).click()]);
    expect(await page.locator('.error-summary li').allInnerTexts()).toEqual(['沒有符合篩選條件的申請，沒有生成文件。請修改篩選條件後再導出。']);
    await expectAccessible(page, 'export with no rows, Traditional');
  });

  it('every export is on the audit page: who, what, how many rows, masked or not', async () => {
    const page = await session(admin);
    await open(page, '/staff/audit/');
    const rows = await page.getByRole('row').filter({ hasText: '导出' }).allInnerTexts();
    expect(rows.some((r) => r.includes(clerk.name) && /申请列表（按筛选条件），\d+ 条，已遮盖，CSV/.test(r) && r.includes('乡镇（街道）：城关镇'))).toBe(true);
    expect(rows.some((r) => r.includes(reviewer.name) && /含完整信息，XLSX/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes(officer.name))).toBe(true);
    // Never the personal data itself.
    for (const r of rows) expect(r).not.toMatch(/\d{17}[\dX]|导出甲乙/);
  });

  it('reads at 320 px with 200% text and in forced colours, and in Traditional script (the file stays Simplified)', async () => {
    for (const forced of [false, true]) {
      const context = await newJourneyContext(browser, true, { viewport: { width: 320, height: 640 }, forcedColors: forced ? 'active' : 'none' });
      await context.addInitScript(() => localStorage.setItem('cl-display', JSON.stringify({ textSize: '3' })));
      const page = await context.newPage();
      await signIn(page, reviewer);
      await open(page, '/staff/queue/?from=2099-01-01');
      await choose(page, '残疾人证发证名单', '导出内容');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '导出', exact: true }).click()]);
      await expectAccessible(page, 'export problem at 320 px');
      expect(await layoutProblems(page), forced ? 'forced colours' : '200% text').toEqual([]);
      await page.locator('section.export').screenshot({ path: `test-results/screenshots/staff-export-320${forced ? '-forced' : ''}.png` });
      await context.close();
    }
    const page = await session(officer);
    await open(page, '/zh-hant/staff/queue/');
    await choose(page, '申請列表（按篩選條件）', '導出內容');
    await choose(page, 'CSV 文本（.csv）', '文件格式');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '導出', exact: true }).click()]);
    const records = csvRecords(await readFile((await download.path())!));
    expect(records[0]![0]).toBe('序号');
    expect(records[0]).toContain('乡镇（街道）');
    expect(new Set(records.slice(1).map((r) => r[6]))).toEqual(new Set(['城关镇']));
  });
});
