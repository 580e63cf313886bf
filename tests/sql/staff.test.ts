import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRpc, type PostgrestErrorBody } from '../../dev/local-supabase/rpc.ts';
import { errorCode, freshDatabase, rpc, RpcError } from './database.ts';
import { apiChannel, idNumber } from './fixtures.ts';
import { noteHasPersonalData } from '../../src/domain/staff/workspace.ts';

/**
 * The staff workspace in SQL, as each role × each table and function × own and other township:
 * staff read and decide with their own JWT, so row-level security decides; the audit log cannot be
 * changed by anyone; decisions follow the transitions table; two decisions on one version leave one.
 */
let db: SqlDatabase;

const STAFF = {
  clerk: randomUUID(),
  reviewer: randomUUID(),
  officerA: randomUUID(), // 城关镇
  officerB: randomUUID(), // 东风街道
  admin: randomUUID(),
  disabled: randomUUID(),
  stranger: randomUUID(), // signed in, but not staff
};
type Who = keyof typeof STAFF;

/** Call public.<fn> as a signed-in staff member, through the stand-in's PostgREST-like path. */
async function as<T = Record<string, unknown>>(who: Who, fn: string, args: Record<string, unknown> = {}, aal = 'aal2'): Promise<T> {
  const response = await callRpc(db, { role: 'authenticated', claims: { role: 'authenticated', sub: STAFF[who], aal } }, fn, args);
  if (response.status === 200) return response.body as T;
  const body = response.body as PostgrestErrorBody;
  throw new RpcError(response.status, body.code, body.message, body.details);
}

/** A submitted certificate application of a township; returns its id and reference. */
async function application(township: string, seq: string, name = '王小华'): Promise<{ id: string; reference: string }> {
  const id = idNumber('1970-01-01', seq);
  const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_complete_application', {
    p_service: 'certificate', p_action: 'new', p_client_token: `staff-test-${randomUUID()}`, p_client_key: `client-${randomUUID()}`, p_channel_id: channel,
    p_answers: {
      who: { applying_for: 'self' }, applicant: { name, id_number: id, phone: '13800000000', hukou_address: '示例县人民路 1 号' },
      township: { township }, category: { category: '4' }, assessment: { hospital: 'county-people-hospital', home_visit: 'no' },
      declaration: { confirm: 'yes' },
    },
  });
  const { rows } = await db.query<{ id: string }>(`select id from intake.applications where reference = $1`, [receipt.reference]);
  return { id: rows[0]!.id, reference: receipt.reference };
}

let channel: string;
let a: { id: string; reference: string };
let b: { id: string; reference: string };

beforeAll(async () => {
  db = await freshDatabase();
  channel = await apiChannel(db);
  await db.query(
    `insert into intake.staff_members (user_id, display_name, role, township, active) values
       ($1, '窗口甲', 'clerk', null, true), ($2, '审核乙', 'reviewer', null, true),
       ($3, '委员丙', 'officer', 'chengguan', true), ($4, '委员丁', 'officer', 'dongfeng', true),
       ($5, '管理戊', 'admin', null, true), ($6, '离职己', 'clerk', null, false)`,
    [STAFF.clerk, STAFF.reviewer, STAFF.officerA, STAFF.officerB, STAFF.admin, STAFF.disabled],
  );
  a = await application('chengguan', '101');
  b = await application('dongfeng', '102', '欧阳明月');
});
afterAll(() => db.close());

const queue = async (who: Who, aal = 'aal2') => (await as<{ rows: { reference: string; name: string }[] }>(who, 'staff_queue', {}, aal)).rows.map((r) => r.reference).sort();

