import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRpc, type PostgrestErrorBody } from '../../dev/local-supabase/rpc.ts';
import { seedApplications } from '../../dev/seed-applications.ts';
import { errorCode, freshDatabase, RpcError } from './database.ts';
import { maskIdNumber, maskPhone } from '../../src/domain/staff/workspace.ts';
import { FULL_EXPORT_ROLES, type ExportRow } from '../../src/domain/staff/export-columns.ts';

/**
 * Exports in SQL (migration 20251221000100): started once (checked, counted, recorded, audited),
 * read by keyset a page at a time under row-level security with the staff member's own JWT;
 * masked unless started with full data by a role allowed; an officer only their township.
 */
let db: SqlDatabase;
const STAFF = { clerk: randomUUID(), reviewer: randomUUID(), officer: randomUUID(), admin: randomUUID() };
type Who = keyof typeof STAFF;

async function as<T>(who: Who, fn: string, args: Record<string, unknown> = {}): Promise<T> {
  const response = await callRpc(db, { role: 'authenticated', claims: { role: 'authenticated', sub: STAFF[who], aal: 'aal2' } }, fn, args);
  if (response.status === 200) return response.body as T;
  const body = response.body as PostgrestErrorBody;
  throw new RpcError(response.status, body.code, body.message, body.details);
}
const start = (who: Who, set: string, full: boolean, filters: Record<string, unknown> = {}, format = 'csv') =>
  as<{ id: string; rows: number; full: boolean }>(who, 'staff_export_start', { p_column_set: set, p_format: format, p_full: full, p_filters: filters });
const page = (who: Who, id: string, after: ExportRow | null, limit = 500) =>
  as<ExportRow[]>(who, 'staff_export_rows', { p_export: id, p_after_at: after?.submitted_at ?? null, p_after_id: after?.id ?? null, p_limit: limit });

async function all(who: Who, id: string, limit: number): Promise<ExportRow[]> {
  const out: ExportRow[] = [];
  for (;;) {
    const rows = await page(who, id, out.at(-1) ?? null, limit);
    if (rows.length === 0) return out;
    out.push(...rows);
  }
}

beforeAll(async () => {
  db = await freshDatabase();
  await db.query(
    `insert into intake.staff_members (user_id, display_name, role, township, active) values
       ($1, '窗口甲', 'clerk', null, true), ($2, '审核乙', 'reviewer', null, true),
       ($3, '委员丙', 'officer', 'chengguan', true), ($4, '管理戊', 'admin', null, true)`,
    [STAFF.clerk, STAFF.reviewer, STAFF.officer, STAFF.admin],
  );
  await seedApplications(db, { count: 60, townships: ['chengguan', 'dongfeng', 'xishan'] });
});
afterAll(() => db.close());

