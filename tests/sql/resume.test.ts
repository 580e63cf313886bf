import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, freshDatabase, rpc } from './database.ts';
import { APPLICANT_ID, CERTIFICATE, idNumber, newClient } from './fixtures.ts';

let db: SqlDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;
const FAILED = { ok: false, error: 'resume_failed' };
const THROTTLED = { ok: false, error: 'resume_throttled' };
const SAVER = 'saving-client';

const call = <T = Record<string, unknown>>(fn: string, args: Record<string, unknown>) => rpc<T>(db, 'service_role', fn, args);
const issue = (draftId: string) => call<{ resume_code: string; expires_at: string }>('issue_resume_code', { p_draft_id: draftId, p_client_key: SAVER });
const resume = (code: string, fact: string, clientKey: string) =>
  call('resume_draft', { p_code: code, p_fact: fact, p_client_key: clientKey });
const failures = async () =>
  (await db.query<{ reference: string }>(`select reference from intake.lookup_failures order by id`)).rows.map((r) => r.reference);
/** How a typed code is recorded: 'resume:' and its peppered hash, never the code. */
const subject = async (code: string) =>
  (await db.query<{ s: string }>(`select intake.resume_subject(intake.normalise_reference($1)) as s`, [code])).rows[0]!.s;

/** A draft whose applicant page holds `id` (or, with `viaCertificate`, only a certificate number). */
async function draftWithId(id: string, viaCertificate = false): Promise<string> {
  const { draft_id } = await call<{ draft_id: string }>('create_draft', { p_client_key: newClient(), p_service: 'certificate', p_action: viaCertificate ? 'renewal' : 'new' });
  await call('save_page', { p_draft_id: draft_id, p_page: 'who', p_answers: { applying_for: 'self' } });
  await call('save_page', viaCertificate
    ? { p_draft_id: draft_id, p_page: 'certificate', p_answers: { certificate_number: `${id}42` } }
    : { p_draft_id: draft_id, p_page: 'applicant', p_answers: { name: '测试', id_number: id } });
  return draft_id;
}

beforeEach(() => db.exec('delete from intake.lookup_failures'));

describe('issue_resume_code', () => {
  it('gives an 8-character code, keeps only its hash, and extends the draft', async () => {
    const draftId = await draftWithId(APPLICANT_ID);
    await db.query(`update intake.drafts set expires_at = now() + interval '1 day' where id = $1`, [draftId]);
    const issued = await issue(draftId);
    expect(Object.keys(issued).sort()).toEqual(['expires_at', 'resume_code']);
    expect(issued.resume_code).toMatch(CODE);
    expect((Date.parse(issued.expires_at) - Date.now()) / 86_400_000).toBeGreaterThan(29.9);
    const { rows } = await db.query<{ hash: string }>(`select encode(resume_code_hash, 'hex') as hash from intake.drafts where id = $1`, [draftId]);
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    // Not even a plain sha256 of the code is stored (it is peppered): 40 bits could be tried one by one.
    const plain = await db.query<{ hash: string }>(`select encode(sha256(convert_to($1, 'UTF8')), 'hex') as hash`, [issued.resume_code]);
    expect(rows[0]?.hash).not.toBe(plain.rows[0]?.hash);
    const stored = await db.query(`select 1 from intake.drafts where answers::text like '%' || $1 || '%'`, [issued.resume_code]);
    expect(stored.rows).toEqual([]);
  });

  it('replaces the code when asked again: only the newest code works', async () => {
    const id = idNumber('1988-08-08', '081');
    const draftId = await draftWithId(id);
    const first = await issue(draftId);
    const second = await issue(draftId);
    expect(second.resume_code).not.toBe(first.resume_code);
    expect(await resume(first.resume_code, id.slice(-4), 'client-a')).toEqual(FAILED);
    expect(await resume(second.resume_code, id.slice(-4), 'client-a')).toMatchObject({ ok: true, draft_id: draftId });
  });

  it('needs the ID number in the draft (the fact to check on return)', async () => {
    const { draft_id } = await call<{ draft_id: string }>('create_draft', { p_client_key: newClient(), p_service: 'transit-card' });
    expect(await errorCode(issue(draft_id))).toBe('resume_fact_missing');
    await call('save_page', { p_draft_id: draft_id, p_page: 'applicant', p_answers: { name: '测试' } });
    expect(await errorCode(issue(draft_id))).toBe('resume_fact_missing');
    await call('save_page', { p_draft_id: draft_id, p_page: 'certificate', p_answers: { certificate_number: CERTIFICATE } });
    expect((await issue(draft_id)).resume_code).toMatch(CODE);
  });

  it('needs a live draft', async () => {
    expect(await errorCode(issue('00000000-0000-4000-8000-000000000000'))).toBe('draft_not_found');
    const draftId = await draftWithId(APPLICANT_ID);
    await db.query(`update intake.drafts set expires_at = now() where id = $1`, [draftId]);
    expect(await errorCode(issue(draftId))).toBe('draft_expired');
  });

  it('retries when a new code collides with another draft', async () => {
    const taken = await issue(await draftWithId(APPLICANT_ID));
    await db.exec(`
      create sequence intake.test_collisions;
      alter function intake.new_reference() rename to new_reference_random;
      create function intake.new_reference() returns text language sql volatile set search_path = '' as $$
        select case when nextval('intake.test_collisions') <= 2 then '${taken.resume_code}'
                    else intake.new_reference_random() end $$;`);
    try {
      const fresh = await issue(await draftWithId(APPLICANT_ID));
      expect(fresh.resume_code).toMatch(CODE);
      expect(fresh.resume_code).not.toBe(taken.resume_code);
      expect((await db.query(`select last_value from intake.test_collisions`)).rows).toEqual([{ last_value: 3 }]);
    } finally {
      await db.exec(`
        drop function intake.new_reference();
        alter function intake.new_reference_random() rename to new_reference;
        drop sequence intake.test_collisions;`);
    }
  });
});

