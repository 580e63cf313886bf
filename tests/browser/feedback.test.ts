import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { baseUrl, choose, expectAccessible, layoutProblems, MODES, newJourneyContext, open, pathOf, press } from './journeys/helpers.ts';
import { sealReceipt } from '../../src/lib/apply/receipt-token.ts';
import { todayInChina } from '../../src/domain/dates.ts';
import { makeStaff, signIn } from './staff/helpers.ts';
import { n, readDashboard } from './staff/dashboard-helpers.ts';

/**
 * Residents' feedback end to end, JavaScript on and off: "这个页面有用吗？" on a guide, an easy-read
 * page and a news item (in Traditional too), the reasons of a "没用", the receipt's satisfaction
 * question (its error state too), what the dashboard then counts, the limit per network, forged
 * posts, and that the public API key can neither read nor write any of it. Exclusive phase: it
 * compares the dashboard's counts before and after.
 */
const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => browser?.close());

const GUIDE = '/policies/disability-certificate/';
const EASY = '/policies/disability-certificate/easy-read/';

async function answerPage(page: Page, path: string, button: string | RegExp): Promise<void> {
  await open(page, path);
  const region = page.getByRole('region', { name: /^这个页面有用吗？$|^這個頁面有用嗎？$/ });
  expect(await region.count()).toBe(1);
  await press(page, button);
}

const receiptPath = (service = 'certificate') =>
  `/apply/receipt/?t=${encodeURIComponent(sealReceipt({ reference: 'K7M2Q9RX', service, action: service === 'certificate' ? 'new' : null, submittedOn: todayInChina(), forOther: false }))}`;