describe('who may export what', () => {
  it('masks names, ID numbers and phones by default, and leaves out birth date, sex and address', async () => {
    const e = await start('clerk', 'queue', false);
    expect(e).toMatchObject({ rows: 60, full: false });
    const rows = await all('clerk', e.id, 500);
    expect(rows).toHaveLength(60);
    for (const r of rows) {
      expect(r.id_number).toMatch(/^110105\*{8}\d{3}X$/);
      expect(r.name).toMatch(/^测(\*\d|试\*+)$|^=H\*+$/);
      expect(r.phone).toMatch(/^138\*{4}\d{4}$/);
      expect([r.birth_date, r.sex, r.address]).toEqual([null, null, null]);
      if (r.certificate_number) expect(r.certificate_number).toMatch(/^110105\*{8}\d{3}X\d\d$/);
    }
  });

  it('gives full data only to the roles allowed (reviewer, officer); a clerk who asks is refused; an administrator exports nothing', async () => {
    expect([...FULL_EXPORT_ROLES].sort()).toEqual(['officer', 'reviewer']);
    expect(await errorCode(start('clerk', 'queue', true))).toBe('export_full_not_allowed');
    expect(await errorCode(start('admin', 'queue', false))).toBe('not_allowed');
    const e = await start('reviewer', 'certificate-issue', true, { services: ['certificate'], statuses: ['production', 'completed'] });
    const rows = await all('reviewer', e.id, 500);
    expect(rows.length).toBe(e.rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toMatchObject({ service: 'certificate', status: 'production' });
      expect(r.id_number).toMatch(/^110105\d{11}X$/);
      expect(r.birth_date).toBe(`${r.id_number.slice(6, 10)}-${r.id_number.slice(10, 12)}-${r.id_number.slice(12, 14)}`);
      expect(r.sex).toBe(Number(r.id_number[16]) % 2 ? 'male' : 'female');
      expect(r.address).toMatch(/^示例县人民路/);
      expect(r.production_at).not.toBeNull();
      expect(r.category).toMatch(/^[1-7]$/);
    }
  });

  it('keeps a liaison officer to their township, full data or not', async () => {
    for (const full of [false, true]) {
      const e = await start('officer', 'queue', full);
      expect(e.rows).toBe(20);
      const rows = await all('officer', e.id, 7);
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => r.township))).toEqual(new Set(['chengguan']));
    }
    // Asking for another township is no way round it.
    expect((await start('officer', 'queue', false, { township: 'dongfeng' })).rows).toBe(0);
  });

  it('reads every row once, oldest first, page by page (keyset)', async () => {
    const e = await start('reviewer', 'queue', false);
    const rows = await all('reviewer', e.id, 7);
    expect(rows.map((r) => r.id)).toEqual([...new Set(rows.map((r) => r.id))]);
    expect(rows).toHaveLength(60);
    const times = rows.map((r) => Date.parse(r.submitted_at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('applies the queue filters recorded when it started', async () => {
    const e = await start('clerk', 'queue', false, { service: 'transit-card', township: 'xishan', submitted_from: '2026-01-01', submitted_to: '2026-01-01' });
    const rows = await all('clerk', e.id, 500);
    expect(rows.length).toBe(e.rows);
    expect(rows.every((r) => r.service === 'transit-card' && r.township === 'xishan')).toBe(true);
  });
});

describe('an export is one record', () => {
  it('is audited once: who, column set, format, filters, rows and whether masked', async () => {
    const before = (await db.query<{ n: number }>(`select count(*)::int as n from intake.audit_log where action = 'export'`)).rows[0]!.n;
    const e = await start('officer', 'queue', true, { status: 'received' }, 'xlsx');
    await all('officer', e.id, 5);
    const { rows } = await db.query<{ actor: string; actor_role: string; detail: Record<string, unknown> }>(
      `select actor, actor_role, detail from intake.audit_log where action = 'export' order by id desc limit 1`);
    expect((await db.query<{ n: number }>(`select count(*)::int as n from intake.audit_log where action = 'export'`)).rows[0]!.n).toBe(before + 1);
    expect(rows[0]).toEqual({
      actor: STAFF.officer, actor_role: 'officer',
      detail: { export: e.id, column_set: 'queue', format: 'xlsx', filters: { status: 'received' }, rows: e.rows, masked: false },
    });
  });

  it('can be read only by the person who started it, within the hour', async () => {
    const e = await start('clerk', 'queue', false);
    expect(await errorCode(page('reviewer', e.id, null))).toBe('export_not_found');
    expect(await errorCode(page('clerk', randomUUID(), null))).toBe('export_not_found');
    await db.query(`update intake.exports set created_at = now() - interval '61 minutes' where id = $1`, [e.id]);
    expect(await errorCode(page('clerk', e.id, null))).toBe('export_not_found');
  });

  it('refuses unknown filters, malformed dates and column set names', async () => {
    expect(await errorCode(start('clerk', 'queue', false, { applicant_name: '王' }))).toBe('invalid_export');
    expect(await errorCode(start('clerk', 'queue', false, { submitted_from: '2026-02-30' }))).toBe('invalid_export');
    expect(await errorCode(start('clerk', 'Queue!', false))).toBe('invalid_export');
    expect(await errorCode(as('clerk', 'staff_export_start', { p_column_set: 'queue', p_format: 'pdf', p_full: false, p_filters: {} }))).toBe('invalid_export');
  });

  it('cannot be changed or deleted through the API, and staff see only their own', async () => {
    const { rows } = await db.query<{ privilege_type: string }>(
      `select privilege_type from information_schema.role_table_grants where table_schema = 'intake' and table_name = 'exports' and grantee = 'authenticated' order by 1`);
    expect(rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
  });
});

describe('masking agrees with the domain', () => {
  it.each(['11010519491231002X', '440524188001010014'])('mask_id(%s) = maskIdNumber', async (id) => {
    const { rows } = await db.query<{ m: string }>(`select intake.mask_id($1) as m`, [id]);
    expect(rows[0]!.m).toBe(maskIdNumber(id));
  });
  it.each(['13800001234', '057112345678', '1234567', '12345', '1234', ''])('mask_phone(%s) = maskPhone', async (phone) => {
    const { rows } = await db.query<{ m: string }>(`select intake.mask_phone($1) as m`, [phone]);
    expect(rows[0]!.m).toBe(maskPhone(phone));
  });
});
