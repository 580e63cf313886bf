import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRpc, type PostgrestErrorBody } from '../../dev/local-supabase/rpc.ts';
import { asRole, errorCode, freshDatabase, rpc, RpcError } from './database.ts';
import { apiChannel, idNumber } from './fixtures.ts';
import { NOTICE_NAME_CASES } from '../support/notice-names.ts';
import { maskNoticeName } from '../../src/domain/notices.ts';
import { addWorkingDays, isWorkingDayInChina, todayInChina } from '../../src/domain/dates.ts';
import { ageOn, parseIdNumber } from '../../src/domain/identity/id-number.ts';

/**
 * 公示 in SQL: a reviewer starts the notice (the decision and the notice in one transaction), the
 * public function returns only the published fields of current notices, never a minor, and anon
 * reads nothing else; after the period the notice leaves the board and staff see it completed;
 * objections are recorded and audited.
 */
let db: SqlDatabase;
let channel: string;
const STAFF = { clerk: randomUUID(), reviewer: randomUUID(), officerB: randomUUID(), admin: randomUUID() };
type Who = keyof typeof STAFF;

async function as<T = Record<string, unknown>>(who: Who, fn: string, args: Record<string, unknown> = {}): Promise<T> {
  const response = await callRpc(db, { role: 'authenticated', claims: { role: 'authenticated', sub: STAFF[who], aal: 'aal2' } }, fn, args);
  if (response.status === 200) return response.body as T;
  const body = response.body as PostgrestErrorBody;
  throw new RpcError(response.status, body.code, body.message, body.details);
}

/** A certificate application moved to assessment; returns its id and version. */
async function assessed(name: string, birth: string, seq: string, township = 'chengguan'): Promise<{ id: string; version: number }> {
  const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_complete_application', {
    p_service: 'certificate', p_action: 'new', p_client_token: `notice-test-${randomUUID()}`, p_client_key: `client-${randomUUID()}`, p_channel_id: channel,
    p_answers: {
      who: { applying_for: 'self' }, applicant: { name, id_number: idNumber(birth, seq), phone: '13800000000', hukou_address: '示例县人民路 1 号' },
      township: { township }, category: { category: '4' }, assessment: { hospital: 'county-people-hospital', home_visit: 'no' },
      declaration: { confirm: 'yes' },
    },
  });
  const id = (await db.query<{ id: string }>(`select id from intake.applications where reference = $1`, [receipt.reference])).rows[0]!.id;
  let version = 1;
  for (const to of ['accepted', 'assessment']) version = (await as<{ version: number }>('clerk', 'staff_decide', { p_id: id, p_version: version, p_to_status: to })).version;
  return { id, version };
}

const start = (id: string, version: number, extra: Record<string, unknown> = {}) =>
  as<{ status: string; version: number; starts_on: string; ends_on: string }>('reviewer', 'staff_notice_start', {
    p_id: id, p_version: version, p_category: 4, p_grade: 2, p_working_days: 5, ...extra,
  });

beforeAll(async () => {
  db = await freshDatabase();
  channel = await apiChannel(db);
  await db.query(
    `insert into intake.staff_members (user_id, display_name, role, township, active) values
       ($1, '窗口甲', 'clerk', null, true), ($2, '审核乙', 'reviewer', null, true),
       ($3, '委员丁', 'officer', 'dongfeng', true), ($4, '管理戊', 'admin', null, true)`,
    [STAFF.clerk, STAFF.reviewer, STAFF.officerB, STAFF.admin],
  );
});
afterAll(() => db.close());

describe('names on a notice', () => {
  it('are masked by the same rules as maskNoticeName', async () => {
    for (const [name, masked] of NOTICE_NAME_CASES) {
      const { rows } = await db.query<{ m: string }>(`select intake.mask_public_name($1) as m`, [name]);
      expect(rows[0]?.m, name).toBe(masked);
      expect(maskNoticeName(name)).toBe(masked);
    }
  });
});

describe('who is a minor', () => {
  it('is decided in SQL exactly as the identity code reads the ID number (birthday today, tomorrow, 29 February)', async () => {
    const day = '2026-12-02';
    const births = ['2008-12-02', '2008-12-03', '2008-12-01', '2008-02-29', '1990-01-01', '2025-01-01', '2000-02-29'];
    for (const birth of births) {
      const id = idNumber(birth, '301');
      const parsed = parseIdNumber(id, day);
      if (!parsed.ok) throw new Error(birth);
      const { rows } = await db.query<{ minor: boolean }>(`select intake.is_minor($1, $2::date) as minor`, [id, day]);
      expect(rows[0]?.minor, birth).toBe(ageOn(parsed.info.birthDate, day) < 18);
    }
    expect((await db.query<{ m: boolean }>(`select intake.is_minor('not a number', current_date) as m`)).rows[0]?.m).toBe(true);
  });
});

