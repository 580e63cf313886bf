import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import { createClient } from '@supabase/supabase-js';
import type { BrowserContext, Page } from 'playwright-core';
import { totp } from '../../../dev/local-supabase/auth/totp.ts';
import { seal, unseal } from '../../../src/lib/apply/sealed.ts';
import { makeIdNumber } from '../../support/identities.ts';
import { fill, open, pathOf, press } from '../journeys/helpers.ts';

/**
 * The staff workspace as its users meet it: accounts made as a deployment makes them (Auth's
 * admin API, then bootstrap_staff_member), signing in through the pages with a real TOTP code,
 * and applications submitted through the residents' intake function.
 */
const service = createClient(inject('supabaseUrl'), inject('supabaseKey'), {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

export type Role = 'clerk' | 'reviewer' | 'officer' | 'admin';

export interface Account {
  email: string;
  password: string;
  name: string;
  role: Role;
  township: string | null;
  userId: string;
  /** Known once the authenticator has been set up (the first sign-in). */
  secret?: string;
}

const NAMES: Record<Role, string> = { clerk: '窗口', reviewer: '审核', officer: '委员', admin: '管理' };
const SUFFIX = '甲乙丙丁戊己庚辛壬癸';
let made = 0;

/** A new staff account with a first password (changed at first sign-in). */
export async function makeStaff(role: Role, township: string | null = null): Promise<Account> {
  const n = made++;
  const email = `${role}-${randomUUID().slice(0, 8)}@example.org`;
  const password = `first-password-${n}-${randomUUID().slice(0, 6)}`;
  const name = `${NAMES[role]}${SUFFIX[n % 10]}${n}`;
  const created = await service.auth.admin.createUser({ email, password, email_confirm: true, user_metadata: { must_change_password: true } });
  if (created.error || !created.data.user) throw new Error(`createUser: ${created.error?.message}`);
  const row = await service.rpc('bootstrap_staff_member', { p_user_id: created.data.user.id, p_display_name: name, p_role: role, p_township: township });
  if (row.error) throw new Error(`bootstrap_staff_member: ${row.error.message}`);
  return { email, password, name, role, township, userId: created.data.user.id };
}

/** A code the authenticator shows now. */
export const codeNow = (account: Account) => totp(account.secret!);

/**
 * Sign in through the pages, keyboard only, axe on every step: password; the authenticator set up
 * on the first sign-in (its secret read off the page, as a person types it into their app) or the
 * code; on the first sign-in a new password. Ends on the page the role lands on.
 */
export async function signIn(page: Page, account: Account, prefix = ''): Promise<void> {
  const text = prefix ? { email: '電子郵箱', password: '密碼', signIn: '登入', code: '6 位動態碼', confirm: '確認', newPw: '新密碼', again: '再輸入一次新密碼', save: '保存新密碼' }
    : { email: '电子邮箱', password: '密码', signIn: '登录', code: '6 位动态码', confirm: '确认', newPw: '新密码', again: '再输入一次新密码', save: '保存新密码' };
  await open(page, `${prefix}/staff/`);
  await fill(page, text.email, account.email);
  await fill(page, text.password, account.password);
  await press(page, text.signIn);
  if (pathOf(page) === `${prefix}/staff/mfa/setup/`) {
    account.secret = (await page.locator('.code-box .code').innerText()).replace(/\s/g, '');
    expect(account.secret).toMatch(/^[A-Z2-7]{32}$/);
  } else {
    expect(pathOf(page)).toBe(`${prefix}/staff/mfa/`);
  }
  await fill(page, text.code, codeNow(account));
  await press(page, text.confirm);
  if (pathOf(page) === `${prefix}/staff/password/`) {
    const chosen = `${account.password}-mine`;
    await fill(page, text.newPw, chosen);
    await fill(page, text.again, chosen);
    await press(page, text.save);
    account.password = chosen;
  }
  expect(pathOf(page)).toMatch(account.role === 'admin' ? /\/staff\/users\/$/ : /\/staff\/(queue|applications)\//);
}

let seq = 0;
let channel: Promise<string> | null = null;
/** The channel these submissions come through (as a partner's tablet would, with its own key). */
function testChannel(): Promise<string> {
  channel ??= (async () => {
    const made = await service.rpc('issue_api_key', { p_name: `工作台测试 ${randomUUID().slice(0, 8)}`, p_key_hash: randomUUID().replace(/-/g, '').repeat(2) });
    if (made.error) throw new Error(`issue_api_key: ${made.error.message}`);
    return (made.data as { id: string }).id;
  })();
  return channel;
}
export interface Submitted { reference: string; idNumber: string; name: string }

/** A certificate application submitted online (the residents' intake function), in a township. */
export async function submitApplication(township: string, name: string, action = 'new', id?: string): Promise<Submitted> {
  // A sequence of its own per call and per test file (files run in parallel): a search by ID number finds one.
  const idNumber = id ?? makeIdNumber(`19${String(40 + (seq++ % 50))}-04-02`, String(Math.floor(Math.random() * 999)).padStart(3, '0'), '110106');
  const answers: Record<string, Record<string, string>> = {
    who: { applying_for: 'self' },
    applicant: { name, id_number: idNumber, phone: '13800000000', hukou_address: '示例县人民路 1 号' },
    township: { township }, category: { category: '4' }, assessment: { hospital: 'county-people-hospital', home_visit: 'no' },
    declaration: { confirm: 'yes' },
  };
  const receipt = await service.rpc('submit_complete_application', {
    p_service: 'certificate', p_action: action, p_client_token: `staff-browser-${randomUUID()}`, p_answers: answers,
    p_client_key: `staff-browser-${randomUUID()}`, p_channel_id: await testChannel(),
  });
  if (receipt.error) throw new Error(`submit_complete_application: ${receipt.error.message}`);
  const reference = (receipt.data as { reference: string }).reference;
  return { reference, idNumber, name };
}

/**
 * Find an application (by its reference, or `query`: a name or ID number) from the queue's search (a POST: nothing in the address)
 * and open it, as a staff member does. Returns its workspace path.
 */
export async function openApplication(page: Page, reference: string, prefix = '', query = reference): Promise<string> {
  await open(page, `${prefix}/staff/queue/`);
  await fill(page, prefix ? '姓名、身份證號或申請編號' : '姓名、身份证号或申请编号', query);
  await press(page, prefix ? '查找' : '查找');
  expect(pathOf(page)).toBe(`${prefix}/staff/queue/`);
  const link = page.getByRole('link', { name: reference, exact: true }).first();
  await link.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(pathOf(page)).toMatch(/\/staff\/applications\/[0-9a-f-]{36}\/$/);
  return pathOf(page);
}

/**
 * Age the session of this browser by `minutes` (its idle clock lives in the sealed cookie, so a
 * test moves the time it records rather than waiting half an hour).
 */
export async function ageSession(context: BrowserContext, minutes: number): Promise<void> {
  const cookie = (await context.cookies()).find((c) => c.name === 'staff-session');
  if (!cookie) throw new Error('not signed in');
  const session = unseal('staff-session', cookie.value, 3000) as { lastActive: number };
  if (!session) throw new Error('could not read the session cookie: is SUPABASE_SECRET_KEY this server’s?');
  session.lastActive -= minutes * 60_000;
  await context.addCookies([{ ...cookie, value: seal('staff-session', session) }]);
}

/** Every request URL a browser context makes, to check none carries personal data. */
export function recordUrls(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(decodeURIComponent(r.url())));
  return urls;
}

/**
 * Start the 公示 of an assessed certificate application from its workspace page: the assessed
 * category and grade (labels as the page shows them), then 开始公示.
 */
export async function startNotice(page: Page, category = '肢体残疾', grade = '二级'): Promise<void> {
  await page.getByRole('group', { name: '评定的残疾类别' }).getByLabel(category, { exact: true }).check();
  const grades = page.getByRole('group', { name: '评定的残疾等级' });
  await grades.getByLabel(grade, { exact: true }).focus();
  await page.keyboard.press('Space');
  await press(page, '开始公示');
}