describe('who reads what', () => {
  it('clerks and reviewers see every township; an officer only their own; an administrator no applications', async () => {
    const both = [a.reference, b.reference].sort();
    expect(await queue('clerk')).toEqual(both);
    expect(await queue('reviewer')).toEqual(both);
    expect(await queue('officerA')).toEqual([a.reference]);
    expect(await queue('officerB')).toEqual([b.reference]);
    expect(await queue('admin')).toEqual([]);
  });

  it('without a second factor, disabled, or not staff at all: refused, whatever the token says', async () => {
    expect(await errorCode(as('clerk', 'staff_queue', {}, 'aal1'))).toBe('not_staff');
    expect(await errorCode(as('disabled', 'staff_queue'))).toBe('not_staff');
    expect(await errorCode(as('stranger', 'staff_queue'))).toBe('not_staff');
    expect(await as('stranger', 'staff_me')).toMatchObject({ role: null, active: false });
  });

  it('an officer cannot read or change another township’s application, even with its id', async () => {
    expect(await errorCode(as('officerA', 'staff_application', { p_id: b.id }))).toBe('application_not_found');
    expect(await errorCode(as('officerA', 'staff_reveal_id', { p_id: b.id }))).toBe('application_not_found');
    expect(await errorCode(as('officerA', 'staff_decide', { p_id: b.id, p_version: 1, p_to_status: 'accepted' }))).toBe('application_not_found');
    expect(await errorCode(as('officerA', 'staff_assign', { p_id: b.id, p_version: 1, p_user: STAFF.officerA }))).toBe('application_not_found');
    expect((await as<unknown[]>('officerA', 'staff_search', { p_query: '欧阳' }))).toEqual([]);
    // Straight at the table, as the officer: no row to see, none to change.
    const claims = JSON.stringify({ role: 'authenticated', sub: STAFF.officerA, aal: 'aal2' });
    const changed = await db.transaction(async (tx) => {
      await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
      const seen = await tx.query(`select id from intake.applications where id = $1`, [b.id]);
      const updated = await tx.query(`update intake.applications set status = 'completed' where id = $1 returning id`, [b.id]);
      return { seen: seen.rows.length, updated: updated.rows.length };
    });
    expect(changed).toEqual({ seen: 0, updated: 0 });
  });

  it('the queue masks names and shows no ID number; the application page masks the ID until shown', async () => {
    const rows = (await as<{ rows: { reference: string; name: string }[] }>('clerk', 'staff_queue')).rows;
    expect(rows.find((r) => r.reference === b.reference)!.name).toBe('欧阳**');
    expect(JSON.stringify(rows)).not.toMatch(/\d{17}[\dX]/);
    const opened = await as<{ id_number_masked: string; answers: { applicant: Record<string, string> } }>('clerk', 'staff_application', { p_id: a.id });
    expect(opened.id_number_masked).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(opened)).not.toContain(idNumber('1970-01-01', '101'));
    expect(await as('clerk', 'staff_reveal_id', { p_id: a.id })).toEqual({ id_number: idNumber('1970-01-01', '101') });
  });
});

describe('decisions', () => {
  it('follow the transitions table and its roles; anything else is refused', async () => {
    expect(await errorCode(as('reviewer', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'completed' }))).toBe('invalid_transition');
    expect(await errorCode(as('officerA', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'refused', p_note: '材料不符合' }))).toBe('invalid_transition');
    expect(await errorCode(as('admin', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'accepted' }))).toBe('application_not_found');
    expect(await errorCode(as('clerk', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'needs_info' }))).toBe('note_required');
    expect(await errorCode(as('clerk', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'needs_info', p_note: '请回电 13912345678' }))).toBe('note_personal_data');
    expect(await errorCode(as('clerk', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'needs_info', p_note: `证号 ${idNumber('1970-01-01', '101')}` }))).toBe('note_personal_data');
  });

  it('two decisions on the same version leave one: the second is told, nothing is overwritten', async () => {
    const first = await as<{ status: string; version: number }>('officerA', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'accepted', p_note: '已受理', p_internal_note: '材料齐全' });
    expect(first).toMatchObject({ status: 'accepted', version: 2 });
    const second = as('clerk', 'staff_decide', { p_id: a.id, p_version: 1, p_to_status: 'needs_info', p_note: '请补交照片' });
    expect(await errorCode(second)).toBe('decision_conflict');
    const { rows } = await db.query<{ status: string; version: number }>(`select status, version from intake.applications where id = $1`, [a.id]);
    expect(rows[0]).toEqual({ status: 'accepted', version: 2 });
  });

  it('queue and search rows say since when each is in its status (for the step deadline) and whether it is closed', async () => {
    type Row = { reference: string; status: string; status_since: string; closed_at: string | null };
    const events = await db.query<{ status: string; at: string }>(
      `select status, to_json(created_at) #>> '{}' as at from intake.status_events where application_id = $1 order by id`, [a.id]);
    const accepted = events.rows.filter((e) => e.status === 'accepted').at(-1)!;
    const row = (await as<{ rows: Row[] }>('clerk', 'staff_queue')).rows.find((r) => r.reference === a.reference)!;
    expect(row).toMatchObject({ status: 'accepted', closed_at: null });
    expect(Date.parse(row.status_since)).toBe(Date.parse(accepted.at));
    const found = (await as<Row[]>('clerk', 'staff_search', { p_query: a.reference })).find((r) => r.reference === a.reference)!;
    expect(found).toEqual(expect.objectContaining({ status_since: row.status_since, closed_at: null }));
  });

  it('the resident sees each step with the note to them, never the internal note', async () => {
    await as('reviewer', 'staff_decide', { p_id: a.id, p_version: 2, p_to_status: 'assessment', p_note: '请于下周一到县人民医院评定', p_internal_note: '电话已通知' });
    const status = await rpc<{ status: string; history: { status: string; note: string | null }[] }>(db, 'service_role', 'lookup_status', {
      p_reference: a.reference, p_fact: idNumber('1970-01-01', '101').slice(-4), p_client_key: 'staff-test',
    });
    expect(status.status).toBe('assessment');
    expect(status.history.map((h) => [h.status, h.note])).toEqual([['received', null], ['accepted', '已受理'], ['assessment', '请于下周一到县人民医院评定']]);
    expect(JSON.stringify(status)).not.toContain('电话已通知');
    const opened = await as<{ history: { internal_note: string | null; actor_name: string | null }[] }>('clerk', 'staff_application', { p_id: a.id });
    expect(opened.history.map((h) => h.actor_name)).toEqual([null, '委员丙', '审核乙']);
    expect(opened.history.at(-1)!.internal_note).toBe('电话已通知');
  });
});

