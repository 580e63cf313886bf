import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, rpc, type RpcError } from './database.ts';
import { APPLICANT_ID, apiChannel, completeCertificateDraft, newClient } from './fixtures.ts';

/**
 * How much one client may make an hour (20251215000300_intake_submission_limits.sql): 20 drafts,
 * 10 applications from the forms, 30 through the API. Over the limit: rate_limited with the wait,
 * nothing written; repeats of what was made are never refused.
 */
let db: SqlDatabase;
let channel: string;
beforeAll(async () => {
  db = await freshDatabase();
  channel = await apiChannel(db);
});
afterAll(() => db.close());

const call = <T = Record<string, unknown>>(fn: string, args: Record<string, unknown>) => rpc<T>(db, 'service_role', fn, args);
const counts = () => call<{ drafts: number; applications: number; status_events: number }>('intake_counts', {});
const refusal = async (promise: Promise<unknown>) => {
  const error = (await promise.then(() => null, (e: unknown) => e)) as RpcError | null;
  expect(error?.message).toBe('rate_limited');
  return JSON.parse(error!.details ?? '') as { retry_after: number; limit: number; window_minutes: number };
};
let tokens = 0;
const token = () => `limit-test-token-${String(tokens++).padStart(6, '0')}`;

function transitAnswers() {
  return {
    certificate: { certificate_number: `${APPLICANT_ID}14` },
    who: { applying_for: 'self' },
    applicant: { name: '测试申请人', id_number: APPLICANT_ID },
    pickup: { point: 'county-office' },
    declaration: { agreed: true },
  };
}
const submitAll = (client: string, clientToken = token(), channelId = channel) =>
  call<{ reference: string; repeated: boolean }>('submit_complete_application', {
    p_service: 'transit-card', p_action: 'new', p_answers: transitAnswers(), p_client_token: clientToken,
    p_client_key: client, p_channel_id: channelId,
  });

describe('create_draft', () => {
  it('makes 20 drafts an hour for one client, then says how long to wait and makes none', async () => {
    const client = newClient();
    for (let i = 0; i < 20; i++) await call('create_draft', { p_service: 'certificate', p_client_key: client });
    const before = await counts();
    const refused = await refusal(call('create_draft', { p_service: 'certificate', p_client_key: client }));
    expect(refused).toEqual({ retry_after: expect.any(Number), limit: 20, window_minutes: 60 });
    expect(refused.retry_after).toBeGreaterThan(3600 - 60);
    expect(refused.retry_after).toBeLessThanOrEqual(3600);
    expect(await counts()).toEqual(before);
    // Another client is not affected; a mistake does not count; the next hour starts afresh.
    await call('create_draft', { p_service: 'certificate', p_client_key: newClient() });
    await expect(call('create_draft', { p_service: 'parking', p_client_key: newClient() })).rejects.toMatchObject({ message: 'unknown_service' });
    await db.exec(`update intake.client_submissions set made_at = now() - interval '61 minutes'`);
    await call('create_draft', { p_service: 'certificate', p_client_key: client });
  });

  it('requires a client key (a server bug otherwise)', async () => {
    await expect(call('create_draft', { p_service: 'certificate', p_client_key: '' })).rejects.toMatchObject({ message: 'invalid_client_key' });
  });
});