describe('starting a notice', () => {
  it('moves the application to 公示 and puts up the notice for 5 working days of the calendar', async () => {
    const app = await assessed('王小华', '1980-05-01', '201');
    const done = await start(app.id, app.version);
    const today = todayInChina();
    const first = isWorkingDayInChina(today) ? today : addWorkingDays(today, 1);
    expect(done).toMatchObject({ status: 'public_notice', starts_on: first, ends_on: addWorkingDays(first, 4) });
    const board = await rpc<Record<string, unknown>[]>(db, 'anon', 'public_notices', {});
    expect(board).toEqual([{
      id: expect.any(String), service: 'certificate', name: '王*华', township: 'chengguan', category: 4, grade: 2,
      starts_on: first, ends_on: addWorkingDays(first, 4),
    }]);
    // The board holds no application id, ID number, phone, address or reference.
    const text = JSON.stringify(board);
    expect(text).not.toContain(app.id);
    expect(text).not.toMatch(/\d{17}[\dX]|138|人民路/);
  });

  it('is refused for a minor (notice_minor): nothing changes, nothing is published', async () => {
    const app = await assessed('李小明', '2012-03-04', '202');
    expect(await as('reviewer', 'staff_notice', { p_id: app.id })).toEqual({ minor: true, notice: null });
    expect(await errorCode(start(app.id, app.version))).toBe('notice_minor');
    const { rows } = await db.query<{ status: string }>(`select status from intake.applications where id = $1`, [app.id]);
    expect(rows[0]?.status).toBe('assessment');
    // A minor goes straight to review.
    expect(await as('reviewer', 'staff_decide', { p_id: app.id, p_version: app.version, p_to_status: 'review' })).toMatchObject({ status: 'review' });
  });

  it('needs the notice: a bare decision to 公示 is refused at commit (notice_details_required)', async () => {
    const app = await assessed('赵大海', '1975-07-07', '203');
    expect(await errorCode(as('reviewer', 'staff_decide', { p_id: app.id, p_version: app.version, p_to_status: 'public_notice' }))).toBe('notice_details_required');
    const { rows } = await db.query<{ status: string }>(`select status from intake.applications where id = $1`, [app.id]);
    expect(rows[0]?.status).toBe('assessment');
  });

  it('checks the role, the version, the category and grade and the period', async () => {
    const app = await assessed('钱多多', '1966-06-06', '204');
    expect(await errorCode(as('clerk', 'staff_notice_start', { p_id: app.id, p_version: app.version, p_category: 4, p_grade: 2, p_working_days: 5 }))).toBe('invalid_transition');
    expect(await errorCode(start(app.id, app.version - 1))).toBe('decision_conflict');
    expect(await errorCode(start(app.id, app.version, { p_grade: 5 }))).toBe('invalid_notice');
    expect(await errorCode(start(app.id, app.version, { p_working_days: 4 }))).toBe('invalid_notice');
    expect(await errorCode(as('officerB', 'staff_notice_start', { p_id: app.id, p_version: app.version, p_category: 4, p_grade: 2, p_working_days: 5 }))).toBe('application_not_found');
  });
});

describe('the board over time', () => {
  it('shows a notice from the day it is put up to the last day of its period, then never again', async () => {
    const app = await assessed('孙悟空', '1970-01-01', '205');
    await start(app.id, app.version);
    // Test data with past dates: the period of National Day 2025 (posted Friday 26 September).
    await db.query(`update intake.public_notices set posted_on = '2025-09-26', starts_on = '2025-09-26', ends_on = intake.add_working_days('2025-09-26', 4) where application_id = $1`, [app.id]);
    const { rows } = await db.query<{ ends: string }>(`select to_char(ends_on, 'YYYY-MM-DD') as ends from intake.public_notices where application_id = $1`, [app.id]);
    expect(rows[0]?.ends).toBe('2025-10-09'); // 26, 28 (Sun, worked), 29, 30 September, 9 October
    const on = async (day: string) => (await db.query<{ n: { name: string }[] }>(`select intake.notices_on($1::date) as n`, [day])).rows[0]!.n.map((x) => x.name);
    expect(await on('2025-09-25')).not.toContain('孙*空');
    expect(await on('2025-09-26')).toContain('孙*空');
    expect(await on('2025-10-09')).toContain('孙*空');
    expect(await on('2025-10-10')).not.toContain('孙*空');
    // Today is long after: not on the public board; the workspace shows it completed.
    expect((await rpc<{ name: string }[]>(db, 'anon', 'public_notices', {})).map((n) => n.name)).not.toContain('孙*空');
    expect(await as('reviewer', 'staff_notice', { p_id: app.id })).toMatchObject({ minor: false, notice: { completed: true, ends_on: '2025-10-09', objections: [] } });
  });

  it('takes a notice down when the application leaves 公示 (withdrawn)', async () => {
    const app = await assessed('周芷若', '1990-09-09', '206');
    const done = await start(app.id, app.version);
    expect((await rpc<{ name: string }[]>(db, 'anon', 'public_notices', {})).map((n) => n.name)).toContain('周*若');
    await as('clerk', 'staff_decide', { p_id: app.id, p_version: done.version, p_to_status: 'withdrawn' });
    expect((await rpc<{ name: string }[]>(db, 'anon', 'public_notices', {})).map((n) => n.name)).not.toContain('周*若');
  });
});

