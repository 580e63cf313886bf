import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDataError } from '../../src/data/application-errors.ts';
import {
  createDraft,
  getDraft,
  intakeCounts,
  issueResumeCode,
  lookupStatus,
  purgeExpired,
  recordStatus,
  removePages,
  resumeDraft,
  savePage,
  setDraftAction,
  submitApplication,
  submitCompleteApplication,
} from '../../src/data/applications.ts';
import { makeLocalJwt } from '../../dev/local-supabase/keys.ts';
import { statusForSqlState } from '../../dev/local-supabase/rpc.ts';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { startTestStandin } from './database.ts';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';
import { issueApiKey } from '../../src/data/api-keys.ts';
import { APPLICANT_ID, CERTIFICATE, token, newClient } from './fixtures.ts';

let local: LocalSupabase;
let server: ReturnType<typeof createSupabaseServerClient>;

beforeAll(async () => {
  local = await startTestStandin();
  server = createSupabaseServerClient({ SUPABASE_URL: local.url, SUPABASE_SECRET_KEY: local.serviceKey });
});
afterAll(() => local.stop());

async function completeTransitDraft(): Promise<string> {
  const draft = await createDraft({ service: 'transit-card', action: 'new', clientKey: newClient() }, server);
  await savePage(draft.draftId, 'who', { applying_for: 'self' }, server);
  await savePage(draft.draftId, 'applicant', { name: '测试申请人', id_number: APPLICANT_ID }, server);
  await savePage(draft.draftId, 'certificate', { certificate_number: CERTIFICATE }, server);
  await savePage(draft.draftId, 'pickup', { point: 'county-office' }, server);
  await savePage(draft.draftId, 'declaration', { agreed: true }, server);
  return draft.draftId;
}

