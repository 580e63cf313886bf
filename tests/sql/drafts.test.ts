import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, freshDatabase, rpc } from './database.ts';
import { APPLICANT_ID, CERTIFICATE, newClient } from './fixtures.ts';
import { JOURNEYS } from '../../src/domain/applications/registry.ts';

let db: SqlDatabase;
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
  missing_pages: string[];
}
const call = <T = DraftJson>(fn: string, args: Record<string, unknown>) => rpc<T>(db, 'service_role', fn, args);
const newDraft = (service: string, action: string | null) => call('create_draft', { p_client_key: newClient(), p_service: service, p_action: action });
const save = (draftId: string, page: string, answers: unknown) =>
  call('save_page', { p_draft_id: draftId, p_page: page, p_answers: answers });

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

  it('lets any service start without an action (it may be chosen after the eligibility questions)', async () => {
    for (const service of ['certificate', 'transit-card', 'assistive-devices']) {
      expect(await newDraft(service, null)).toMatchObject({ service, action: null });
      expect(await call('create_draft', { p_client_key: newClient(), p_service: service })).toMatchObject({ service, action: null });
    }
  });

  it('rejects unknown services and actions', async () => {
    expect(await errorCode(newDraft('parking', null))).toBe('unknown_service');
    expect(await errorCode(newDraft('certificate', 'cancel'))).toBe('invalid_action');
    expect(await errorCode(newDraft('certificate', ''))).toBe('invalid_action');
    expect(await errorCode(newDraft('transit-card', 'renewal'))).toBe('invalid_action');
    expect(await errorCode(newDraft('assistive-devices', 'new'))).toBe('invalid_action');
  });
});