describe('objections', () => {
  it('are recorded by clerks and reviewers with their outcome, audited, and shown to staff', async () => {
    const app = await assessed('吴用心', '1985-08-08', '207');
    await start(app.id, app.version);
    const today = todayInChina();
    await as('clerk', 'staff_notice_objection', { p_id: app.id, p_received_on: today, p_summary: '邻居反映其行动正常', p_outcome: 'pending' });
    await as('reviewer', 'staff_notice_objection', { p_id: app.id, p_received_on: today, p_summary: '复核评定结果', p_outcome: 'dismissed', p_outcome_note: '医院复核结论不变' });
    const { notice } = await as<{ notice: { completed: boolean; objections: { outcome: string; recorded_by_name: string }[] } }>('clerk', 'staff_notice', { p_id: app.id });
    expect(notice.completed).toBe(false);
    expect(notice.objections.map((o) => [o.outcome, o.recorded_by_name])).toEqual([['pending', '窗口甲'], ['dismissed', '审核乙']]);
    const { rows } = await db.query<{ action: string; detail: { outcome: string } }>(
      `select action, detail from intake.audit_log where application_id = $1 and action = 'notice_objection' order by id`, [app.id]);
    expect(rows.map((r) => r.detail.outcome)).toEqual(['pending', 'dismissed']);
  });

  it('refuse personal data, a bad outcome or date, and roles that do not receive them', async () => {
    const app = await assessed('郑和平', '1960-02-02', '208');
    await start(app.id, app.version);
    const today = todayInChina();
    const object = (who: Who, extra: Record<string, unknown>) =>
      as(who, 'staff_notice_objection', { p_id: app.id, p_received_on: today, p_summary: '异议', p_outcome: 'pending', ...extra });
    expect(await errorCode(object('clerk', { p_summary: '来电 13912345678' }))).toBe('note_personal_data');
    expect(await errorCode(object('clerk', { p_outcome: 'maybe' }))).toBe('invalid_objection');
    expect(await errorCode(object('clerk', { p_summary: '  ' }))).toBe('invalid_objection');
    expect(await errorCode(object('clerk', { p_received_on: '2020-01-01' }))).toBe('objection_date');
    expect(await errorCode(object('admin', {}))).toBe('not_allowed');
    expect(await errorCode(object('officerB', {}))).toBe('not_allowed');
    // Another township's officer does not even see the notice.
    expect(await errorCode(as('officerB', 'staff_notice', { p_id: app.id }))).toBe('application_not_found');
    expect(await errorCode(as('clerk', 'staff_notice_objection', { p_id: randomUUID(), p_received_on: today, p_summary: '异议', p_outcome: 'pending' }))).toBe('notice_not_found');
  });
});

describe('what anon can read', () => {
  it('only public_notices(): no table, no other function, no helper', async () => {
    for (const table of ['intake.public_notices', 'intake.notice_objections', 'intake.calendar_years', 'intake.calendar_holidays', 'intake.applications']) {
      expect(await errorCode(asRole(db, 'anon', (tx) => tx.query(`select * from ${table}`))), table).toBe('42501');
    }
    for (const call of [`select intake.notices_on(current_date)`, `select intake.mask_public_name('王小华')`, `select public.staff_notice(null)`, `select intake.add_working_days(current_date, 1)`]) {
      expect(await errorCode(asRole(db, 'anon', (tx) => tx.query(call))), call).toBe('42501');
    }
    const board = await rpc<Record<string, unknown>[]>(db, 'anon', 'public_notices', {});
    for (const row of board) expect(Object.keys(row).sort()).toEqual(['category', 'ends_on', 'grade', 'id', 'name', 'service', 'starts_on', 'township']);
  });
});
