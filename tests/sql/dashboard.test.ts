import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRpc, type PostgrestErrorBody } from '../../dev/local-supabase/rpc.ts';
import { asRole, errorCode, freshDatabase, rpc, RpcError } from './database.ts';
import { apiChannel, idNumber, newClient } from './fixtures.ts';

/**
 * The service dashboard against a seeded data set with known answers: applications per service,
 * status, township and channel; overdue items; the days each step took; the online journeys'
 * completion (counted by triggers, without personal data); satisfaction and page usefulness. An
 * officer's application figures are their township's (RLS); an administrator sees no dashboard.
 */
let db: SqlDatabase;
const STAFF = { clerk: randomUUID(), reviewer: randomUUID(), officer: randomUUID(), admin: randomUUID() };
type Who = keyof typeof STAFF;

async function as<T = Record<string, unknown>>(who: Who, fn: string, args: Record<string, unknown> = {}): Promise<T> {
  const response = await callRpc(db, { role: 'authenticated', claims: { role: 'authenticated', sub: STAFF[who], aal: 'aal2' } }, fn, args);
  if (response.status === 200) return response.body as T;
  const body = response.body as PostgrestErrorBody;
  throw new RpcError(response.status, body.code, body.message, body.details);
}

const ANSWERS = (township: string, seq: string) => ({
  who: { applying_for: 'self' },
  applicant: { name: '测试申请人', id_number: idNumber('1970-01-01', seq), phone: '13800000000', hukou_address: '示例县人民路 1 号' },
  township: { township }, category: { category: '4' }, assessment: { hospital: 'county-people-hospital', home_visit: 'no' },
  declaration: { confirm: 'yes' },
});

/** A web-form journey: a draft (counted as started), its pages, and (unless abandoned) the submit. */
async function webJourney(township: string, seq: string, opts: { submit?: boolean; counter?: boolean } = {}): Promise<string | null> {
  const draft = await rpc<{ draft_id: string }>(db, 'service_role', 'create_draft', { p_service: 'certificate', p_action: 'new', p_client_key: newClient() });
  if (opts.counter) await as('clerk', 'staff_claim_counter_draft', { p_draft_id: draft.draft_id });
  for (const [page, answers] of Object.entries(ANSWERS(township, seq))) {
    await rpc(db, 'service_role', 'save_page', { p_draft_id: draft.draft_id, p_page: page, p_answers: answers });
  }
  if (opts.submit === false) return null;
  const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_application', {
    p_draft_id: draft.draft_id, p_client_token: `dash-${randomUUID()}`, p_client_key: newClient(),
  });
  return receipt.reference;
}

let channel: string;
async function apiApplication(township: string, seq: string): Promise<string> {
  const receipt = await rpc<{ reference: string }>(db, 'service_role', 'submit_complete_application', {
    p_service: 'certificate', p_action: 'new', p_client_token: `dash-${randomUUID()}`, p_client_key: newClient(), p_channel_id: channel,
    p_answers: ANSWERS(township, seq),
  });
  return receipt.reference;
}

/** Rewrite an application's history to known moments (China time), as if decided then. */
async function history(reference: string, steps: [status: string, at: string][], updatedAt?: string): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`select id from intake.applications where reference = $1`, [reference]);
  const id = rows[0]!.id;
  await db.query(`delete from intake.status_events where application_id = $1`, [id]);
  for (const [status, at] of steps) {
    await db.query(`insert into intake.status_events (application_id, service, status, created_at) values ($1, 'certificate', $2, $3)`, [id, status, `${at}+08:00`]);
  }
  const last = steps[steps.length - 1]!;
  await db.query(`update intake.applications set status = $2, submitted_at = $3, updated_at = $4 where id = $1`, [id, last[0], `${steps[0]![1]}+08:00`, `${updatedAt ?? last[1]}+08:00`]);
}

const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const PERIOD = { p_from: '2026-11-01', p_to: TODAY, p_stale_before: '2026-11-20T00:00:00+08:00' };
type Dashboard = {
  applications: { service: string; status: string; township: string; channel: string; n: number }[];
  overdue: { service: string; n: number }[];
  steps: { service: string; status: string; entered: string; left: string }[];
  journeys: { service: string; channel: string; started: number; submitted: number }[];
  satisfaction: { service: string; rating: string; n: number }[];
  pages: { page: string; yes: number; no: number }[];
  reasons: { reason: string; n: number }[];
};

let refs: Record<string, string>;