describe('save_page and get_draft', () => {
  it('saves pages, replaces a page on a second save and lists what is still missing', async () => {
    const { draft_id } = await newDraft('certificate', 'new');
    const first = await save(draft_id, 'applicant', { name: '测试', id_number: ' 110105 19491231 002x ' });
    expect(first).toMatchObject({ page: 'applicant', missing_pages: ['declaration', 'who'] });
    expect(first).not.toHaveProperty('answers');
    await save(draft_id, 'assessment', { category: 4 });
    await save(draft_id, 'assessment', { category: 5, home_visit: true });
    expect((await save(draft_id, 'who', { applying_for: 'self' })).missing_pages).toEqual(['declaration']);
    const draft = await call('get_draft', { p_draft_id: draft_id });
    expect(draft.answers).toEqual({
      applicant: { name: '测试', id_number: APPLICANT_ID },
      assessment: { category: 5, home_visit: true },
      who: { applying_for: 'self' },
    });
    expect(draft.missing_pages).toEqual(['declaration']);
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
    // A null number is refused too, never stored as a null page.
    expect(await errorCode(save(draft_id, 'applicant', { id_number: null }))).toBe('invalid_id_number');
    expect(await errorCode(save(draft_id, 'certificate', { certificate_number: null }))).toBe('invalid_certificate_number');
    await save(draft_id, 'certificate', { certificate_number: `１１０１０５１９４９１２３１００２ｘ42` });
    const draft = await call('get_draft', { p_draft_id: draft_id });
    expect(draft.answers['certificate']).toEqual({ certificate_number: CERTIFICATE });
  });

  it('rejects pages the service does not have, and answers that are not a small object', async () => {
    const { draft_id } = await newDraft('assistive-devices', null);
    expect(await errorCode(save(draft_id, 'pickup', {}))).toBe('invalid_page');
    expect(await errorCode(save(draft_id, 'documents', {}))).toBe('invalid_page'); // a page no service has any more
    expect(await errorCode(save(draft_id, 'Applicant', {}))).toBe('invalid_page');
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

describe('form pages (intake.service_pages)', () => {
  const pagesIn = async (filter: string) =>
    (
      await db.query<{ service: string; pages: string[] }>(
        `select service, array_agg(page order by page) as pages from intake.service_pages
         where ${filter} group by service order by service`,
      )
    ).rows;

  it('are the pages the journeys declare, for every service (the action page sets the draft action instead)', async () => {
    const declared = Object.entries(JOURNEYS)
      .map(([service, pages]) => ({ service, pages: pages.map((p) => p.id).filter((id) => id !== 'action').sort() }))
      .sort((a, b) => (a.service < b.service ? -1 : 1));
    expect(declared.length).toBe(3);
    expect(await pagesIn('true')).toEqual(declared);
  });

  it('are required only where every application of the service needs them', async () => {
    expect(await pagesIn('required')).toEqual([
      { service: 'assistive-devices', pages: ['applicant', 'assessment', 'certificate', 'declaration', 'delivery', 'device', 'who'] },
      { service: 'certificate', pages: ['applicant', 'declaration', 'who'] },
      { service: 'transit-card', pages: ['applicant', 'certificate', 'declaration', 'pickup', 'who'] },
    ]);
  });
});

describe('set_draft_action', () => {
  const setAction = (draftId: string, action: string | null) => call('set_draft_action', { p_draft_id: draftId, p_action: action });

  it('sets, changes and clears the action, returns the draft without answers and extends it', async () => {
    const { draft_id } = await newDraft('transit-card', null);
    await save(draft_id, 'certificate', { certificate_number: CERTIFICATE });
    await db.query(`update intake.drafts set expires_at = now() + interval '1 day' where id = $1`, [draft_id]);
    const set = await setAction(draft_id, 'replacement');
    expect(set).toMatchObject({ draft_id, service: 'transit-card', action: 'replacement' });
    expect(set).not.toHaveProperty('answers');
    expect(set.missing_pages).toEqual(['applicant', 'declaration', 'pickup', 'who']);
    expect((Date.parse(set.expires_at) - Date.now()) / 86_400_000).toBeGreaterThan(29.9);
    expect(await setAction(draft_id, 'new')).toMatchObject({ action: 'new' });
    expect(await setAction(draft_id, null)).toMatchObject({ action: null });
    // Answers are untouched: which pages still apply is the application's decision (remove_pages).
    expect((await call('get_draft', { p_draft_id: draft_id })).answers).toEqual({ certificate: { certificate_number: CERTIFICATE } });
  });

  it('accepts only the actions of the draft service', async () => {
    const transit = await newDraft('transit-card', null);
    expect(await errorCode(setAction(transit.draft_id, 'renewal'))).toBe('invalid_action'); // a certificate action
    expect(await errorCode(setAction(transit.draft_id, 'NEW'))).toBe('invalid_action');
    const devices = await newDraft('assistive-devices', null);
    expect(await errorCode(setAction(devices.draft_id, 'new'))).toBe('invalid_action');
    expect(await setAction(devices.draft_id, null)).toMatchObject({ action: null });
    const certificate = await newDraft('certificate', 'new');
    expect(await setAction(certificate.draft_id, 'transfer')).toMatchObject({ action: 'transfer' });
  });

  it('needs a live draft', async () => {
    expect(await errorCode(setAction('00000000-0000-4000-8000-000000000000', 'new'))).toBe('draft_not_found');
    const { draft_id } = await newDraft('certificate', 'new');
    await db.query(`update intake.drafts set expires_at = now() - interval '1 second' where id = $1`, [draft_id]);
    expect(await errorCode(setAction(draft_id, 'renewal'))).toBe('draft_expired');
  });
});

describe('remove_pages', () => {
  const remove = (draftId: string, pages: unknown) => call('remove_pages', { p_draft_id: draftId, p_pages: pages });

  it('removes pages that no longer apply, returns the draft without answers and extends it', async () => {
    const { draft_id } = await newDraft('certificate', 'new');
    await save(draft_id, 'who', { applying_for: 'other' });
    await save(draft_id, 'agent', { name: '代办人', relationship: 'guardian' });
    await save(draft_id, 'applicant', { name: '测试', id_number: APPLICANT_ID });
    await save(draft_id, 'who', { applying_for: 'self' });
    await db.query(`update intake.drafts set expires_at = now() + interval '1 day' where id = $1`, [draft_id]);
    // 'transfer' is a page of the service that was never answered: removing it is not an error.
    const removed = await remove(draft_id, ['agent', 'transfer']);
    expect(removed).toMatchObject({ draft_id, missing_pages: ['declaration'] });
    expect(removed).not.toHaveProperty('answers');
    expect((Date.parse(removed.expires_at) - Date.now()) / 86_400_000).toBeGreaterThan(29.9);
    expect((await call('get_draft', { p_draft_id: draft_id })).answers).toEqual({
      who: { applying_for: 'self' },
      applicant: { name: '测试', id_number: APPLICANT_ID },
    });
    // A required page can be removed too; it is then missing again.
    expect((await remove(draft_id, ['who'])).missing_pages).toEqual(['declaration', 'who']);
    expect((await remove(draft_id, [])).missing_pages).toEqual(['declaration', 'who']);
  });

  it('rejects names that are not pages of the service, changing nothing', async () => {
    const { draft_id } = await newDraft('transit-card', 'new');
    await save(draft_id, 'agent', { name: '代办人' });
    for (const pages of [['agent', 'documents'], ['device'], ['Agent'], [null], null]) {
      expect(await errorCode(remove(draft_id, pages)), JSON.stringify(pages)).toBe('invalid_page');
    }
    expect((await call('get_draft', { p_draft_id: draft_id })).answers).toEqual({ agent: { name: '代办人' } });
    expect(await errorCode(remove('not-a-uuid', ['agent']))).toBe('draft_not_found');
  });
});

describe('save_page and set_draft_action with p_remove_pages (one call per saved page)', () => {
  it('save the page and remove the pages that stopped applying, in one transaction', async () => {
    const { draft_id } = await newDraft('certificate', 'new');
    await save(draft_id, 'who', { applying_for: 'other' });
    await save(draft_id, 'agent', { name: '代办人', relationship: 'guardian' });
    const saved = await call('save_page', { p_draft_id: draft_id, p_page: 'who', p_answers: { applying_for: 'self' }, p_remove_pages: ['agent'] });
    expect(saved).toMatchObject({ draft_id, page: 'who' });
    expect((await call('get_draft', { p_draft_id: draft_id })).answers).toEqual({ who: { applying_for: 'self' } });

    await save(draft_id, 'category', { category: '4' });
    const changed = await call('set_draft_action', { p_draft_id: draft_id, p_action: 'renewal', p_remove_pages: ['category'] });
    expect(changed).toMatchObject({ action: 'renewal' });
    expect(Object.keys((await call('get_draft', { p_draft_id: draft_id })).answers)).toEqual(['who']);
  });

  it('change nothing when a page to remove is not a page of the service', async () => {
    const { draft_id } = await newDraft('transit-card', 'new');
    await save(draft_id, 'who', { applying_for: 'self' });
    const bad = call('save_page', { p_draft_id: draft_id, p_page: 'who', p_answers: { applying_for: 'other' }, p_remove_pages: ['documents'] });
    expect(await errorCode(bad)).toBe('invalid_page');
    expect(await errorCode(call('set_draft_action', { p_draft_id: draft_id, p_action: 'replacement', p_remove_pages: [null] }))).toBe('invalid_page');
    expect(await call('get_draft', { p_draft_id: draft_id })).toMatchObject({ action: 'new', answers: { who: { applying_for: 'self' } } });
  });
});