const post = (fn: string, body: unknown, key?: string) =>
  fetch(`${local.url}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { apikey: key, authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });

describe('src/data through supabase-js and the local stand-in', () => {
  it('runs a whole application: draft, pages, submit, lookup, status change, purge', async () => {
    const draftId = await completeTransitDraft();
    const draft = await getDraft(draftId, server);
    expect(draft).toMatchObject({ service: 'transit-card', action: 'new', missingPages: [] });
    expect(draft.answers['certificate']).toEqual({ certificate_number: CERTIFICATE });

    const receipt = await submitApplication(draftId, token(1), newClient(), server);
    expect(receipt).toMatchObject({ service: 'transit-card', status: 'received', repeated: false });
    expect(receipt.reference).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);

    await recordStatus({ reference: receipt.reference, status: 'review' }, server);
    const found = await lookupStatus({ reference: receipt.reference, idNumberLast4: '002x', clientKey: '127.0.0.1' }, server);
    expect(found).toMatchObject({ ok: true, status: 'review', serviceLabel: '免费乘车卡' });
    if (found.ok) expect(found.history.map((e) => e.status)).toEqual(['received', 'review']);
    expect(await lookupStatus({ reference: 'ZZZZZZZZ', idNumberLast4: '002X', clientKey: '127.0.0.1' }, server)).toEqual({
      ok: false,
      error: 'lookup_failed',
    });
    expect(await purgeExpired(server)).toEqual({ drafts: 0, applications: 0, lookup_failures: 0, known_clients: 0, client_submissions: 0 });
  });

  it('creates exactly one application from concurrent submits (double click, retries)', async () => {
    const draftId = await completeTransitDraft();
    const receipts = await Promise.all(Array.from({ length: 10 }, () => submitApplication(draftId, token(2), newClient(), server)));
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(receipts.filter((r) => !r.repeated)).toHaveLength(1);
    await expect(submitApplication(draftId, token(3), newClient(), server)).rejects.toMatchObject({ code: 'draft_already_submitted' });
  });

  it('turns SQL errors into typed errors with a code', async () => {
    const error = await getDraft('00000000-0000-4000-8000-000000000000', server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationDataError);
    expect(error).toMatchObject({ code: 'draft_not_found' });
    const draft = await createDraft({ service: 'assistive-devices', clientKey: newClient() }, server);
    await expect(submitApplication(draft.draftId, token(4), newClient(), server)).rejects.toMatchObject({
      code: 'incomplete_application',
      missing: ['applicant', 'assessment', 'certificate', 'declaration', 'delivery', 'device', 'who', 'applicant.id_number'],
    });
    await expect(savePage(draft.draftId, 'device', 'wheelchair' as never, server)).rejects.toMatchObject({ code: 'invalid_answers' });
  });
});

describe('the journey functions through supabase-js', () => {
  it('starts without an action, sets it, removes a page that no longer applies, saves and resumes', async () => {
    const draft = await createDraft({ service: 'transit-card', clientKey: newClient() }, server);
    expect(draft).toMatchObject({ action: null, missingPages: ['applicant', 'certificate', 'declaration', 'pickup', 'who'] });
    await savePage(draft.draftId, 'certificate', { certificate_number: CERTIFICATE }, server);
    await expect(issueResumeCode(draft.draftId, newClient(), server)).resolves.toMatchObject({ resumeCode: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/) });
    await expect(setDraftAction(draft.draftId, 'renewal', server)).rejects.toMatchObject({ code: 'invalid_action' });
    expect(await setDraftAction(draft.draftId, 'replacement', server)).toMatchObject({ action: 'replacement', answers: {} });
    await savePage(draft.draftId, 'who', { applying_for: 'other' }, server);
    await savePage(draft.draftId, 'agent', { name: '代办人' }, server);
    await savePage(draft.draftId, 'who', { applying_for: 'self' }, server);
    await removePages(draft.draftId, ['agent'], server);
    await expect(removePages(draft.draftId, ['documents'], server)).rejects.toMatchObject({ code: 'invalid_page' });
    expect(Object.keys((await getDraft(draft.draftId, server)).answers).sort()).toEqual(['certificate', 'who']);

    const { resumeCode, expiresAt } = await issueResumeCode(draft.draftId, newClient(), server);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const typed = `${resumeCode.slice(0, 4)} ${resumeCode.slice(4)}`.toLowerCase();
    expect(await resumeDraft({ code: typed, idNumberLast4: '002x', clientKey: '127.0.0.2' }, server)).toEqual({
      ok: true,
      draftId: draft.draftId,
      service: 'transit-card',
      action: 'replacement',
      expiresAt: expect.any(String),
    });
    expect(await resumeDraft({ code: resumeCode, idNumberLast4: '1234', clientKey: '127.0.0.2' }, server)).toEqual({
      ok: false,
      error: 'resume_failed',
    });
    const empty = await createDraft({ service: 'certificate', action: null, clientKey: newClient() }, server);
    await expect(issueResumeCode(empty.draftId, newClient(), server)).rejects.toMatchObject({ code: 'resume_fact_missing' });
  });

  it('submits a whole application once from concurrent one-shot calls, and refuses a reused token', async () => {
    const before = await intakeCounts(server);
    const input = {
      service: 'certificate' as const,
      action: 'renewal' as const,
      clientToken: token(10),
      clientKey: newClient(),
      channelId: (await issueApiKey('测试渠道', server)).channel.id,
      answers: {
        who: { applying_for: 'self' },
        certificate: { certificate_number: CERTIFICATE },
        applicant: { name: '测试申请人' },
        declaration: { agreed: true },
      },
    };
    const receipts = await Promise.all(Array.from({ length: 10 }, () => submitCompleteApplication(input, server)));
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(receipts.filter((r) => !r.repeated)).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ service: 'certificate', action: 'renewal', status: 'received' });
    expect(await intakeCounts(server)).toEqual({
      drafts: before.drafts,
      applications: before.applications + 1,
      statusEvents: before.statusEvents + 1,
    });
    await expect(submitCompleteApplication({ ...input, action: 'damaged' }, server)).rejects.toMatchObject({ code: 'token_reused' });
    await expect(submitCompleteApplication({ ...input, clientToken: token(11), answers: {} }, server)).rejects.toMatchObject({
      code: 'incomplete_application',
      missing: ['applicant', 'declaration', 'who', 'applicant.id_number'],
    });
    expect((await intakeCounts(server)).applications).toBe(before.applications + 1);
  });
});

describe('the stand-in HTTP server', () => {
  it('answers like PostgREST: 200 with the value, 400 with {code, message, details, hint} for P0001', async () => {
    const ok = await post('create_draft', { p_client_key: newClient(), p_service: 'certificate', p_action: 'damaged' }, local.serviceKey);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ service: 'certificate', action: 'damaged' });
    const bad = await post('create_draft', { p_client_key: newClient(), p_service: 'parking' }, local.serviceKey);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'P0001', message: 'unknown_service', details: null, hint: null });
  });

  it('refuses anon (401) and authenticated (403) callers of the functions', async () => {
    const anon = createClient(local.url, local.anonKey, { auth: { persistSession: false } });
    const { error, status } = await anon.rpc('create_draft', { p_client_key: newClient(), p_service: 'certificate', p_action: 'new' });
    expect(status).toBe(401);
    expect(error?.code).toBe('42501');
    const user = makeLocalJwt('authenticated', { sub: '6f1c2a0e-4b7d-4e8a-9c3f-2d5e8a1b7c90' });
    const response = await post('lookup_status', { p_reference: 'ABCDEFGH', p_fact: '1234', p_client_key: 'x' }, user);
    expect(response.status).toBe(403);
  });

  it('never lets the identity of one request reach the next (connections are reused across keys)', async () => {
    const user = makeLocalJwt('authenticated', { sub: '6f1c2a0e-4b7d-4e8a-9c3f-2d5e8a1b7c90' });
    const keys = [local.serviceKey, local.anonKey, user, local.serviceKey, user, local.anonKey];
    const expected = [200, 401, 403, 200, 403, 401];
    for (let round = 0; round < 5; round++) {
      for (const [i, key] of keys.entries()) {
        // One after another, so the pool hands the same idle connection to each.
        const response = await post('create_draft', { p_client_key: newClient(), p_service: 'certificate', p_action: 'new' }, key);
        expect(response.status, `round ${round}, call ${i}`).toBe(expected[i]);
      }
      // A failed call in between (its transaction, and any setting made in it, rolled back).
      expect((await post('create_draft', { p_client_key: newClient(), p_service: 'parking' }, local.serviceKey)).status).toBe(400);
    }
  });

  it('refuses requests without a valid key, unknown functions and other endpoints', async () => {
    expect((await post('create_draft', { p_client_key: newClient(), p_service: 'certificate', p_action: 'new' })).status).toBe(401);
    expect((await post('create_draft', {}, 'not-a-jwt')).status).toBe(401);
    expect((await post('create_draft', {}, makeLocalJwt('postgres' as never))).status).toBe(401);
    expect((await post('no_such_function', {}, local.serviceKey)).status).toBe(404);
    expect((await post('create_draft', { p_unknown: 1 }, local.serviceKey)).status).toBe(404);
    const table = await fetch(`${local.url}/rest/v1/applications`, { headers: { apikey: local.serviceKey } });
    expect(table.status).toBe(404);
    const invalidJson = await fetch(`${local.url}/rest/v1/rpc/create_draft`, {
      method: 'POST',
      headers: { apikey: local.serviceKey, 'content-type': 'application/json' },
      body: '{',
    });
    expect(invalidJson.status).toBe(400);
  });

  it('maps SQLSTATEs to HTTP statuses as PostgREST does', () => {
    expect(statusForSqlState('42501', 'anon')).toBe(401);
    expect(statusForSqlState('42501', 'service_role')).toBe(403);
    expect(statusForSqlState('23505', 'service_role')).toBe(409);
    expect(statusForSqlState('P0001', 'service_role')).toBe(400);
    expect(statusForSqlState('22P02', 'service_role')).toBe(400);
    expect(statusForSqlState('XX000', 'service_role')).toBe(500);
  });
});
