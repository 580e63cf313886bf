import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, errorCode, freshDatabase, rpc, type RpcError } from './database.ts';
import { APPLICANT_ID, CERTIFICATE, apiChannel, completeCertificateDraft, idNumber, token, newClient } from './fixtures.ts';

let db: SqlDatabase;
let channel: string;
beforeAll(async () => {
  db = await freshDatabase();
  channel = await apiChannel(db);
});
afterAll(() => db.close());

interface Receipt {
  reference: string;
  service: string;
  action: string | null;
  status: string;
  submitted_at: string;
  repeated: boolean;
}
type Counts = { drafts: number; applications: number; status_events: number };

const REFERENCE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;
const submitAll = (service: string | null, action: string | null, answers: unknown, clientToken: string) =>
  rpc<Receipt>(db, 'service_role', 'submit_complete_application', {
    p_service: service,
    p_action: action,
    p_answers: answers,
    p_client_token: clientToken,
    p_client_key: newClient(),
    p_channel_id: channel,
  });
const counts = () => rpc<Counts>(db, 'service_role', 'intake_counts', {});

/** A whole transit-card application as the JSON API would send it. */
function transitAnswers(id = APPLICANT_ID): Record<string, Record<string, unknown>> {
  return {
    certificate: { certificate_number: `${id}14` },
    who: { applying_for: 'self' },
    applicant: { name: '测试申请人', id_number: id, phone: '13800000000' },
    pickup: { point: 'county-office' },
    declaration: { agreed: true },
  };
}