describe('the audit log', () => {
  it('records every look and every decision, without personal data', async () => {
    const { rows } = await db.query<{ action: string; actor_role: string; detail: Record<string, unknown> }>(
      `select action, actor_role, detail from intake.audit_log where application_id = $1 order by id`, [a.id]);
    expect(rows.map((r) => `${r.actor_role}:${r.action}`)).toEqual(['clerk:open', 'clerk:show_id', 'officer:decide', 'reviewer:decide', 'clerk:open']);
    const all = await db.query<{ detail: unknown }>(`select detail from intake.audit_log`);
    expect(JSON.stringify(all.rows)).not.toMatch(/欧阳|王小华|\d{17}[\dX]|13800000000/);
  });

  it('is read by administrators only, and changed by nobody — not even the table owner', async () => {
    const read = await as<{ rows: unknown[] }>('admin', 'staff_audit');
    expect(read.rows.length).toBeGreaterThan(3);
    expect(await errorCode(as('reviewer', 'staff_audit'))).toBe('not_allowed');
    const claims = JSON.stringify({ role: 'authenticated', sub: STAFF.admin, aal: 'aal2' });
    for (const sql of ['update intake.audit_log set action = \'list\'', 'delete from intake.audit_log', 'truncate intake.audit_log']) {
      const attempt = db.transaction(async (tx) => {
        await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [claims]);
        await tx.query(sql);
      });
      expect(await errorCode(attempt), sql).toBe('42501');
      expect(await errorCode(db.query(sql)), `${sql} as the owner`).toBe('audit_log_append_only');
    }
    // A staff member cannot write an entry in someone else's name.
    const forged = db.transaction(async (tx) => {
      await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'authenticated', sub: STAFF.clerk, aal: 'aal2' })]);
      await tx.query(`insert into intake.audit_log (actor, actor_role, action) values ($1, 'admin', 'open')`, [STAFF.admin]);
    });
    expect(await errorCode(forged)).toBe('42501');
  });
});

describe('counter intake and channels', () => {
  it('a clerk marks a walk-in draft as theirs; the application carries the channel and the clerk; others cannot', async () => {
    const draft = await rpc<{ draft_id: string }>(db, 'service_role', 'create_draft', { p_service: 'transit-card', p_action: 'new', p_client_key: `client-${randomUUID()}` });
    expect(await errorCode(as('officerA', 'staff_claim_counter_draft', { p_draft_id: draft.draft_id }))).toBe('not_allowed');
    expect(await as('clerk', 'staff_claim_counter_draft', { p_draft_id: draft.draft_id })).toMatchObject({ channel: 'counter' });
    const save = (page: string, answers: object) => rpc(db, 'service_role', 'save_page', { p_draft_id: draft.draft_id, p_page: page, p_answers: answers });
    await save('certificate', { certificate_number: `${idNumber('1960-02-02', '103')}11` });
    await save('who', { applying_for: 'self' });
    await save('applicant', { name: '李盲' });
    await save('township', { township: 'xishan' });
    await save('pickup', { pickup_point: 'service-hall' });
    await save('declaration', { confirm: 'yes' });
    const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_application', { p_draft_id: draft.draft_id, p_client_token: `staff-test-${randomUUID()}`, p_client_key: `client-${randomUUID()}` });
    const { rows } = await db.query(`select channel, entered_by, township from intake.applications where reference = $1`, [receipt.reference]);
    expect(rows[0]).toEqual({ channel: 'counter', entered_by: STAFF.clerk, township: 'xishan' });
    const api = await db.query(`select channel from intake.applications where id = $1`, [b.id]);
    expect(api.rows[0]).toEqual({ channel: 'api' });
  });
});

