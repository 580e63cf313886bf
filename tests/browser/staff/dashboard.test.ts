import { gzipSync } from 'node:zlib';
import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../chromium.ts';
import { choose, expectAccessible, layoutProblems, newJourneyContext, open, pathOf, press } from '../journeys/helpers.ts';
import { makeIdNumber } from '../../support/identities.ts';
import { makeStaff, openApplication, signIn, submitApplication } from './helpers.ts';
import { chartOf, n, readDashboard, tableOf } from './dashboard-helpers.ts';

/**
 * The service dashboard against a seeded data set with known answers. The stand-in is shared with
 * the other test files, so the known answers are what the seeded set adds: the figures are read,
 * the set is made (through the residents' functions, as the site makes them), and the figures read
 * again. Runs in the exclusive phase (vitest.browser.config.ts), alone with the database.
 */
const service = createClient(inject('supabaseUrl'), inject('supabaseKey'), { auth: { persistSession: false, autoRefreshToken: false } });
const SHOTS = new URL('../../../test-results/screenshots/', import.meta.url).pathname;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(async () => browser?.close());

const CAPTIONS = {
  service: '各项服务的申请数量', township: '各乡镇（街道）的申请数量', channel: '申请从哪里来', completion: '各项服务的网上申请完成率',
  rating: '满意程度', reasons: '回答“没用”时选的原因', steps: '各步骤用时的中位数（工作日）', overdue: '各项服务超期未处理的申请',
} as const;

async function rpc<T>(fn: string, args: Record<string, unknown>): Promise<T> {
  const r = await service.rpc(fn, args);
  if (r.error) throw new Error(`${fn}: ${r.error.message}`);
  return r.data as T;
}

/** A journey on the web forms: started (a draft), and submitted unless abandoned. */
async function webJourney(township: string, submit: boolean): Promise<void> {
  const draft = await rpc<{ draft_id: string }>('create_draft', { p_service: 'certificate', p_action: 'new', p_client_key: `dash-${randomUUID()}` });
  if (!submit) return;
  const answers: Record<string, Record<string, string>> = {
    who: { applying_for: 'self' },
    applicant: { name: '看数据', id_number: makeIdNumber('1961-03-04', String(100 + Math.floor(Math.random() * 800)), '110106'), phone: '13800000000', hukou_address: '示例县人民路 1 号' },
    township: { township }, category: { category: '4' }, assessment: { hospital: 'county-people-hospital', home_visit: 'no' },
    declaration: { confirm: 'yes' },
  };
  for (const [page, a] of Object.entries(answers)) await rpc('save_page', { p_draft_id: draft.draft_id, p_page: page, p_answers: a });
  await rpc('submit_application', { p_draft_id: draft.draft_id, p_client_token: `dash-${randomUUID()}`, p_client_key: `dash-${randomUUID()}` });
}

