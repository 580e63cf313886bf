import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, rpc } from './database.ts';
import { completeCertificateDraft, idNumber, submittedReference } from './fixtures.ts';

let db: SqlDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const purge = () => rpc(db, 'service_role', 'purge_expired', {});
const known = async (reference: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from intake.known_clients where subject = $1`, [reference])).rows[0]!.n;
const ids = async (table: string) =>
  (await db.query<{ id: string }>(`select id::text from intake.${table} order by id`)).rows.map((r) => r.id);

describe('purge_expired', () => {
  it('removes expired drafts and nothing else', async () => {
    const fresh = await completeCertificateDraft(db);
    const expired = await completeCertificateDraft(db);
    const almost = await completeCertificateDraft(db);
    await db.query(`update intake.drafts set expires_at = now() - interval '1 minute' where id = $1`, [expired]);
    await db.query(`update intake.drafts set expires_at = now() + interval '1 minute' where id = $1`, [almost]);
    const open = await submittedReference(db, idNumber('1975-03-03', '051'));
    const recentlyClosed = await submittedReference(db, idNumber('1975-03-04', '052'));
    await rpc(db, 'service_role', 'record_status', { p_reference: recentlyClosed, p_status: 'completed' });
    await db.exec(`insert into intake.lookup_failures (reference, client_key_hash) values ('ABCDEFGH', '\\x00')`);

    const applicationsBefore = await ids('applications');
    const eventsBefore = await ids('status_events');
    const failuresBefore = await ids('lookup_failures');
    expect(await purge()).toEqual({ drafts: 1, applications: 0, lookup_failures: 0, known_clients: 0, client_submissions: 0 });
    expect((await ids('drafts')).sort()).toEqual([fresh, almost].sort());
    expect(await ids('applications')).toEqual(applicationsBefore);
    expect(await ids('status_events')).toEqual(eventsBefore);
    expect(await ids('lookup_failures')).toEqual(failuresBefore);
    expect(open).not.toBe(recentlyClosed);
  });

  it('removes applications closed longer than the retention period (1 year), with their history', async () => {
    const old = await submittedReference(db, idNumber('1960-01-01', '071'));
    await rpc(db, 'service_role', 'record_status', { p_reference: old, p_status: 'rejected' });
    const stillOpen = await submittedReference(db, idNumber('1960-01-02', '072'));
    // Both submitted long ago; only the closed one is past retention.
    await db.query(`update intake.applications set closed_at = now() - interval '1 year 1 day' where reference = $1`, [old]);
    await db.query(`update intake.applications set submitted_at = now() - interval '3 years' where reference = $1`, [stillOpen]);
    const count = await db.query<{ n: number }>(`select count(*)::int as n from intake.applications`);
    // Its submitting client is known for the reference; that goes with it.
    expect(await purge()).toEqual({ drafts: 0, applications: 1, lookup_failures: 0, known_clients: 1, client_submissions: 0 });
    expect(await known(old)).toBe(0);
    expect(await known(stillOpen)).toBe(1);
    const after = await db.query<{ reference: string }>(`select reference from intake.applications`);
    expect(after.rows).toHaveLength(count.rows[0]!.n - 1);
    expect(after.rows.map((r) => r.reference)).toContain(stillOpen);
    const orphans = await db.query(
      `select 1 from intake.status_events e where not exists (select 1 from intake.applications a where a.id = e.application_id)`,
    );
    expect(orphans.rows).toEqual([]);
  });

  it('removes lookup failures older than a day', async () => {
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '25 hours'`);
    expect(await purge()).toEqual({ drafts: 0, applications: 0, lookup_failures: 1, known_clients: 0, client_submissions: 0 });
  });

  it('forgets known clients not seen for 90 days, and counts of submissions older than their hour', async () => {
    const reference = await submittedReference(db, idNumber('1960-01-03', '073'));
    const submissions = (await db.query<{ n: number }>(`select count(*)::int as n from intake.client_submissions`)).rows[0]!.n;
    expect(submissions).toBeGreaterThan(0);
    await db.query(`update intake.known_clients set seen_at = now() - interval '91 days' where subject = $1`, [reference]);
    await db.exec(`update intake.client_submissions set made_at = now() - interval '61 minutes'`);
    expect(await purge()).toEqual({ drafts: 0, applications: 0, lookup_failures: 0, known_clients: 1, client_submissions: submissions });
    expect(await known(reference)).toBe(0);
  });
});

describe('intake_policy', () => {
  it('tells the figures of intake.policy, so what residents read follows the policy', async () => {
    expect(await rpc(db, 'service_role', 'intake_policy', {})).toEqual({ draft_retention_days: 30, lookup_window_minutes: 15 });
    await db.exec(`update intake.policy set draft_retention = interval '45 days', lookup_window = interval '20 minutes'`);
    expect(await rpc(db, 'service_role', 'intake_policy', {})).toEqual({ draft_retention_days: 45, lookup_window_minutes: 20 });
    await db.exec(`update intake.policy set draft_retention = interval '30 days', lookup_window = interval '15 minutes'`);
  });
});