describe('resume_draft', () => {
  it('gives back the draft for the code and the last 4 of the ID number, typed loosely', async () => {
    const id = idNumber('1990-07-15', '123');
    const draftId = await draftWithId(id);
    await call('set_draft_action', { p_draft_id: draftId, p_action: 'change' });
    const { resume_code: code } = await issue(draftId);
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
    const result = await resume(typed, `  ${id.slice(-4).toLowerCase()}`, 'client-a');
    expect(result).toEqual({
      ok: true,
      draft_id: draftId,
      service: 'certificate',
      action: 'change',
      expires_at: expect.any(String),
    });
    expect(JSON.stringify(result)).not.toContain(id.slice(0, 14)); // no personal data in the answer
    expect(await failures()).toEqual([]);
    // The code keeps working until the draft is submitted, expires or gets a new code.
    expect(await resume(code, id.slice(-4), 'client-b')).toMatchObject({ ok: true });
  });

  it('checks the ID number taken from the certificate number when the applicant page has none', async () => {
    const id = '11010519491231002X';
    const draftId = await draftWithId(id, true);
    const { resume_code: code } = await issue(draftId);
    expect(await resume(code, '002x', 'client-a')).toMatchObject({ ok: true, draft_id: draftId, action: 'renewal' });
    expect(await resume(code, '0042', 'client-a')).toEqual(FAILED); // the certificate number's own last 4
  });

  it('answers an unknown code, an expired draft, a wrong fact and malformed input alike, and records each', async () => {
    const id = idNumber('1966-06-06', '066');
    const live = await issue(await draftWithId(id));
    const expiredDraft = await draftWithId(id);
    const expired = await issue(expiredDraft);
    await db.query(`update intake.drafts set expires_at = now() - interval '1 second' where id = $1`, [expiredDraft]);
    const answers = [
      await resume('ZZZZZZZZ', id.slice(-4), 'client-1'),
      await resume(expired.resume_code, id.slice(-4), 'client-2'),
      await resume(live.resume_code, '0000', 'client-3'),
      await resume(live.resume_code, '', 'client-4'),
      await resume('', '', 'client-5'),
      await resume(`${live.resume_code}' or '1'='1`, id.slice(-4), 'client-6'),
    ];
    for (const answer of answers) expect(answer).toEqual(FAILED);
    const recorded = await failures();
    expect(recorded.slice(0, 4)).toEqual([
      await subject('ZZZZZZZZ'), await subject(expired.resume_code), await subject(live.resume_code), await subject(live.resume_code),
    ]);
    expect(recorded).toHaveLength(6);
    for (const reference of recorded) {
      expect(reference).toMatch(/^resume:[A-Za-z0-9+/]{43}=$/);
      expect(reference).not.toContain(live.resume_code);
    }
    // A very long code fits the 64-character column as well.
    expect(await resume('A'.repeat(500), '0000', 'client-7')).toEqual(FAILED);
    expect((await failures()).at(-1)).toBe(await subject('A'.repeat(500)));
  });

  it('throttles a code after 10 failures a day, even with the right fact, except for the client that saved it', async () => {
    const id = idNumber('1977-07-07', '077');
    const { resume_code: code } = await issue(await draftWithId(id));
    for (let i = 0; i < 10; i++) expect(await resume(code, '9999', `client-${i}`)).toEqual(FAILED);
    expect(await resume(code, id.slice(-4), 'client-new')).toMatchObject({ ...THROTTLED, scope: 'subject', limit: 10 });
    // An unknown code is throttled the same way, so throttling does not reveal which codes exist.
    for (let i = 0; i < 10; i++) expect(await resume('XXXXXXXX', '9999', `other-${i}`)).toEqual(FAILED);
    expect(await resume('XXXXXXXX', '9999', 'other-new')).toMatchObject({ ...THROTTLED, scope: 'subject' });
    // Throttled attempts are not recorded (so a throttled caller does not extend its own lockout).
    expect(await failures()).toHaveLength(20);
    expect(await resume(code, id.slice(-4), SAVER)).toMatchObject({ ok: true });
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '25 hours'`);
    expect(await resume(code, id.slice(-4), 'client-new')).toMatchObject({ ok: true });
  });

  it('throttles a client after 5 failures, counting its failed status lookups too', async () => {
    const id = idNumber('1979-09-09', '099');
    const { resume_code: code } = await issue(await draftWithId(id));
    for (let i = 0; i < 3; i++) expect(await resume(`ABCDEFG${i + 2}`, '1234', '198.51.100.1')).toEqual(FAILED);
    for (let i = 0; i < 2; i++) {
      await call('lookup_status', { p_reference: `HJKLMNP${i + 2}`, p_fact: '1234', p_client_key: '198.51.100.1' });
    }
    expect(await resume(code, id.slice(-4), '198.51.100.1')).toMatchObject({ ...THROTTLED, scope: 'client', limit: 5 });
    expect(await call('lookup_status', { p_reference: 'QRSTUVW2', p_fact: '1234', p_client_key: '198.51.100.1' })).toMatchObject({
      ok: false,
      error: 'lookup_throttled',
      scope: 'client',
    });
    expect(await resume(code, id.slice(-4), '198.51.100.2')).toMatchObject({ ok: true });
  });

  it('keeps resume failures apart from status lookups of the same characters', async () => {
    for (let i = 0; i < 10; i++) await resume('ABCDEFGH', '1234', `c-${i}`);
    expect(await resume('ABCDEFGH', '1234', 'c-new')).toMatchObject(THROTTLED);
    // The code ABCDEFGH is full; the reference ABCDEFGH is not (and no typed reference can be a
    // code's subject: references are uppercased, so none starts with 'resume:').
    expect(await call('lookup_status', { p_reference: 'ABCDEFGH', p_fact: '1234', p_client_key: 'c-new' })).toEqual({
      ok: false,
      error: 'lookup_failed',
    });
    expect(await call('lookup_status', { p_reference: 'resume:ABCDEFGH', p_fact: '1234', p_client_key: 'c-new2' })).toEqual({
      ok: false,
      error: 'lookup_failed',
    });
  });

  it('stores only a peppered hash of the client key, the same as status lookups do', async () => {
    await resume('ABCDEFGH', '1234', '203.0.113.7');
    await call('lookup_status', { p_reference: 'ABCDEFGH', p_fact: '1234', p_client_key: '203.0.113.7' });
    const { rows } = await db.query<{ reference: string; hash: string }>(
      `select reference, encode(client_key_hash, 'hex') as hash from intake.lookup_failures order by id`,
    );
    expect(rows.map((r) => r.reference)).toEqual([await subject('ABCDEFGH'), 'ABCDEFGH']);
    expect(rows[0]?.hash).toBe(rows[1]?.hash);
    const plain = await db.query<{ hash: string }>(`select encode(sha256('203.0.113.7'::bytea), 'hex') as hash`);
    expect(rows[0]?.hash).not.toBe(plain.rows[0]?.hash);
  });

  it('requires a client key (a server bug otherwise)', async () => {
    expect(await errorCode(resume('ABCDEFGH', '1234', ''))).toBe('invalid_client_key');
    expect(await errorCode(call('resume_draft', { p_code: 'ABCDEFGH', p_fact: '1234', p_client_key: null }))).toBe('invalid_client_key');
  });

  it('stops working once the draft is submitted (the draft is gone)', async () => {
    const id = idNumber('1955-05-05', '055');
    const draftId = await draftWithId(id);
    await call('save_page', { p_draft_id: draftId, p_page: 'declaration', p_answers: { agreed: true } });
    const { resume_code: code } = await issue(draftId);
    await call('submit_application', { p_client_key: newClient(), p_draft_id: draftId, p_client_token: 'resume-test-token-0001' });
    expect(await resume(code, id.slice(-4), 'client-a')).toEqual(FAILED);
  });
});