describe('the service dashboard', () => {
  it('shows the figures a seeded data set adds, in each table and its chart alike; an officer sees their township', async () => {
    const reviewer = await makeStaff('reviewer');
    const officer = await makeStaff('officer', 'beiling');
    const context = await newJourneyContext(browser, false);
    const page = await context.newPage();
    await signIn(page, reviewer);
    expect(await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '服务数据' }).count()).toBe(1);
    const before = await readDashboard(page, Object.values(CAPTIONS));

    // The seeded set: 2 applications through the API and 1 through the web forms, all in 北岭乡; one
    // more web journey started and left; four ratings; two page answers, one "没用" with a reason.
    await submitApplication('beiling', '北岭甲');
    const second = await submitApplication('beiling', '北岭乙');
    await webJourney('beiling', true);
    await webJourney('beiling', false);
    for (const rating of ['very_satisfied', 'very_satisfied', 'dissatisfied', 'neutral']) {
      await rpc('give_satisfaction', { p_service: 'transit-card', p_rating: rating, p_client_key: `dash-${randomUUID()}` });
    }
    await rpc('give_page_feedback', { p_page: '/policies/care-services/', p_useful: true, p_client_key: `dash-${randomUUID()}` });
    const no = await rpc<{ id: string }>('give_page_feedback', { p_page: '/policies/care-services/', p_useful: false, p_client_key: `dash-${randomUUID()}` });
    await rpc('add_feedback_reasons', { p_id: no.id, p_reasons: ['other'] });
    // One step taken today, through the workspace: 已提交 → 已受理 (0 working days).
    await openApplication(page, second.reference);
    await choose(page, '已受理', '下一步');
    await press(page, '确认办理');

    const after = await readDashboard(page, Object.values(CAPTIONS));
    const delta = (caption: string, row: string, cell = 0) => n(after[caption]![row]?.[cell]) - (n(before[caption]![row]?.[cell]) || 0);
    expect(delta(CAPTIONS.service, '残疾人证')).toBe(3);
    expect(delta(CAPTIONS.township, '北岭乡')).toBe(3);
    expect(delta(CAPTIONS.channel, '网站')).toBe(1);
    expect(delta(CAPTIONS.channel, '其他网上渠道（接口）')).toBe(2);
    expect(delta(CAPTIONS.channel, '窗口代录')).toBe(0);
    expect(delta(CAPTIONS.completion, '残疾人证', 0)).toBe(2); // started
    expect(delta(CAPTIONS.completion, '残疾人证', 1)).toBe(1); // submitted
    expect(delta(CAPTIONS.rating, '非常满意')).toBe(2);
    expect(delta(CAPTIONS.rating, '不满意')).toBe(1);
    expect(delta(CAPTIONS.rating, '一般')).toBe(1);
    expect(delta(CAPTIONS.rating, '非常不满意')).toBe(0);
    expect(delta(CAPTIONS.reasons, '其他原因')).toBe(1);
    // Every step in this shared database was taken on the day it began.
    const step = page.getByRole('table', { name: CAPTIONS.steps }).getByRole('row', { name: /^残疾人证\s+已提交（待受理）/ });
    expect(await step.innerText()).toMatch(/^残疾人证\s+已提交（待受理）\s+\d+\s+0 个工作日$/);
    // The pages with most "没用" name the page by its title and link to it.
    expect(await page.getByRole('link', { name: '托养服务', exact: false }).count()).toBeGreaterThan(0);

    // The chart says what its table says, bar by bar, and draws the largest row full width.
    for (const caption of [CAPTIONS.service, CAPTIONS.township, CAPTIONS.channel, CAPTIONS.rating]) {
      const table = await tableOf(page, caption);
      const chart = await chartOf(page, caption);
      expect(chart.map((b) => b.label), caption).toEqual(Object.entries(table).map(([label, cells]) => `${label}：${cells[0]}（${cells[1]}）`));
      const counts = Object.values(table).map((c) => n(c[0]));
      const max = Math.max(...counts);
      chart.forEach((b, i) => expect(b.width, `${caption} ${b.label}`).toBeCloseTo(max ? Math.max(counts[i]! ? 1 : 0, Math.round((counts[i]! / max) * 1000) / 10) : 0, 1));
    }
    // One round trip, like every workspace page: the first response (HTML with its CSS inline) ≤ 14 KB gzipped.
    const response = await open(page, '/staff/dashboard/');
    const size = gzipSync(await response!.body()).length;
    console.log(`Dashboard first response: ${size} bytes gzipped`);
    expect(size).toBeLessThanOrEqual(14 * 1024);
    const reviewerBeiling = n(after[CAPTIONS.township]!['北岭乡']![0]);
    await context.close();

    // The officer of 北岭乡: only their township's applications.
    const theirs = await newJourneyContext(browser, true);
    const officerPage = await theirs.newPage();
    await signIn(officerPage, officer);
    await open(officerPage, '/staff/dashboard/');
    expect(await officerPage.locator('main').innerText()).toContain('申请的数字只含您负责的乡镇（街道）');
    const township = await tableOf(officerPage, CAPTIONS.township);
    expect(Object.keys(township)).toEqual(['北岭乡']);
    expect(n(township['北岭乡']![0])).toBe(reviewerBeiling);
    const services = await tableOf(officerPage, CAPTIONS.service);
    expect(Object.values(services).reduce((s, c) => s + n(c[0]), 0)).toBe(reviewerBeiling);
    await theirs.close();
  });

  it('offers the last 30, 90 or 365 days as a GET form; administrators have no dashboard', async () => {
    const clerk = await makeStaff('clerk');
    const context = await newJourneyContext(browser, true);
    const page = await context.newPage();
    await signIn(page, clerk);
    await open(page, '/staff/dashboard/');
    expect(await page.getByRole('link', { name: '服务数据' }).getAttribute('aria-current')).toBe('page');
    await page.getByLabel('时间范围').selectOption({ label: '最近 90 天' });
    await press(page, '查看');
    expect(new URL(page.url()).search).toBe('?period=90');
    const range = await page.locator('main p strong').first().innerText();
    const [from, to] = [...range.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g)].map((m) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    expect((to! - from!) / 86_400_000).toBe(89);
    await page.screenshot({ path: `${SHOTS}dashboard-desktop.png`, fullPage: true });
    await context.close();

    const admin = await makeStaff('admin');
    const adminContext = await newJourneyContext(browser, false);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin);
    expect(await adminPage.getByRole('link', { name: '服务数据' }).count()).toBe(0);
    await open(adminPage, '/staff/dashboard/');
    expect(pathOf(adminPage)).toBe('/staff/users/');
    await adminContext.close();
  });

  it('reads at 320 px and 200% text, in forced colours (bars drawn in the system text colour), JS on and off, in both scripts', async () => {
    const clerk = await makeStaff('clerk');
    for (const [forced, js] of [[false, true], [true, false]] as const) {
      const context = await newJourneyContext(browser, js, { viewport: { width: 320, height: 640 }, forcedColors: forced ? 'active' : 'none' });
      await context.addInitScript(() => localStorage.setItem('cl-display', JSON.stringify({ textSize: '3' })));
      const page: Page = await context.newPage();
      await signIn(page, clerk);
      for (const path of ['/staff/dashboard/', '/zh-hant/staff/dashboard/']) {
        await open(page, path);
        await expectAccessible(page, `${path} ${forced ? 'forced colours' : '200% text'}`);
        expect(await layoutProblems(page), path).toEqual([]);
      }
      if (forced) {
        const [fill, text] = await page.evaluate(() => [
          getComputedStyle(document.querySelector('.chart__bar rect')!).fill,
          getComputedStyle(document.querySelector('main')!).color,
        ]);
        expect(fill).toBe(text);
      }
      expect(await page.locator('main').innerText()).toContain('服務數據');
      await page.screenshot({ path: `${SHOTS}dashboard-320${forced ? '-forced' : ''}.png`, fullPage: true });
      await context.close();
    }
  });
});