describe('feedback', () => {
  it('is given on content pages and on the receipt, JS on and off, and counted on the dashboard without the application', async () => {
    const reviewer = await makeStaff('reviewer');
    const staff = await newJourneyContext(browser, false);
    const staffPage = await staff.newPage();
    await signIn(staffPage, reviewer);
    const captions = ['回答“没用”最多的页面', '回答“没用”时选的原因', '满意程度'];
    const before = await readDashboard(staffPage, captions);

    for (const mode of MODES) {
      const context = await newJourneyContext(browser, mode.js);
      const page = await context.newPage();
      // A guide: 有用 → thanks, and the way back.
      await answerPage(page, GUIDE, /^有用\s*，这个页面有用$/);
      expect(pathOf(page)).toBe('/feedback/');
      expect(await page.locator('h1').innerText()).toBe('谢谢您的反馈');
      expect(await page.getByRole('link', { name: '回到刚才的页面' }).getAttribute('href')).toBe(GUIDE);
      // An easy-read page: 没用 → why (a fixed list, no box to type in) → thanks.
      await answerPage(page, EASY, /^没用\s*，这个页面没用$/);
      expect(await page.locator('h1').innerText()).toBe('谢谢。这个页面哪里不好？');
      expect(await page.locator('main textarea, main input[type=text]').count()).toBe(0);
      await choose(page, '没有我要找的内容', '谢谢。这个页面哪里不好？');
      await choose(page, '内容不对或者已经过时', '谢谢。这个页面哪里不好？');
      await press(page, '发送');
      expect(await page.locator('h1').innerText()).toBe('谢谢您的反馈');
      // Traditional: a news item, posted to the Traditional page.
      await answerPage(page, '/zh-hant/news/2015-zhucanri-autism/', /^有用\s*，這個頁面有用$/);
      expect(pathOf(page)).toBe('/zh-hant/feedback/');
      expect(await page.locator('h1').innerText()).toBe('謝謝您的反饋');
      // The receipt: unanswered → the error pattern; 满意 → thanks, with nothing of the reference sent.
      const sent: string[] = [];
      page.on('request', (r) => { if (r.method() === 'POST') sent.push(r.postData() ?? ''); });
      await open(page, receiptPath());
      await press(page, '发送');
      expect(await page.title()).toMatch(/^错误：/);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#f-rating');
      await choose(page, '满意', '您对这次网上申请满意吗？');
      await press(page, '发送');
      expect(await page.locator('h1').innerText()).toBe('谢谢您的反馈');
      expect(await page.locator('main').innerText()).toContain('您的申请不受任何影响');
      expect(sent.join('\n')).not.toMatch(/K7M2Q9RX|t=/);
      expect(sent.at(-1)).toBe('service=certificate&rating=satisfied');
      await context.close();
    }

    const after = await readDashboard(staffPage, captions);
    const delta = (caption: string, row: string, cell = 0) => n(after[caption]![row]?.[cell]) - (n(before[caption]![row]?.[cell]) || 0);
    expect(delta('回答“没用”最多的页面', '残疾人证办理', 0)).toBe(2); // yes: the guide, once per mode
    expect(delta('回答“没用”最多的页面', '残疾人证办理（易读版）', 1)).toBe(2); // no: the easy-read page
    expect(delta('回答“没用”时选的原因', '没有我要找的内容')).toBe(2);
    expect(delta('回答“没用”时选的原因', '内容不对或者已经过时')).toBe(2);
    expect(delta('回答“没用”时选的原因', '看不懂，说得不清楚')).toBe(0);
    expect(delta('满意程度', '满意')).toBe(2);
    await staff.close();
  });

  it('reads at 320 px and 200% text and in forced colours, on a content page, the reasons page and the receipt error', async () => {
    for (const forced of [false, true]) {
      const context = await newJourneyContext(browser, true, { viewport: { width: 320, height: 640 }, forcedColors: forced ? 'active' : 'none' });
      await context.addInitScript(() => localStorage.setItem('cl-display', JSON.stringify({ textSize: '3' })));
      const page = await context.newPage();
      const suffix = forced ? '-forced' : '';
      await open(page, EASY);
      expect(await layoutProblems(page), 'easy-read page').toEqual([]);
      await page.locator('.page-feedback').screenshot({ path: `${SHOTS}feedback-question-320${suffix}.png` });
      await press(page, /^没用\s*，这个页面没用$/);
      expect(await layoutProblems(page), 'reasons page').toEqual([]);
      await page.screenshot({ path: `${SHOTS}feedback-reasons-320${suffix}.png`, fullPage: true });
      await open(page, receiptPath());
      await press(page, '发送');
      await expectAccessible(page, `receipt error ${forced ? 'forced colours' : '200% text'}`);
      expect(await layoutProblems(page), 'receipt error').toEqual([]);
      await page.screenshot({ path: `${SHOTS}feedback-receipt-error-320${suffix}.png`, fullPage: true });
      await context.close();
    }
  });

  it('is limited per network: over the limit a page says how long to wait (429, Retry-After)', async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
    const post = (body: string) => fetch(`${baseUrl}/feedback/`, {
      method: 'POST', redirect: 'manual', body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl, 'X-Nf-Client-Connection-Ip': address },
    });
    for (let i = 0; i < 30; i++) expect((await post('page=/news/2016-zhucanri-wheelchair-marathon/&useful=yes')).status).toBe(200);
    const refused = await post('page=/news/2016-zhucanri-wheelchair-marathon/&useful=yes');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/从这个网络发来的反馈太多了（每 60 分钟最多 30 条），请 \d+ 分钟后再试/);
  });

  it('refuses forged posts with 400 and stores nothing of them', async () => {
    const post = (path: string, body: string) => fetch(`${baseUrl}${path}`, {
      method: 'POST', redirect: 'manual', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl },
    });
    expect((await post('/feedback/', 'page=/staff/queue/&useful=yes')).status).toBe(400);
    expect((await post('/feedback/', `page=${GUIDE}&useful=maybe`)).status).toBe(400);
    expect((await post('/feedback/', `page=${GUIDE}&step=reasons&id=${randomUUID()}&reason=我的身份证号`)).status).toBe(400);
    expect((await post('/feedback/', `page=${GUIDE}&step=reasons&id=${randomUUID()}&reason=other`)).status).toBe(404);
    expect((await post('/feedback/satisfaction/', 'service=nope&rating=satisfied')).status).toBe(400);
    expect((await post('/feedback/satisfaction/', 'service=certificate&rating=5')).status).toBe(400);
    const get = await fetch(`${baseUrl}/feedback/`, { redirect: 'manual' });
    expect(get.status).toBe(303);
  });

  it('cannot be read or written with the public (anon) key', async () => {
    const anon = createClient(inject('supabaseUrl'), inject('supabaseAnonKey'), { auth: { persistSession: false, autoRefreshToken: false } });
    const today = todayInChina();
    for (const [fn, args] of [
      ['give_page_feedback', { p_page: GUIDE, p_useful: true, p_client_key: 'x' }],
      ['give_satisfaction', { p_service: 'certificate', p_rating: 'satisfied', p_client_key: 'x' }],
      ['add_feedback_reasons', { p_id: randomUUID(), p_reasons: ['other'] }],
      ['staff_dashboard', { p_from: today, p_to: today, p_stale_before: `${today}T00:00:00+08:00` }],
    ] as const) {
      const r = await anon.rpc(fn, args);
      expect(r.error, fn).not.toBeNull();
      expect([401, 403], fn).toContain(r.status);
    }
  });
});
