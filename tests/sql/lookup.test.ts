import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, freshDatabase, rpc } from './database.ts';
import { idNumber, submittedReference } from './fixtures.ts';

let db: SqlDatabase;
let reference: string;
const ID = idNumber('1990-07-15', '123'); // ends in 123 + check character
const LAST4 = ID.slice(-4);

beforeAll(async () => {
  db = await freshDatabase();
  reference = await submittedReference(db, ID);
});
afterAll(() => db.close());

const lookup = (ref: string, fact: string, clientKey: string) =>
  rpc<Record<string, unknown>>(db, 'service_role', 'lookup_status', { p_reference: ref, p_fact: fact, p_client_key: clientKey });
const clearFailures = () => db.exec('delete from intake.lookup_failures');
const FAILED = { ok: false, error: 'lookup_failed' };
const THROTTLED = { ok: false, error: 'lookup_throttled' };

describe('lookup_status', () => {
  it('returns the status history in plain words for the reference and the last 4 of the ID number', async () => {
    await rpc(db, 'service_role', 'record_status', { p_reference: reference, p_status: 'assessment', p_note: '请带身份证到县医院' });
    const typed = `${reference.slice(0, 4)}-${reference.slice(4).toLowerCase()}`; // as a person might type it
    const result = await lookup(typed, LAST4.toLowerCase(), 'client-a');
    expect(result).toMatchObject({
      ok: true,
      reference,
      service: 'certificate',
      service_label: '残疾人证',
      action: 'new',
      action_label: '新办',
      status: 'assessment',
      closed: false,
    });
    expect(result['history']).toEqual([
      expect.objectContaining({ status: 'received', label: '已提交：我们收到了您的申请，工作人员会尽快受理', note: null }),
      expect.objectContaining({ status: 'assessment', note: '请带身份证到县医院' }),
    ]);
    expect(JSON.stringify(result)).not.toContain(ID); // no personal data in the answer
  });

  it('gives exactly the same answer for an unknown reference, a wrong fact and malformed input', async () => {
    await clearFailures();
    const answers = [
      await lookup('ZZZZZZZZ', LAST4, 'client-b'),
      await lookup(reference, '0000', 'client-c'),
      await lookup(reference, '', 'client-d'),
      await lookup('', '', 'client-e'),
      await lookup(`${reference}' or '1'='1`, LAST4, 'client-f'),
    ];
    for (const answer of answers) expect(answer).toEqual(FAILED);
  });

  it('throttles a reference after 10 failures a day from unknown clients, even with the right fact', async () => {
    await clearFailures();
    for (let i = 0; i < 10; i++) expect(await lookup(reference, '9999', `client-${i}`)).toEqual(FAILED);
    const refused = await lookup(reference, LAST4, 'client-new');
    expect(refused).toEqual({ ...THROTTLED, scope: 'subject', limit: 10, retry_after: expect.any(Number) });
    expect(refused['retry_after']).toBeGreaterThan(86_400 - 60);
    expect(refused['retry_after']).toBeLessThanOrEqual(86_400);
    // An unknown reference is throttled in the same way, so throttling does not reveal which exist.
    for (let i = 0; i < 10; i++) await lookup('XXXXXXXX', '9999', `other-${i}`);
    expect(await lookup('XXXXXXXX', '9999', 'other-new')).toMatchObject({ ...THROTTLED, scope: 'subject' });
    // A day later, the person can look again.
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '25 hours'`);
    expect(await lookup(reference, LAST4, 'client-new')).toMatchObject({ ok: true });
  });

  it('throttles a client after 5 failures in 15 minutes, whatever it asks, and says when it may try again', async () => {
    await clearFailures();
    for (let i = 0; i < 5; i++) expect(await lookup(`ABCDEFG${i + 2}`, '1234', 'client-x')).toEqual(FAILED);
    expect(await lookup(reference, LAST4, 'client-x')).toEqual({ ...THROTTLED, scope: 'client', limit: 5, retry_after: expect.any(Number) });
    expect(await lookup(reference, LAST4, 'client-y')).toMatchObject({ ok: true });
    // The wait runs from the oldest failure that still counts.
    await db.exec(`update intake.lookup_failures set failed_at = now() - interval '10 minutes' where reference = 'ABCDEFG2'`);
    const refused = await lookup(reference, LAST4, 'client-x');
    expect(refused['retry_after']).toBeGreaterThan(5 * 60 - 5);
    expect(refused['retry_after']).toBeLessThanOrEqual(5 * 60);
  });

  it('stores only a peppered hash of the client key, and the typed reference', async () => {
    await clearFailures();
    await lookup('ABCDEFGH', '1234', '203.0.113.7');
    const { rows } = await db.query<{ reference: string; hash: string }>(
      `select reference, encode(client_key_hash, 'hex') as hash from intake.lookup_failures`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reference).toBe('ABCDEFGH');
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    const plain = await db.query<{ hash: string }>(`select encode(sha256('203.0.113.7'::bytea), 'hex') as hash`);
    expect(rows[0]?.hash).not.toBe(plain.rows[0]?.hash);
  });

  it('requires a client key (a server bug otherwise)', async () => {
    expect(await errorCode(lookup(reference, LAST4, ''))).toBe('invalid_client_key');
  });

  it('keeps the lookup fact only as a salted hash', async () => {
    const { rows } = await db.query<{ salt: number; hash: number }>(
      `select octet_length(lookup_salt) as salt, octet_length(lookup_fact_hash) as hash from intake.applications`,
    );
    expect(rows[0]).toEqual({ salt: 16, hash: 32 });
  });
});