describe('submit_complete_application', () => {
  it('creates the application in one call, normalising numbers as save_page does, and leaves no draft', async () => {
    const before = await counts();
    const answers = transitAnswers();
    answers['applicant']!['id_number'] = ' 110105 19491231 002x ';
    answers['certificate']!['certificate_number'] = '１１０１０５１９４９１２３１００２ｘ14';
    const receipt = await submitAll('transit-card', 'new', answers, token(1));
    expect(receipt).toEqual({
      reference: expect.stringMatching(REFERENCE),
      service: 'transit-card',
      action: 'new',
      status: 'received',
      submitted_at: expect.any(String),
      repeated: false,
    });
    expect(await counts()).toEqual({ drafts: before.drafts, applications: before.applications + 1, status_events: before.status_events + 1 });
    const { rows } = await db.query<{ answers: Record<string, Record<string, unknown>>; applicant_id_number: string }>(
      `select answers, applicant_id_number from intake.applications where reference = $1`,
      [receipt.reference],
    );
    expect(rows[0]?.applicant_id_number).toBe(APPLICANT_ID);
    expect(rows[0]?.answers).toEqual({
      certificate: { certificate_number: `${APPLICANT_ID}14` },
      who: { applying_for: 'self' },
      applicant: { name: '测试申请人', phone: '13800000000' },
      pickup: { point: 'county-office' },
      declaration: { agreed: true },
    });
    const lookup = await rpc(db, 'service_role', 'lookup_status', { p_reference: receipt.reference, p_fact: '002X', p_client_key: 'c' });
    expect(lookup).toMatchObject({ ok: true, status: 'received' });
  });

  it('writes each row once: the application with its channel in the INSERT, one count in a slot, no draft', async () => {
    // What one submit writes: the table counters of its own transaction (pg_stat_xact_user_tables),
    // before and after the call (PGlite keeps them across transactions), then rolled back.
    const writes = await asRole(db, 'service_role', async (tx) => {
      const counters = async () => Object.fromEntries((await tx.query<{ relname: string; ins: number; upd: number; del: number }>(
        `select relname, n_tup_ins::int as ins, n_tup_upd::int as upd, n_tup_del::int as del
         from pg_stat_xact_user_tables where schemaname = 'intake'`)).rows.map((r) => [r.relname, r]));
      const before = await counters();
      await tx.query(
        `select public.submit_complete_application('transit-card', 'new', $1::jsonb, $2, $3, $4)`,
        [JSON.stringify(transitAnswers()), token(40), newClient(), channel],
      );
      const after = await counters();
      const rows = Object.values(after)
        .map((r) => ({ relname: r.relname, ins: r.ins - (before[r.relname]?.ins ?? 0), upd: r.upd - (before[r.relname]?.upd ?? 0), del: r.del - (before[r.relname]?.del ?? 0) }))
        .filter((r) => r.ins + r.upd + r.del > 0);
      await tx.query('reset role');
      const stored = await tx.query<{ channel_id: string }>(`select channel_id::text from intake.applications where client_token = $1`, [token(40)]);
      return { rows, channel: stored.rows[0]?.channel_id };
    });
    expect(writes.channel).toBe(channel);
    const byTable = Object.fromEntries(writes.rows.map((r) => [r.relname, r]));
    expect(byTable['applications']).toEqual({ relname: 'applications', ins: 1, upd: 0, del: 0 });
    expect(byTable['status_events']).toMatchObject({ ins: 1, upd: 0 });
    expect(byTable['drafts']).toBeUndefined();
    // The day's count: one slot inserted or one slot added to, never a row every submit shares.
    expect((byTable['journey_counts']?.ins ?? 0) + (byTable['journey_counts']?.upd ?? 0)).toBe(1);
  });

  it('takes the ID number from the certificate number alone', async () => {
    const id = idNumber('1992-02-02', '022');
    const answers = transitAnswers(id);
    answers['applicant'] = { name: '测试申请人' };
    const receipt = await submitAll('transit-card', 'replacement', answers, token(2));
    const { rows } = await db.query<{ applicant_id_number: string }>(
      `select applicant_id_number from intake.applications where reference = $1`,
      [receipt.reference],
    );
    expect(rows[0]?.applicant_id_number).toBe(id);
    // ...and still refuses a certificate number that is not the applicant's.
    const mismatch = transitAnswers(id);
    mismatch['certificate'] = { certificate_number: CERTIFICATE };
    expect(await errorCode(submitAll('transit-card', 'new', mismatch, token(3)))).toBe('certificate_mismatch');
  });

  it('is idempotent by client token: the same request returns the first receipt', async () => {
    const before = await counts();
    const first = await submitAll('transit-card', 'new', transitAnswers(), token(4));
    // The same answers with their keys in another order are the same request (canonical jsonb).
    const reordered = Object.fromEntries(Object.entries(transitAnswers()).reverse());
    const again = await submitAll('transit-card', 'new', reordered, token(4));
    expect(again).toEqual({ ...first, repeated: true });
    expect(await submitAll('transit-card', 'new', transitAnswers(), token(4))).toEqual({ ...first, repeated: true });
    expect(await counts()).toEqual({ drafts: before.drafts, applications: before.applications + 1, status_events: before.status_events + 1 });
  });

  it('refuses the same token with a different request (token_reused), without revealing the receipt', async () => {
    await submitAll('transit-card', 'new', transitAnswers(), token(5));
    const before = await counts();
    const changed = transitAnswers();
    changed['pickup'] = { point: 'town-office' };
    for (const [service, action, answers] of [
      ['transit-card', 'new', changed],
      ['transit-card', 'replacement', transitAnswers()],
      ['certificate', 'new', transitAnswers()],
      ['transit-card', 'new', {}],
    ] as const) {
      expect(await errorCode(submitAll(service, action, answers, token(5))), `${service} ${action}`).toBe('token_reused');
    }
    // A token used by a draft's submit cannot be replayed here either.
    await rpc(db, 'service_role', 'submit_application', { p_client_key: newClient(), p_draft_id: await completeCertificateDraft(db), p_client_token: token(6) });
    const after = await counts();
    expect(await errorCode(submitAll('transit-card', 'new', transitAnswers(), token(6)))).toBe('token_reused');
    expect(await counts()).toEqual(after);
    expect(after.applications).toBe(before.applications + 1);
  });

  it('creates exactly one application from concurrent calls with one token', async () => {
    // The stand-in serialises requests; in Postgres the later calls wait on the client_token index
    // and take the unique-violation path (tested below).
    const before = await counts();
    const receipts = await Promise.all(Array.from({ length: 8 }, () => submitAll('transit-card', 'new', transitAnswers(), token(7))));
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(receipts.filter((r) => !r.repeated)).toHaveLength(1);
    expect(await counts()).toEqual({ drafts: before.drafts, applications: before.applications + 1, status_events: before.status_events + 1 });
  });

  describe('when another call with the token commits between the token check and the insert', () => {
    // Staged at that exact point, on either engine: the last check before the insert
    // (intake.check_draft_size) is wrapped so that it first makes the same call (or a different one),
    // once per transaction. tests/postgres/concurrency.test.ts races real connections.
    async function withRacingCall<T>(racingAnswers: Record<string, unknown>, clientToken: string, fn: () => Promise<T>): Promise<T> {
      await db.exec(`
        alter function intake.check_draft_size(jsonb) rename to check_draft_size_real;
        create function intake.check_draft_size(p_answers jsonb) returns void language plpgsql set search_path = '' as $$
        begin
          if current_setting('test.raced', true) is distinct from 'yes' then
            perform set_config('test.raced', 'yes', true);
            perform public.submit_complete_application('transit-card', 'new', '${JSON.stringify(racingAnswers)}'::jsonb, '${clientToken}', 'racing-client', '${channel}');
          end if;
          perform intake.check_draft_size_real(p_answers);
        end $$;`);
      try {
        return await fn();
      } finally {
        await db.exec(`drop function intake.check_draft_size(jsonb);
          alter function intake.check_draft_size_real(jsonb) rename to check_draft_size;`);
      }
    }

    it('answers the same request with the racing call receipt', async () => {
      const before = await counts();
      const receipt = await withRacingCall(transitAnswers(), token(8), () => submitAll('transit-card', 'new', transitAnswers(), token(8)));
      expect(receipt).toMatchObject({ service: 'transit-card', repeated: true });
      const { rows } = await db.query<{ reference: string }>(`select reference from intake.applications where client_token = $1`, [token(8)]);
      expect(rows).toEqual([{ reference: receipt.reference }]);
      expect(await counts()).toEqual({ drafts: before.drafts, applications: before.applications + 1, status_events: before.status_events + 1 });
    });

    it('fails a different request with token_reused', async () => {
      const before = await counts();
      const other = transitAnswers();
      other['pickup'] = { point: 'town-office' };
      const code = await withRacingCall(other, token(9), () => errorCode(submitAll('transit-card', 'new', transitAnswers(), token(9))));
      expect(code).toBe('token_reused');
      expect(await counts()).toEqual(before); // here the racing call was part of the failed transaction
    });
  });

  it('applies the same checks as save_page and leaves nothing behind on any failure', async () => {
    const before = await counts();
    const failuresBefore = (await db.query<{ n: number }>(`select count(*)::int as n from intake.lookup_failures`)).rows[0]!.n;
    const big = 'x'.repeat(8000);
    const cases: [string, string | null, string | null, unknown, string?][] = [
      ['invalid_token', 'transit-card', 'new', transitAnswers(), 'short'],
      ['invalid_token', 'transit-card', 'new', transitAnswers(), ''],
      ['unknown_service', 'parking', 'new', transitAnswers()],
      ['unknown_service', null, 'new', transitAnswers()],
      ['invalid_action', 'transit-card', 'renewal', transitAnswers()],
      ['invalid_action', 'assistive-devices', 'new', {}],
      ['invalid_page', 'transit-card', 'new', { ...transitAnswers(), documents: {} }],
      ['invalid_page', 'transit-card', 'new', { ...transitAnswers(), Applicant: {} }],
      ['invalid_answers', 'transit-card', 'new', null],
      ['invalid_answers', 'transit-card', 'new', [transitAnswers()]],
      ['invalid_answers', 'transit-card', 'new', 'everything'],
      ['invalid_answers', 'transit-card', 'new', { ...transitAnswers(), pickup: 'county-office' }],
      ['invalid_answers', 'transit-card', 'new', { ...transitAnswers(), pickup: [1] }],
      ['invalid_answers', 'transit-card', 'new', { ...transitAnswers(), pickup: { note: 'x'.repeat(9000) } }],
      ['invalid_answers', 'certificate', 'new', Object.fromEntries(
        ['who', 'agent', 'certificate', 'applicant', 'category', 'change', 'transfer', 'assessment', 'declaration'].map((s) => [s, { note: big }]),
      )],
      ['invalid_id_number', 'transit-card', 'new', { ...transitAnswers(), applicant: { id_number: '11010519491231002Y' } }],
      ['invalid_certificate_number', 'transit-card', 'new', { ...transitAnswers(), certificate: { certificate_number: `${APPLICANT_ID}82` } }],
      ['incomplete_application', 'transit-card', null, transitAnswers()],
      ['incomplete_application', 'transit-card', 'new', {}],
      ['certificate_mismatch', 'transit-card', 'new', { ...transitAnswers(), certificate: { certificate_number: `${idNumber('1980-02-29', '013')}14` } }],
    ];
    for (const [expected, service, action, answers, clientToken] of cases) {
      const label = `${expected}: ${service} ${action} ${JSON.stringify(answers).slice(0, 80)}`;
      expect(await errorCode(submitAll(service, action, answers, clientToken ?? token(10))), label).toBe(expected);
      expect(await counts(), label).toEqual(before);
    }
    expect((await db.query<{ n: number }>(`select count(*)::int as n from intake.lookup_failures`)).rows[0]!.n).toBe(failuresBefore);
    // The token of those failed calls is still free.
    expect(await submitAll('transit-card', 'new', transitAnswers(), token(10))).toMatchObject({ repeated: false });
  });

  it('names what is missing, the action included', async () => {
    const error = (await submitAll('certificate', null, { applicant: { name: '测试' } }, token(11)).catch((e: unknown) => e)) as RpcError;
    expect(error.message).toBe('incomplete_application');
    expect(error.details?.split(',')).toEqual(['action', 'declaration', 'who', 'applicant.id_number']);
    const devices = await submitAll(
      'assistive-devices',
      null,
      {
        who: { applying_for: 'self' },
        certificate: { certificate_number: CERTIFICATE },
        applicant: { name: '测试' },
        device: { kind: 'wheelchair' },
        assessment: { home_visit: true },
        delivery: { method: 'pickup' },
        declaration: { agreed: true },
      },
      token(12),
    );
    expect(devices).toMatchObject({ service: 'assistive-devices', action: null, repeated: false });
  });
});