beforeAll(async () => {
  db = await freshDatabase();
  channel = await apiChannel(db);
  await db.query(
    `insert into intake.staff_members (user_id, display_name, role, township) values
       ($1, '窗口甲', 'clerk', null), ($2, '审核乙', 'reviewer', null), ($3, '委员丙', 'officer', 'chengguan'), ($4, '管理戊', 'admin', null)`,
    [STAFF.clerk, STAFF.reviewer, STAFF.officer, STAFF.admin],
  );
  // Four web journeys started (one abandoned), one of them taken over at the counter; one API application.
  refs = {
    a: (await webJourney('chengguan', '101'))!,
    b: (await webJourney('dongfeng', '102'))!,
    c: (await webJourney('chengguan', '103', { counter: true }))!,
    d: await apiApplication('dongfeng', '104'),
  };
  await webJourney('chengguan', '105', { submit: false });
  // a: received Mon 2 Nov, accepted Wed 4 Nov (2 working days), assessment Mon 9 Nov (3).
  await history(refs['a']!, [['received', '2026-11-02 09:00'], ['accepted', '2026-11-04 10:00'], ['assessment', '2026-11-09 16:00']], '2026-11-09 16:00');
  // b: received Fri 6 Nov, accepted Mon 9 Nov (1 working day); then untouched: overdue by 20 Nov.
  await history(refs['b']!, [['received', '2026-11-06 15:00'], ['accepted', '2026-11-09 11:00']]);
  // c: received 23 Nov, still waiting (not overdue by 20 Nov: touched after it).
  await history(refs['c']!, [['received', '2026-11-23 09:30']]);
  // d: received 10 Oct, before the period (its step is outside it too), completed 30 Oct.
  await history(refs['d']!, [['received', '2026-10-10 09:00'], ['completed', '2026-10-30 09:00']]);
  await db.query(`update intake.applications set closed_at = updated_at where reference = $1`, [refs['d']]);

  const page = (p: string, useful: boolean) => rpc<{ id: string }>(db, 'service_role', 'give_page_feedback', { p_page: p, p_useful: useful, p_client_key: newClient() });
  await page('/policies/certificate/', true);
  await page('/policies/certificate/', true);
  const no = await page('/policies/certificate/', false);
  await rpc(db, 'service_role', 'add_feedback_reasons', { p_id: no.id, p_reasons: ['unclear', 'missing'] });
  await page('/news/some-news/', false);
  for (const rating of ['very_satisfied', 'very_satisfied', 'satisfied', 'very_dissatisfied']) {
    await rpc(db, 'service_role', 'give_satisfaction', { p_service: 'certificate', p_rating: rating, p_client_key: newClient() });
  }
});
afterAll(() => db.close());

