import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, freshDatabase, rpc, type RpcError } from './database.ts';
import { APPLICANT_ID, CERTIFICATE, completeCertificateDraft, idNumber, token, newClient } from './fixtures.ts';

let db: SqlDatabase;
beforeAll(async () => {
  db = await freshDatabase();
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
const REFERENCE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;
const submit = (draftId: string, clientToken: string) =>
  rpc<Receipt>(db, 'service_role', 'submit_application', { p_client_key: newClient(), p_draft_id: draftId, p_client_token: clientToken });
const count = async (table: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from intake.${table}`)).rows[0]!.n;

describe('submit_application', () => {
  it('turns a complete draft into an application with a receipt, and deletes the draft', async () => {
    const draftId = await completeCertificateDraft(db);
    const receipt = await submit(draftId, token(1));
    expect(receipt).toMatchObject({ service: 'certificate', action: 'new', status: 'received', repeated: false });
    expect(receipt.reference).toMatch(REFERENCE);
    const { rows } = await db.query<{ answers: Record<string, Record<string, unknown>>; applicant_id_number: string }>(
      `select answers, applicant_id_number from intake.applications where reference = $1`,
      [receipt.reference],
    );
    // The ID number is stored once, in its own column, not again in the answers.
    expect(rows[0]?.applicant_id_number).toBe(APPLICANT_ID);
    expect(rows[0]?.answers['applicant']).toEqual({ name: '测试申请人', phone: '13800000000' });
    expect(await errorCode(rpc(db, 'service_role', 'get_draft', { p_draft_id: draftId }))).toBe('draft_not_found');
    const events = await db.query(`select e.status from intake.status_events e join intake.applications a on a.id = e.application_id
                                   where a.reference = $1`, [receipt.reference]);
    expect(events.rows).toEqual([{ status: 'received' }]);
  });

  it('is idempotent: the same draft and token return the same reference, and create one application', async () => {
    const before = await count('applications');
    const draftId = await completeCertificateDraft(db);
    const first = await submit(draftId, token(2));
    const again = await submit(draftId, token(2));
    const third = await submit(draftId, token(2));
    expect(again).toEqual({ ...first, repeated: true });
    expect(third.reference).toBe(first.reference);
    expect(await count('applications')).toBe(before + 1);
    // A different token cannot reuse the draft, and does not learn the reference.
    expect(await errorCode(submit(draftId, token(3)))).toBe('draft_already_submitted');
  });

  it('is idempotent under concurrent calls through the serialised request queue', async () => {
    // The stand-in serialises requests; real Postgres serialises them on the draft's row lock.
    const before = await count('applications');
    const draftId = await completeCertificateDraft(db);
    const receipts = await Promise.all(Array.from({ length: 8 }, () => submit(draftId, token(4))));
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(receipts.filter((r) => !r.repeated)).toHaveLength(1);
    expect(await count('applications')).toBe(before + 1);
  });

  it('rejects bad tokens, unknown and expired drafts', async () => {
    const draftId = await completeCertificateDraft(db);
    for (const bad of ['', 'short', 'has spaces in it, too long enough', 'x'.repeat(129)]) {
      expect(await errorCode(submit(draftId, bad))).toBe('invalid_token');
    }
    expect(await errorCode(submit('00000000-0000-4000-8000-000000000000', token()))).toBe('draft_not_found');
    expect(await errorCode(submit('nonsense', token()))).toBe('draft_not_found');
    await db.query(`update intake.drafts set expires_at = now() where id = $1`, [draftId]);
    expect(await errorCode(submit(draftId, token()))).toBe('draft_expired');
  });

  it('names the missing parts of an incomplete application', async () => {
    const { draft_id } = await rpc<{ draft_id: string }>(db, 'service_role', 'create_draft', {
      p_client_key: newClient(),
      p_service: 'transit-card',
      p_action: 'replacement',
    });
    await rpc(db, 'service_role', 'save_page', { p_draft_id: draft_id, p_page: 'applicant', p_answers: { name: '测试' } });
    await rpc(db, 'service_role', 'save_page', { p_draft_id: draft_id, p_page: 'certificate', p_answers: {} });
    const error = (await submit(draft_id, token()).catch((e: unknown) => e)) as RpcError;
    expect(error.message).toBe('incomplete_application');
    expect(error.details?.split(',')).toEqual([
      'declaration',
      'pickup',
      'who',
      'applicant.id_number',
      'certificate.certificate_number',
    ]);
  });

  it('refuses a certificate number that belongs to someone other than the applicant', async () => {
    const other = idNumber('1980-02-29', '013');
    const { draft_id } = await rpc<{ draft_id: string }>(db, 'service_role', 'create_draft', {
      p_client_key: newClient(),
      p_service: 'transit-card',
      p_action: 'new',
    });
    const save = (page: string, answers: object) =>
      rpc(db, 'service_role', 'save_page', { p_draft_id: draft_id, p_page: page, p_answers: answers });
    await save('who', { applying_for: 'self' });
    await save('applicant', { id_number: other });
    await save('certificate', { certificate_number: CERTIFICATE });
    await save('pickup', { point: 'county-office' });
    await save('declaration', { agreed: true });
    expect(await errorCode(submit(draft_id, token()))).toBe('certificate_mismatch');
    await save('certificate', { certificate_number: `${other}14` });
    expect((await submit(draft_id, token())).service).toBe('transit-card');
  });
});

describe('submit_application on the journeys', () => {
  const create = (service: string, action: string | null) =>
    rpc<{ draft_id: string }>(db, 'service_role', 'create_draft', { p_client_key: newClient(), p_service: service, p_action: action });
  const saver = (draftId: string) => (page: string, answers: object) =>
    rpc(db, 'service_role', 'save_page', { p_draft_id: draftId, p_page: page, p_answers: answers });

  it('names the action as missing while a service that has actions has none', async () => {
    const { draft_id } = await create('transit-card', null);
    const save = saver(draft_id);
    await save('certificate', { certificate_number: CERTIFICATE });
    await save('who', { applying_for: 'self' });
    await save('applicant', { name: '测试' });
    await save('pickup', { point: 'county-office' });
    await save('declaration', { agreed: true });
    const error = (await submit(draft_id, token(20)).catch((e: unknown) => e)) as RpcError;
    expect(error.message).toBe('incomplete_application');
    expect(error.details).toBe('action');
    await rpc(db, 'service_role', 'set_draft_action', { p_draft_id: draft_id, p_action: 'replacement' });
    expect(await submit(draft_id, token(20))).toMatchObject({ service: 'transit-card', action: 'replacement', repeated: false });

    const certificate = await create('certificate', null);
    const incomplete = (await submit(certificate.draft_id, token(21)).catch((e: unknown) => e)) as RpcError;
    expect(incomplete.details?.split(',')).toEqual(['action', 'applicant', 'declaration', 'who', 'applicant.id_number']);
  });

  it('takes the ID number from the certificate number when the applicant page has none', async () => {
    const { draft_id } = await create('certificate', 'renewal');
    const save = saver(draft_id);
    await save('who', { applying_for: 'self' });
    await save('certificate', { certificate_number: CERTIFICATE });
    await save('applicant', { name: '测试申请人', phone: '13800000000' });
    await save('declaration', { agreed: true });
    const receipt = await submit(draft_id, token(22));
    expect(receipt).toMatchObject({ service: 'certificate', action: 'renewal', repeated: false });
    const { rows } = await db.query<{ answers: Record<string, Record<string, unknown>>; applicant_id_number: string }>(
      `select answers, applicant_id_number from intake.applications where reference = $1`,
      [receipt.reference],
    );
    expect(rows[0]?.applicant_id_number).toBe(APPLICANT_ID);
    expect(rows[0]?.answers['applicant']).toEqual({ name: '测试申请人', phone: '13800000000' });
    expect(rows[0]?.answers['certificate']).toEqual({ certificate_number: CERTIFICATE });
    // The status lookup fact is the last 4 of that ID number.
    const lookup = await rpc(db, 'service_role', 'lookup_status', {
      p_reference: receipt.reference, p_fact: APPLICANT_ID.slice(-4), p_client_key: 'client-cert-only',
    });
    expect(lookup).toMatchObject({ ok: true, action: 'renewal', action_label: '换领' });
  });

  it('still needs an ID number from one of the two pages', async () => {
    const { draft_id } = await create('assistive-devices', null);
    const save = saver(draft_id);
    for (const page of ['who', 'device', 'assessment', 'delivery', 'declaration']) await save(page, { answered: true });
    await save('certificate', { has_certificate: false }); // a child 0–6 without a certificate
    await save('applicant', { name: '测试' });
    const error = (await submit(draft_id, token(23)).catch((e: unknown) => e)) as RpcError;
    expect([error.message, error.details]).toEqual(['incomplete_application', 'applicant.id_number']);
    await save('applicant', { name: '测试', id_number: idNumber('2021-06-01', '031') });
    expect(await submit(draft_id, token(23))).toMatchObject({ service: 'assistive-devices', action: null });
  });

  it('refuses a token that already belongs to another application', async () => {
    const first = await submit(await completeCertificateDraft(db), token(24));
    const other = await completeCertificateDraft(db, idNumber('1985-05-05', '055'));
    expect(await errorCode(submit(other, token(24)))).toBe('token_reused');
    // The draft is untouched and can still be submitted with a token of its own.
    const second = await submit(other, token(25));
    expect(second.reference).not.toBe(first.reference);
  });
});

describe('intake_counts', () => {
  it('counts drafts, applications and status events, and nothing else', async () => {
    const counts = () => rpc<Record<string, number>>(db, 'service_role', 'intake_counts', {});
    const before = await counts();
    expect(Object.keys(before).sort()).toEqual(['applications', 'drafts', 'status_events']);
    expect(before).toEqual({ drafts: await count('drafts'), applications: await count('applications'), status_events: await count('status_events') });
    const draftId = await completeCertificateDraft(db, idNumber('1970-10-10', '101'));
    expect(await counts()).toEqual({ ...before, drafts: before['drafts']! + 1 });
    await submit(draftId, token(26));
    expect(await counts()).toEqual({
      drafts: before['drafts'],
      applications: before['applications']! + 1,
      status_events: before['status_events']! + 1,
    });
  });
});

describe('reference numbers', () => {
  it('use the unambiguous alphabet and are unique over 2,000', async () => {
    const { rows } = await db.query<{ r: string }>(`select intake.new_reference() as r from generate_series(1, 2000)`);
    expect(rows.every(({ r }) => REFERENCE.test(r))).toBe(true);
    expect(new Set(rows.map(({ r }) => r)).size).toBe(2000);
    // Every character of the alphabet turns up, and none of 0, O, 1, I.
    const used = new Set(rows.flatMap(({ r }) => [...r]));
    expect(used.size).toBe(32);
  });

  it('are retried on collision', async () => {
    const first = await submit(await completeCertificateDraft(db), token(5));
    // Make the generator return the taken reference twice before a fresh one.
    await db.exec(`
      create sequence intake.test_collisions;
      alter function intake.new_reference() rename to new_reference_random;
      create function intake.new_reference() returns text language sql volatile set search_path = '' as $$
        select case when nextval('intake.test_collisions') <= 2 then '${first.reference}'
                    else intake.new_reference_random() end $$;`);
    try {
      const second = await submit(await completeCertificateDraft(db), token(6));
      expect(second.reference).toMatch(REFERENCE);
      expect(second.reference).not.toBe(first.reference);
      expect((await db.query(`select last_value from intake.test_collisions`)).rows).toEqual([{ last_value: 3 }]);
    } finally {
      await db.exec(`
        drop function intake.new_reference();
        alter function intake.new_reference_random() rename to new_reference;
        drop sequence intake.test_collisions;`);
    }
  });
});

describe('record_status', () => {
  const record = (reference: string, status: string, note?: string) =>
    rpc(db, 'service_role', 'record_status', { p_reference: reference, p_status: status, p_note: note ?? null });

  it('moves forward through the service statuses, may skip one, and stops at a closing status', async () => {
    const { reference } = await submit(await completeCertificateDraft(db), token(7));
    await record(reference, 'assessment', '请于下周一上午到县医院评定');
    expect(await errorCode(record(reference, 'received'))).toBe('invalid_transition');
    expect(await errorCode(record(reference, 'assessment'))).toBe('invalid_transition');
    await record(reference.toLowerCase(), 'review'); // public notice skipped (e.g. a minor)
    expect(await errorCode(record(reference, 'pricing'))).toBe('invalid_status');
    expect(await record(reference, 'completed')).toEqual({ reference, status: 'completed', closed: true });
    expect(await errorCode(record(reference, 'rejected'))).toBe('invalid_transition');
    expect(await errorCode(record('ZZZZZZZZ', 'review'))).toBe('application_not_found');
    expect(await errorCode(record(reference, 'completed', 'x'.repeat(501)))).toBe('invalid_note');
  });

  it('lets any open application be rejected or withdrawn', async () => {
    const { reference } = await submit(await completeCertificateDraft(db), token(8));
    expect(await record(reference, 'withdrawn')).toMatchObject({ status: 'withdrawn', closed: true });
  });
});