describe('notes to applicants', () => {
  it('the database and the page agree on what counts as personal data in a note', async () => {
    const notes = [
      '请补交照片', '请回电 13912345678', '电话0371-12345678', `证号 ${idNumber('1970-01-01', '101')}`, '１１０１０５１９７０１２３１００２ｘ',
      '编号 K7M2P9QX', '2026年12月1日前补交', '共 12345678 元', '11位数字 12345678901', '身份证后四位 002X',
    ];
    for (const note of notes) {
      const { rows } = await db.query<{ v: boolean }>(`select intake.note_has_personal_data($1) as v`, [note]);
      expect(rows[0]!.v, note).toBe(noteHasPersonalData(note));
    }
  });
});

describe('administration', () => {
  it('only administrators manage staff; an officer needs a township; nobody locks themselves out', async () => {
    const newcomer = randomUUID();
    expect(await errorCode(as('reviewer', 'staff_member_save', { p_user_id: newcomer, p_display_name: '新人', p_role: 'clerk', p_township: null, p_active: true }))).toBe('not_allowed');
    expect(await errorCode(as('admin', 'staff_member_save', { p_user_id: newcomer, p_display_name: '新人', p_role: 'officer', p_township: null, p_active: true }))).toBe('invalid_staff');
    expect(await as('admin', 'staff_member_save', { p_user_id: newcomer, p_display_name: '新人', p_role: 'officer', p_township: 'nanhu', p_active: true })).toMatchObject({ role: 'officer', township: 'nanhu' });
    expect(await errorCode(as('admin', 'staff_member_save', { p_user_id: STAFF.admin, p_display_name: '管理戊', p_role: 'clerk', p_township: null, p_active: true }))).toBe('not_allowed');
    // Disabled now: refused at the next request.
    await as('admin', 'staff_member_save', { p_user_id: newcomer, p_display_name: '新人', p_role: 'officer', p_township: 'nanhu', p_active: false });
    STAFF.stranger = newcomer;
    expect(await errorCode(as('stranger', 'staff_queue'))).toBe('not_staff');
    const list = await as<{ user_id: string }[]>('admin', 'staff_members_list');
    expect(list.length).toBe(7);
  });

  it('resetting an authenticator is for administrators, of a colleague, and is audited', async () => {
    expect(await errorCode(as('clerk', 'staff_member_factor_reset', { p_user_id: STAFF.reviewer }))).toBe('not_allowed');
    expect(await errorCode(as('admin', 'staff_member_factor_reset', { p_user_id: STAFF.admin }))).toBe('not_allowed');
    expect(await errorCode(as('admin', 'staff_member_factor_reset', { p_user_id: randomUUID() }))).toBe('invalid_staff');
    await as('admin', 'staff_member_factor_reset', { p_user_id: STAFF.reviewer });
    const { rows } = await db.query<{ action: string; detail: { user: string } }>(`select action, detail from intake.audit_log order by id desc limit 1`);
    expect(rows[0]).toEqual({ action: 'staff_factor_reset', detail: { user: STAFF.reviewer } });
  });
});

describe('sign-in throttling', () => {
  it('stops an account after 5 failures in the window, whoever tries; a client after 20 across accounts; success clears the account', async () => {
    const allowed = (account: string, client: string) => rpc<{ allowed: boolean; retry_after: number }>(db, 'service_role', 'sign_in_allowed', { p_account: account, p_client_key: client });
    const failed = (account: string, client: string) => rpc(db, 'service_role', 'sign_in_failed', { p_account: account, p_client_key: client });
    for (let i = 0; i < 5; i++) {
      expect((await allowed('Clerk@Example.org', `client-${i}`)).allowed).toBe(true);
      await failed('clerk@example.org', `client-${i}`);
    }
    const stopped = await allowed('clerk@example.org', 'client-new');
    expect(stopped.allowed).toBe(false);
    expect(stopped.retry_after).toBeGreaterThan(800);
    expect((await allowed('reviewer@example.org', 'client-new')).allowed).toBe(true);
    await rpc(db, 'service_role', 'sign_in_succeeded', { p_account: 'clerk@example.org' });
    expect((await allowed('clerk@example.org', 'client-new')).allowed).toBe(true);
    for (let i = 0; i < 20; i++) await failed(`someone-${i}@example.org`, 'one-client');
    expect((await allowed('anyone@example.org', 'one-client')).allowed).toBe(false);
    const stored = await db.query(`select account_hash from intake.sign_in_failures limit 1`);
    expect(JSON.stringify(stored.rows)).not.toContain('example.org');
  });
});
