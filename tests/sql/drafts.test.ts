import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, freshDatabase, rpc } from './database.ts';
import { APPLICANT_ID, CERTIFICATE } from './fixtures.ts';

let db: PGlite;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

interface DraftJson {
  draft_id: string;
  service: string;
  action: string | null;
  answers: Record<string, Record<string, unknown>>;
  expires_at: string;
  missing_steps: string[];
}
const call = <T = DraftJson>(fn: string, args: Record<string, unknown>) => rpc<T>(db, 'service_role', fn, args);
const newDraft = (service: string, action: string | null) => call('create_draft', { p_service: service, p_action: action });
const save = (draftId: string, step: string, answers: unknown) =>
  call('save_step', { p_draft_id: draftId, p_step: step, p_answers: answers });

describe('create_draft', () => {
  it('creates drafts for each service and action, expiring in 30 days', async () => {
    for (const [service, action] of [
      ['certificate', 'new'], ['certificate', 'renewal'], ['certificate', 'replacement'], ['certificate', 'damaged'],
      ['certificate', 'change'], ['certificate', 'transfer'], ['transit-card', 'new'], ['transit-card', 'replacement'],
      ['assistive-devices', null],
    ] as const) {
      const draft = await newDraft(service, action);
      expect(draft).toMatchObject({ service, action, answers: {} });
      expect(draft.draft_id).toMatch(/^[0-9a-f-]{36}$/);
      const days = (Date.parse(draft.expires_at) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
    }
  });

  it('rejects unknown services and actions', async () => {
    expect(await errorCode(newDraft('parking', null))).toBe('unknown_service');
    expect(await errorCode(newDraft('certificate', null))).toBe('invalid_action');
    expect(await errorCode(newDraft('certificate', 'cancel'))).toBe('invalid_action');
    expect(await errorCode(newDraft('transit-card', 'renewal'))).toBe('invalid_action');
    expect(await errorCode(newDraft('assistive-devices', 'new'))).toBe('invalid_action');
  });
});

describe('save_step and get_draft', () => {
  it('saves steps, replaces a step on a second save and lists what is still missing', async () => {
    const { draft_id } = await newDraft('certificate', 'new');
    const first = await save(draft_id, 'applicant', { name: '测试', id_number: ' 110105 19491231 002x ' });
    expect(first).toMatchObject({ step: 'applicant', missing_steps: ['assessment', 'declaration'] });
    expect(first).not.toHaveProperty('answers');
    await save(draft_id, 'assessment', { category: 4 });
    await save(draft_id, 'assessment', { category: 5, home_visit: true });
    const draft = await call('get_draft', { p_draft_id: draft_id });
    expect(draft.answers).toEqual({
      applicant: { name: '测试', id_number: APPLICANT_ID },
      assessment: { category: 5, home_visit: true },
    });
    expect(draft.missing_steps).toEqual(['declaration']);
  });

  it('normalises and checks ID and certificate numbers', async () => {
    const { draft_id } = await newDraft('transit-card', 'new');
    expect(await errorCode(save(draft_id, 'applicant', { id_number: '11010519491231002Y' }))).toBe('invalid_id_number');
    expect(await errorCode(save(draft_id, 'applicant', { id_number: '110105194912310021' }))).toBe('invalid_id_number');
    expect(await errorCode(save(draft_id, 'applicant', { id_number: '11010519491331002X' }))).toBe('invalid_id_number');
    expect(await errorCode(save(draft_id, 'applicant', { id_number: '11010530000101002X' }))).toBe('invalid_id_number');
    expect(await errorCode(save(draft_id, 'certificate', { certificate_number: `${APPLICANT_ID}82` }))).toBe(
      'invalid_certificate_number',
    );
    expect(await errorCode(save(draft_id, 'certificate', { certificate_number: `${APPLICANT_ID}45` }))).toBe(
      'invalid_certificate_number',
    );
    await save(draft_id, 'certificate', { certificate_number: `１１０１０５１９４９１２３１００２ｘ42` });
    const draft = await call('get_draft', { p_draft_id: draft_id });
    expect(draft.answers['certificate']).toEqual({ certificate_number: CERTIFICATE });
  });

  it('rejects steps the service does not have, and answers that are not a small object', async () => {
    const { draft_id } = await newDraft('assistive-devices', null);
    expect(await errorCode(save(draft_id, 'pickup', {}))).toBe('invalid_step');
    expect(await errorCode(save(draft_id, 'Applicant', {}))).toBe('invalid_step');
    expect(await errorCode(save(draft_id, 'device', [1, 2]))).toBe('invalid_answers');
    expect(await errorCode(save(draft_id, 'device', 'wheelchair'))).toBe('invalid_answers');
    expect(await errorCode(save(draft_id, 'device', { notes: 'x'.repeat(9000) }))).toBe('invalid_answers');
  });

  it('gives draft_not_found for unknown and malformed ids, and draft_expired after expiry', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '']) {
      expect(await errorCode(call('get_draft', { p_draft_id: id }))).toBe('draft_not_found');
      expect(await errorCode(save(id, 'applicant', {}))).toBe('draft_not_found');
    }
    const { draft_id } = await newDraft('certificate', 'renewal');
    await db.query(`update intake.drafts set expires_at = now() - interval '1 second' where id = $1`, [draft_id]);
    expect(await errorCode(call('get_draft', { p_draft_id: draft_id }))).toBe('draft_expired');
    expect(await errorCode(save(draft_id, 'applicant', {}))).toBe('draft_expired');
  });

  it('extends a draft by 30 days from each save', async () => {
    const { draft_id } = await newDraft('certificate', 'change');
    await db.query(`update intake.drafts set expires_at = now() + interval '1 day' where id = $1`, [draft_id]);
    const saved = await save(draft_id, 'agent', { relationship: 'guardian' });
    expect((Date.parse(saved.expires_at) - Date.now()) / 86_400_000).toBeGreaterThan(29.9);
  });
});