describe('submit_application', () => {
  it('takes 10 applications an hour from one client; the 11th keeps its draft as it was; repeats are answered', async () => {
    const client = newClient();
    const first = { draft: await completeCertificateDraft(db), token: token() };
    await call('submit_application', { p_draft_id: first.draft, p_client_token: first.token, p_client_key: client });
    for (let i = 1; i < 10; i++) {
      await call('submit_application', { p_draft_id: await completeCertificateDraft(db), p_client_token: token(), p_client_key: client });
    }
    const draft = await completeCertificateDraft(db);
    const saved = await call('get_draft', { p_draft_id: draft });
    const before = await counts();
    const refused = await refusal(call('submit_application', { p_draft_id: draft, p_client_token: token(), p_client_key: client }));
    expect(refused).toMatchObject({ limit: 10, window_minutes: 60 });
    expect(await counts()).toEqual(before);
    expect(await call('get_draft', { p_draft_id: draft })).toEqual(saved);
    // A double click or a retry of one already made is answered with its receipt, limit or not.
    expect(await call('submit_application', { p_draft_id: first.draft, p_client_token: first.token, p_client_key: client })).toMatchObject({ repeated: true });
    // The draft goes in from another client, or from this one after the hour.
    await db.exec(`update intake.client_submissions set made_at = now() - interval '61 minutes'`);
    expect(await call('submit_application', { p_draft_id: draft, p_client_token: token(), p_client_key: client })).toMatchObject({ repeated: false });
  });

  it('counts drafts and applications apart', async () => {
    const client = newClient();
    for (let i = 0; i < 20; i++) await call('create_draft', { p_service: 'certificate', p_client_key: client });
    expect(await call('submit_application', { p_draft_id: await completeCertificateDraft(db), p_client_token: token(), p_client_key: client })).toMatchObject({ repeated: false });
  });
});

describe('submit_complete_application', () => {
  it('takes 30 applications an hour from one client, records the channel, and answers repeats', async () => {
    const client = newClient();
    const first = token();
    const receipt = await submitAll(client, first);
    for (let i = 1; i < 30; i++) await submitAll(client);
    const before = await counts();
    expect(await refusal(submitAll(client))).toMatchObject({ limit: 30, window_minutes: 60 });
    expect(await counts()).toEqual(before);
    expect(await submitAll(client, first)).toEqual({ ...receipt, repeated: true });
    expect((await submitAll(newClient())).repeated).toBe(false);
    const { rows } = await db.query<{ channel_id: string }>(`select channel_id::text from intake.applications where reference = $1`, [receipt.reference]);
    expect(rows).toEqual([{ channel_id: channel }]);
  });

  it('needs a live channel: unknown or revoked, nothing is stored', async () => {
    const before = await counts();
    await expect(submitAll(newClient(), token(), '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ message: 'api_key_not_found' });
    await expect(submitAll(newClient(), token(), 'not-a-uuid')).rejects.toMatchObject({ message: 'api_key_not_found' });
    const revoked = await apiChannel(db, '已收回的渠道');
    await call('revoke_api_key', { p_id: revoked });
    await expect(submitAll(newClient(), token(), revoked)).rejects.toMatchObject({ message: 'api_key_revoked' });
    expect(await counts()).toEqual(before);
  });

  it('leaves the web forms\' applications without a channel', async () => {
    const receipt = await call<{ reference: string }>('submit_application', {
      p_draft_id: await completeCertificateDraft(db), p_client_token: token(), p_client_key: newClient(),
    });
    const { rows } = await db.query(`select channel_id from intake.applications where reference = $1`, [receipt.reference]);
    expect(rows).toEqual([{ channel_id: null }]);
  });
});

describe('the limits', () => {
  it('come from intake.policy', async () => {
    await db.exec(`update intake.policy set max_drafts_per_client = 2, submission_window = interval '10 minutes'`);
    try {
      const client = newClient();
      for (let i = 0; i < 2; i++) await call('create_draft', { p_service: 'certificate', p_client_key: client });
      expect(await refusal(call('create_draft', { p_service: 'certificate', p_client_key: client }))).toMatchObject({ limit: 2, window_minutes: 10 });
    } finally {
      await db.exec(`update intake.policy set max_drafts_per_client = 20, submission_window = interval '1 hour'`);
    }
  });

  it('are those the README states', async () => {
    const { rows } = await db.query(
      `select extract(epoch from submission_window)::int as window, max_drafts_per_client as drafts,
              max_applications_per_client as applications, max_api_applications_per_client as api
       from intake.policy`,
    );
    expect(rows[0]).toEqual({ window: 3600, drafts: 20, applications: 10, api: 30 });
  });
});
