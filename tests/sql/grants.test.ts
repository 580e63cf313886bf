import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, errorCode, freshDatabase, rpc, type Role } from './database.ts';
import { newClient } from './fixtures.ts';

let db: SqlDatabase;
let tables: string[];
let functions: { signature: string; call: string }[];

beforeAll(async () => {
  db = await freshDatabase();
  tables = (
    await db.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
       where schemaname in ('public', 'intake') order by 1`,
    )
  ).rows.map((r) => r.name);
  functions = (
    await db.query<{ signature: string; call: string }>(
      `select p.oid::regprocedure::text as signature,
              format('select public.%I(%s)', p.proname,
                     (select string_agg('null', ', ') from unnest(p.proargtypes) as t)) as call
       from pg_proc p where p.pronamespace = 'public'::regnamespace order by 1`,
    )
  ).rows;
});
afterAll(() => db.close());

const API_ROLES: Role[] = ['anon', 'authenticated', 'service_role'];

/** What the staff workspace may touch, under its policies (migrations 20251202*: staff workspace). */
const STAFF_TABLES = [
  'intake.applications', 'intake.audit_log', 'intake.drafts', 'intake.service_actions', 'intake.service_statuses',
  'intake.services', 'intake.staff_members', 'intake.status_events', 'intake.transitions',
  // 公示 (migration 20251220000200): the notices and their objections.
  'intake.notice_objections', 'intake.public_notices',
  // Exports (migrations 20251221*): what each export held.
  'intake.exports',
  // The service dashboard's figures (20251222000200): counts and feedback, no personal data.
  'intake.journey_counts', 'intake.page_feedback', 'intake.satisfaction',
].sort();
const STAFF_FUNCTIONS = [
  'staff_application', 'staff_assign', 'staff_audit', 'staff_claim_counter_draft', 'staff_colleagues', 'staff_dashboard', 'staff_decide', 'staff_me',
  'staff_member_factor_reset', 'staff_member_save', 'staff_members_list', 'staff_queue', 'staff_reveal_id', 'staff_search',
  'staff_notice', 'staff_notice_objection', 'staff_notice_start',
  'staff_export_start', 'staff_export_rows',
].sort();
/** The one function the public may call (the publishable key, role anon): today's 公示 notices, published fields only. */
const PUBLIC_FUNCTIONS = ['public_notices'];
/** Private helpers the staff functions and policies call as the staff member. */
const STAFF_HELPERS = [
  'intake.audit(text,uuid,jsonb)', 'intake.current_staff()', 'intake.mask_id(text)', 'intake.mask_name(text)',
  'intake.note_has_personal_data(text)', 'intake.staff_may_work(text)', 'intake.staff_names()', 'intake.staff_or_fail()',
  // What staff_notice_start counts and checks with (migrations 20251220*).
  'intake.add_working_days(date,integer)', 'intake.is_minor(text,date)', 'intake.is_working_day(date)',
  'intake.mask_public_name(text)', 'intake.today_in_china()',
  'intake.mask_phone(text)', 'intake.export_full_allowed(text)', 'intake.export_candidates(jsonb,timestamp with time zone,uuid,integer)',
  'intake.staff_reads_every_township()', 'intake.staff_own_township()',
  'intake.sees_dashboard()',
  // The queue's row shape (20251231000200_staff_queue_step_since.sql).
  'intake.staff_queue_row(jsonb)',
].sort();

describe('tables', () => {
  it.each(API_ROLES)('are checked while really acting as %s', async (role) => {
    const { rows } = await asRole(db, role, (tx) =>
      tx.query<{ user: string; role: string }>(`select current_user as user, auth.role() as role`),
    );
    expect(rows[0]).toEqual({ user: role, role });
  });

  it('exist, all in the private intake schema, each with row-level security; policies only for signed-in staff', async () => {
    expect(tables).toContain('intake.applications');
    expect(tables.filter((t) => t.startsWith('public.'))).toEqual([]);
    const { rows } = await db.query<{ name: string; rls: boolean; policies: number }>(
      `select c.oid::regclass::text as name, c.relrowsecurity as rls,
              (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
       from pg_class c where c.relnamespace = 'intake'::regnamespace and c.relkind = 'r'`,
    );
    expect(rows.length).toBe(tables.length);
    for (const row of rows) expect(row.rls, row.name).toBe(true);
    expect(rows.filter((r) => r.policies > 0).map((r) => r.name).sort()).toEqual(STAFF_TABLES);
    const { rows: roles } = await db.query<{ roles: string[] }>(`select distinct polroles::regrole[]::text[] as roles from pg_policy`);
    expect(roles).toEqual([{ roles: ['authenticated'] }]);
  });

  it.each(['anon', 'service_role'] as const)('grant %s no privilege on any table or on the intake schema', async (role) => {
    const { rows } = await db.query<{ name: string; granted: boolean }>(
      `select t as name, has_table_privilege($1, t, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') as granted
       from unnest($2::text[]) as t`,
      [role, tables],
    );
    expect(rows.filter((r) => r.granted)).toEqual([]);
    const schema = await db.query<{ usage: boolean }>(`select has_schema_privilege($1, 'intake', 'USAGE') as usage`, [role]);
    expect(schema.rows[0]?.usage).toBe(false);
  });

  it('grant authenticated only what the staff workspace reads and writes, under its policies', async () => {
    const { rows } = await db.query<{ name: string }>(
      `select t as name from unnest($1::text[]) as t
       where has_table_privilege('authenticated', t, 'SELECT, INSERT, UPDATE')
          or has_any_column_privilege('authenticated', t, 'SELECT, INSERT, UPDATE')`,
      [tables],
    );
    expect(rows.map((r) => r.name).sort()).toEqual(STAFF_TABLES);
    for (const table of tables) {
      expect((await db.query<{ d: boolean }>(`select has_table_privilege('authenticated', $1, 'DELETE, TRUNCATE') as d`, [table])).rows[0]?.d, table).toBe(false);
    }
    // Without a staff row (any signed-in user who is not staff), every policy says no.
    for (const table of STAFF_TABLES) {
      const { rows: seen } = await asRole(db, 'authenticated', (tx) => tx.query<{ n: number }>(`select count(*)::int as n from ${table}`));
      expect(seen, table).toEqual([{ n: 0 }]);
    }
  });

  it.each(['anon'] as const)('refuse select, insert, update and delete by %s', async (role) => {
    for (const table of tables) {
      for (const sql of [
        `select * from ${table}`,
        `insert into ${table} default values`,
        `update ${table} set ctid = ctid`,
        `delete from ${table}`,
      ]) {
        expect(await errorCode(asRole(db, role, (tx) => tx.query(sql))), `${role}: ${sql}`).toBe('42501');
      }
    }
  });

  it('refuse even service_role direct access: everything goes through the functions', async () => {
    expect(await errorCode(asRole(db, 'service_role', (tx) => tx.query('select * from intake.applications')))).toBe('42501');
  });
});

describe('functions', () => {
  it('for residents are security definer, for staff security invoker (their own JWT, under RLS); all with an empty search_path', async () => {
    const { rows } = await db.query<{ name: string; secdef: boolean; config: string[] | null }>(
      `select proname as name, prosecdef as secdef, proconfig as config
       from pg_proc where pronamespace = 'public'::regnamespace`,
    );
    const staff = rows.filter((r) => r.name.startsWith('staff_'));
    expect(staff.map((r) => r.name).sort()).toEqual(STAFF_FUNCTIONS);
    for (const row of staff) expect(row, row.name).toMatchObject({ secdef: false, config: ['search_path=""'] });
    const intake = rows.filter((r) => !r.name.startsWith('staff_') && !PUBLIC_FUNCTIONS.includes(r.name));
    for (const row of rows.filter((r) => PUBLIC_FUNCTIONS.includes(r.name))) expect(row, row.name).toMatchObject({ secdef: true, config: ['search_path=""'] });
    expect(intake.map((r) => r.name).sort()).toEqual(
      [
        'create_draft', 'get_draft', 'lookup_status', 'purge_expired', 'record_status', 'save_page', 'submit_application',
        'set_draft_action', 'remove_pages', 'issue_resume_code', 'resume_draft', 'submit_complete_application', 'intake_counts', 'intake_policy',
        'sign_in_allowed', 'sign_in_failed', 'sign_in_succeeded', 'bootstrap_staff_member',
        'issue_api_key', 'revoke_api_key', 'list_api_keys', 'authenticate_api_key',
        'give_page_feedback', 'add_feedback_reasons', 'give_satisfaction',
      ].sort(),
    );
    for (const row of intake) expect(row, row.name).toMatchObject({ secdef: true, config: ['search_path=""'] });
  });

  it('for residents are executable by service_role only; for staff by authenticated only (not PUBLIC or anon)', async () => {
    for (const { signature } of functions) {
      const isStaff = signature.startsWith('staff_');
      const isPublic = PUBLIC_FUNCTIONS.includes(signature.slice(0, signature.indexOf('(')));
      const { rows } = await db.query<{ role: string; ok: boolean }>(
        `select r as role, has_function_privilege(r, $1, 'EXECUTE') as ok
         from unnest(array['public', 'anon', 'authenticated', 'service_role']) as r
         where r <> 'public'
         union all
         select 'PUBLIC', exists (select 1 from pg_proc, aclexplode(proacl) a
                                  where oid = $1::regprocedure and a.grantee = 0 and a.privilege_type = 'EXECUTE')`,
        [signature],
      );
      expect(Object.fromEntries(rows.map((r) => [r.role, r.ok])), signature).toEqual({
        PUBLIC: false,
        anon: isPublic,
        authenticated: isStaff,
        service_role: !isStaff && !isPublic,
      });
    }
  });

  it.each(['anon', 'authenticated'] as const)('added for the journeys cannot be executed by %s', async (role) => {
    // Named one by one, so a function that went missing from the list above is noticed here too.
    for (const call of [
      `select public.set_draft_action('x', 'new')`,
      `select public.remove_pages('x', array['agent'])`,
      `select public.issue_resume_code('x', 'client')`,
      `select public.resume_draft('ABCDEFGH', '002X', 'client')`,
      `select public.submit_complete_application('certificate', 'new', '{}'::jsonb, 'test-token-00000000', 'client', 'x')`,
      `select public.intake_counts()`,
      `select public.issue_api_key('渠道', repeat('0', 64))`,
      `select public.revoke_api_key('x')`,
      `select public.list_api_keys()`,
      `select public.authenticate_api_key(repeat('0', 64))`,
      `select public.give_page_feedback('/news/x/', true, 'client')`,
      `select public.add_feedback_reasons('x', array['other'])`,
      `select public.give_satisfaction('certificate', 'satisfied', 'client')`,
    ]) {
      expect(await errorCode(asRole(db, role, (tx) => tx.query(call))), `${role}: ${call}`).toBe('42501');
    }
    expect(await asRole(db, 'service_role', (tx) => tx.query(`select public.intake_counts() as counts`))).toMatchObject({
      rows: [{ counts: { drafts: 0, applications: 0, status_events: 0 } }],
    });
  });

  it.each(['anon', 'authenticated'] as const)('for residents cannot be called by %s', async (role) => {
    for (const { call, signature } of functions.filter((f) => !f.signature.startsWith('staff_') && !f.signature.startsWith('public_notices('))) {
      expect(await errorCode(asRole(db, role, (tx) => tx.query(call))), `${role}: ${signature}`).toBe('42501');
    }
  });

  it('for staff refuse a signed-in user who is not staff (not_staff), and anon outright', async () => {
    for (const { call, signature } of functions.filter((f) => f.signature.startsWith('staff_') && !f.signature.startsWith('staff_me('))) {
      expect(await errorCode(asRole(db, 'authenticated', (tx) => tx.query(call))), signature).toBe('not_staff');
      expect(await errorCode(asRole(db, 'anon', (tx) => tx.query(call))), signature).toBe('42501');
    }
  });

  it('can be called by service_role', async () => {
    const draft = await rpc(db, 'service_role', 'create_draft', { p_client_key: newClient(), p_service: 'assistive-devices', p_action: null });
    expect(draft).toMatchObject({ service: 'assistive-devices', action: null });
    expect(await rpc(db, 'service_role', 'purge_expired', {})).toEqual({
      drafts: 0, applications: 0, lookup_failures: 0, known_clients: 0, client_submissions: 0,
    });
  });

  it('keep internal helpers out of reach of the API roles, but the few the staff functions call', async () => {
    const { rows } = await db.query<{ name: string; role: string }>(
      `select p.oid::regprocedure::text as name, r as role from pg_proc p, unnest(array['anon', 'authenticated', 'service_role']) r
       where p.pronamespace = 'intake'::regnamespace and has_function_privilege(r, p.oid, 'EXECUTE')
         and has_schema_privilege(r, 'intake', 'USAGE')`,
    );
    expect(rows.filter((r) => r.role !== 'authenticated')).toEqual([]);
    expect(rows.map((r) => r.name).sort()).toEqual(STAFF_HELPERS);
  });
});