describe('the dashboard', () => {
  it('counts applications per service, status, township and channel in the period, for clerks and reviewers', async () => {
    const d = await as<Dashboard>('reviewer', 'staff_dashboard', PERIOD);
    expect(d.applications).toEqual([
      { service: 'certificate', status: 'accepted', township: 'dongfeng', channel: 'online', n: 1 },
      { service: 'certificate', status: 'assessment', township: 'chengguan', channel: 'online', n: 1 },
      { service: 'certificate', status: 'received', township: 'chengguan', channel: 'counter', n: 1 },
    ]);
    expect(await as<Dashboard>('clerk', 'staff_dashboard', PERIOD)).toEqual(d);
  });

  it('counts overdue open applications, and the days each step took (entered, left) in the period', async () => {
    const d = await as<Dashboard>('clerk', 'staff_dashboard', PERIOD);
    expect(d.overdue).toEqual([{ service: 'certificate', n: 2 }]); // a (9 Nov) and b (9 Nov); c was touched on 23 Nov
    expect(d.steps).toEqual([
      { service: 'certificate', status: 'accepted', entered: '2026-11-04', left: '2026-11-09' },
      { service: 'certificate', status: 'received', entered: '2026-11-02', left: '2026-11-04' },
      { service: 'certificate', status: 'received', entered: '2026-11-06', left: '2026-11-09' },
    ]);
  });

  it('counts journeys started and submitted per channel without personal data: the API makes no start, the counter takes its start', async () => {
    const d = await as<Dashboard>('clerk', 'staff_dashboard', PERIOD);
    expect(d.journeys).toEqual([
      { service: 'certificate', channel: 'api', started: 0, submitted: 1 },
      { service: 'certificate', channel: 'counter', started: 1, submitted: 1 },
      { service: 'certificate', channel: 'online', started: 3, submitted: 2 },
    ]);
    const { rows } = await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'intake' and table_name = 'journey_counts' order by ordinal_position`);
    expect(rows.map((r) => r.column_name)).toEqual(['day', 'service', 'channel', 'started', 'submitted', 'slot']);
  });

  it('spreads a day\'s counts over slots that still add up, and the counter takes starts back from any of them', async () => {
    // In a transaction rolled back, so the figures of the other tests stay as they are.
    const figures = await db.transaction(async (tx) => {
      const drafts: string[] = [];
      for (let i = 0; i < 40; i++) {
        const { rows } = await tx.query<{ d: { draft_id: string } }>(`select public.create_draft('assistive-devices', $1) as d`, [newClient()]);
        drafts.push(rows[0]!.d.draft_id);
      }
      const read = async () => (await tx.query<{ channel: string; slots: number; started: number }>(
        `select channel, count(*)::int as slots, sum(started)::int as started from intake.journey_counts
         where service = 'assistive-devices' group by channel order by channel`)).rows;
      const started = await read();
      await tx.query(`update intake.drafts set channel = 'counter' where id = any($1::uuid[])`, [drafts.slice(0, 30)]);
      const claimed = await read();
      await tx.query(`update intake.drafts set channel = 'counter' where id = any($1::uuid[])`, [drafts.slice(30)]);
      const all = await read();
      await tx.rollback();
      return { started, claimed, all };
    });
    expect(figures.started).toEqual([{ channel: 'online', slots: expect.any(Number), started: 40 }]);
    expect(figures.started[0]!.slots).toBeGreaterThan(1);
    expect(figures.claimed.map(({ channel, started }) => ({ channel, started }))).toEqual([
      { channel: 'counter', started: 30 }, { channel: 'online', started: 10 },
    ]);
    expect(figures.all.map(({ channel, started }) => ({ channel, started }))).toEqual([
      { channel: 'counter', started: 40 }, { channel: 'online', started: 0 },
    ]);
  });

  it('summarises satisfaction and usefulness', async () => {
    const d = await as<Dashboard>('officer', 'staff_dashboard', PERIOD);
    expect(d.satisfaction).toEqual([
      { service: 'certificate', rating: 'satisfied', n: 1 },
      { service: 'certificate', rating: 'very_dissatisfied', n: 1 },
      { service: 'certificate', rating: 'very_satisfied', n: 2 },
    ]);
    expect(d.pages).toEqual([{ page: '/news/some-news/', yes: 0, no: 1 }, { page: '/policies/certificate/', yes: 2, no: 1 }]);
    expect(d.reasons).toEqual([{ reason: 'missing', n: 1 }, { reason: 'unclear', n: 1 }]);
  });

  it("gives an officer only their own township's applications, overdue items and steps", async () => {
    const d = await as<Dashboard>('officer', 'staff_dashboard', PERIOD);
    expect(d.applications.map((r) => r.township)).toEqual(['chengguan', 'chengguan']);
    expect(d.overdue).toEqual([{ service: 'certificate', n: 1 }]);
    expect(d.steps.map((s) => s.entered)).toEqual(['2026-11-04', '2026-11-02']);
  });

  it('takes only the days asked for', async () => {
    const d = await as<Dashboard>('clerk', 'staff_dashboard', { ...PERIOD, p_from: '2026-11-05', p_to: '2026-11-08' });
    expect(d.applications).toEqual([{ service: 'certificate', status: 'accepted', township: 'dongfeng', channel: 'online', n: 1 }]);
    expect(d.steps).toEqual([]);
    expect(d.journeys).toEqual([]);
    expect(d.satisfaction).toEqual([]);
  });

  it('refuses an administrator, a period longer than a year or backwards, and anyone not staff', async () => {
    expect(await errorCode(as('admin', 'staff_dashboard', PERIOD))).toBe('not_allowed');
    expect(await errorCode(as('clerk', 'staff_dashboard', { ...PERIOD, p_from: '2025-01-01' }))).toBe('invalid_period');
    expect(await errorCode(as('clerk', 'staff_dashboard', { ...PERIOD, p_from: TODAY, p_to: '2026-11-01' }))).toBe('invalid_period');
    expect(await errorCode(rpc(db, 'anon', 'staff_dashboard', PERIOD))).toBe('42501');
    expect(await errorCode(rpc(db, 'service_role', 'staff_dashboard', PERIOD))).toBe('42501');
  });
});

describe('feedback', () => {
  it('cannot be read by anon or by a signed-in user who is not staff; staff of the dashboard read it, an administrator not', async () => {
    for (const table of ['intake.page_feedback', 'intake.satisfaction', 'intake.journey_counts']) {
      expect(await errorCode(asRole(db, 'anon', (tx) => tx.query(`select * from ${table}`)))).toBe('42501');
      expect(await errorCode(asRole(db, 'service_role', (tx) => tx.query(`select * from ${table}`)))).toBe('42501');
      const stranger = await asRole(db, 'authenticated', (tx) => tx.query<{ n: number }>(`select count(*)::int as n from ${table}`));
      expect(stranger.rows, table).toEqual([{ n: 0 }]);
    }
    const count = (who: Who) => db.transaction(async (tx) => {
      await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ role: 'authenticated', sub: STAFF[who], aal: 'aal2' })]);
      return (await tx.query<{ n: number }>(`select count(*)::int as n from intake.page_feedback`)).rows[0]!.n;
    });
    expect(await count('officer')).toBe(4);
    expect(await count('admin')).toBe(0);
  });

  it('keeps no address, no time of day and no reference: only the page or service, the answer and the day', async () => {
    const { rows } = await db.query<{ table_name: string; columns: string[] }>(
      `select table_name, array_agg(column_name::text order by ordinal_position) as columns from information_schema.columns
       where table_schema = 'intake' and table_name in ('page_feedback', 'satisfaction') group by 1 order by 1`);
    expect(rows).toEqual([
      { table_name: 'page_feedback', columns: ['id', 'page', 'useful', 'reasons', 'day'] },
      { table_name: 'satisfaction', columns: ['id', 'service', 'rating', 'day'] },
    ]);
  });

  it('refuses a page that is not a content page, an unknown reason or rating, and reasons for a "yes"', async () => {
    const client = newClient();
    for (const p of ['/staff/queue/', '/policies/x/?id=11010519491231002X', 'https://example.com/', '/policies/../staff/']) {
      expect(await errorCode(rpc(db, 'service_role', 'give_page_feedback', { p_page: p, p_useful: true, p_client_key: client })), p).toBe('invalid_feedback');
    }
    const yes = await rpc<{ id: string }>(db, 'service_role', 'give_page_feedback', { p_page: '/news/x/', p_useful: true, p_client_key: client });
    expect(await errorCode(rpc(db, 'service_role', 'add_feedback_reasons', { p_id: yes.id, p_reasons: ['other'] }))).toBe('feedback_not_found');
    expect(await errorCode(rpc(db, 'service_role', 'add_feedback_reasons', { p_id: randomUUID(), p_reasons: ['other'] }))).toBe('feedback_not_found');
    expect(await errorCode(rpc(db, 'service_role', 'add_feedback_reasons', { p_id: yes.id, p_reasons: ['我的身份证号'] }))).toBe('invalid_feedback');
    expect(await errorCode(rpc(db, 'service_role', 'give_satisfaction', { p_service: 'certificate', p_rating: '5', p_client_key: client }))).toBe('invalid_feedback');
    expect(await errorCode(rpc(db, 'service_role', 'give_satisfaction', { p_service: 'nope', p_rating: 'satisfied', p_client_key: client }))).toBe('unknown_service');
  });

  it('takes the reasons of a "no" once: sent again, nothing changes', async () => {
    const no = await rpc<{ id: string }>(db, 'service_role', 'give_page_feedback', { p_page: '/news/y/', p_useful: false, p_client_key: newClient() });
    expect(await rpc(db, 'service_role', 'add_feedback_reasons', { p_id: no.id, p_reasons: [] })).toEqual({ added: false });
    expect(await rpc(db, 'service_role', 'add_feedback_reasons', { p_id: no.id, p_reasons: ['wrong', 'wrong'] })).toEqual({ added: true });
    expect(await rpc(db, 'service_role', 'add_feedback_reasons', { p_id: no.id, p_reasons: ['other'] })).toEqual({ added: false });
    const { rows } = await db.query<{ reasons: string[] }>(`select reasons from intake.page_feedback where id = $1`, [no.id]);
    expect(rows[0]!.reasons).toEqual(['wrong']);
  });

  it('is limited per client (intake.policy max_feedback_per_client), page answers and ratings together, writing nothing when refused', async () => {
    await db.query(`update intake.policy set max_feedback_per_client = 3`);
    try {
      const client = newClient();
      await rpc(db, 'service_role', 'give_page_feedback', { p_page: '/news/z/', p_useful: true, p_client_key: client });
      await rpc(db, 'service_role', 'give_page_feedback', { p_page: '/news/z/', p_useful: false, p_client_key: client });
      await rpc(db, 'service_role', 'give_satisfaction', { p_service: 'transit-card', p_rating: 'neutral', p_client_key: client });
      const refused = await rpc(db, 'service_role', 'give_satisfaction', { p_service: 'transit-card', p_rating: 'neutral', p_client_key: client }).catch((e: RpcError) => e);
      expect(refused).toBeInstanceOf(RpcError);
      expect((refused as RpcError).message).toBe('rate_limited');
      expect(JSON.parse((refused as RpcError).details!)).toMatchObject({ limit: 3, window_minutes: 60 });
      expect(await errorCode(rpc(db, 'service_role', 'give_page_feedback', { p_page: '/news/z/', p_useful: true, p_client_key: client }))).toBe('rate_limited');
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from intake.satisfaction where service = 'transit-card'`);
      expect(rows[0]!.n).toBe(1);
      await rpc(db, 'service_role', 'give_page_feedback', { p_page: '/news/z/', p_useful: true, p_client_key: newClient() });
    } finally {
      await db.query(`update intake.policy set max_feedback_per_client = 30`);
    }
  });
});
