import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AstroCookies } from 'astro';
import { site, testContext } from '../../../support/journey.ts';
import { ApplicationDataError } from '../../../../src/data/application-errors.ts';
import { ADULT_ID, CHILD_ID, GUARDIAN_ID } from '../../../support/identities.ts';

/**
 * The form handlers with the data layer replaced: what a person meets when the database fails
 * (the page says so and keeps everything typed; a retried submission reuses its token), when
 * they save half-way, when the check page sends them back, and when a token was used already.
 */
const data = vi.hoisted(() => ({
  getDraft: vi.fn(),
  createDraft: vi.fn(),
  savePage: vi.fn(),
  setDraftAction: vi.fn(),
  removePages: vi.fn(),
  issueResumeCode: vi.fn(),
  submitApplication: vi.fn(),
  intakePolicy: vi.fn(),
  lookupStatus: vi.fn(),
  resumeDraft: vi.fn(),
}));
vi.mock('../../../../src/data/applications.ts', () => data);
const { handleQuestionPage } = await import('../../../../src/lib/apply/question-handler.ts');
const { handleCheckPage } = await import('../../../../src/lib/apply/check-handler.ts');
const { savedCodeFrom } = await import('../../../../src/lib/apply/session.ts');
const { handleStatusPage, handleResumePage } = await import('../../../../src/lib/apply/lookup-handlers.ts');

const ctx = testContext();
const DRAFT = '6f1c1d64-7a51-4c39-9d0e-2b1b6b7b2f10';

function cookies(draftId: string | null, service = 'certificate'): AstroCookies {
  const jar = new Map<string, string>(draftId ? [[`draft-${service}`, draftId]] : []);
  return {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
    has: (name: string) => jar.has(name),
  } as unknown as AstroCookies;
}
const post = (path: string, body: string) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
const draft = (answers: Record<string, unknown>, service = 'certificate', action: string | null = 'new') =>
  ({ draftId: DRAFT, service, action, answers, expiresAt: '2026-12-22T00:00:00Z', missingPages: [] });
const ADDRESS = '203.0.113.50';
const request = (path: string, init?: Request, jar = cookies(DRAFT), service: 'certificate' | 'assistive-devices' = 'certificate') =>
  ({ request: init ?? new Request(`http://localhost${path}`), clientAddress: () => ADDRESS, cookies: jar, url: new URL(`http://localhost${path}`), service, ctx });
const LIMIT = { retryAfterSeconds: 1234, limit: 20, windowMinutes: 60 };

const complete = {
  who: { applying_for: 'self' },
  applicant: { name: '张三', id_number: ADULT_ID, phone: '13912345678', hukou_address: '示例县人民路 1 号' },
  township: { township: 'chengguan' },
  category: { category: '4' },
  assessment: { hospital: site.assessmentHospitals[0]!.id, home_visit: 'no' },
  declaration: { confirm: 'yes' },
};

beforeEach(() => {
  for (const fn of Object.values(data)) fn.mockReset();
  data.savePage.mockResolvedValue({});
  data.removePages.mockResolvedValue({});
});

describe('when the database fails', () => {
  it('a question page says so with 503 and shows every typed value again', async () => {
    data.getDraft.mockResolvedValue(draft({ who: { applying_for: 'self' } }));
    data.savePage.mockRejectedValue(new ApplicationDataError('unavailable'));
    const body = `name=${encodeURIComponent('张三')}&id_number=${ADULT_ID}&phone=13912345678&hukou_address=${encodeURIComponent('示例县人民路 1 号')}`;
    const outcome = await handleQuestionPage(request('/apply/certificate/applicant/', post('/apply/certificate/applicant/', body)), 'applicant');
    expect(outcome).toMatchObject({ kind: 'form', status: 503, banner: { kind: 'unavailable', text: 'applyFlow.question.unavailable' }, input: { name: '张三', id_number: ADULT_ID, phone: '13912345678' } });
  });

  it('the check page keeps the same token for the retry, and the retry returns the one receipt', async () => {
    data.getDraft.mockResolvedValue(draft(complete));
    data.submitApplication.mockRejectedValueOnce(new ApplicationDataError('unavailable'));
    const token = 'tok_0123456789abcdefghij';
    const failed = await handleCheckPage(request('/apply/certificate/check/', post('/apply/certificate/check/', `client_token=${token}`)));
    expect(failed).toMatchObject({ kind: 'check', status: 503, token, banner: 'applyFlow.check.unavailable' });
    data.submitApplication.mockResolvedValueOnce({ reference: 'K7M2P9QX', service: 'certificate', action: 'new', status: 'submitted', submittedAt: '', repeated: false });
    const retried = await handleCheckPage(request('/apply/certificate/check/', post('/apply/certificate/check/', `client_token=${token}`)));
    expect(retried).toMatchObject({ kind: 'redirect', to: expect.stringMatching(/^\/apply\/receipt\/\?t=/) });
    expect(data.submitApplication.mock.calls.map((c) => c[1])).toEqual([token, token]);
  });

  it('opening a page while the database is down says so instead of losing the draft', async () => {
    data.getDraft.mockRejectedValue(new ApplicationDataError('unavailable'));
    const outcome = await handleQuestionPage(request('/apply/certificate/category/'), 'category');
    expect(outcome).toMatchObject({ kind: 'form', status: 503, banner: { kind: 'unavailable', text: 'applyFlow.question.cannotOpen' } });
  });
});

describe('when the database fails while a page is sent', () => {
  it('the answers just typed come back on the 503 page, even when the draft could not be read', async () => {
    data.getDraft.mockRejectedValue(new ApplicationDataError('unavailable'));
    const body = `name=${encodeURIComponent('张三')}&id_number=${ADULT_ID}&phone=13912345678&return=check`;
    const outcome = await handleQuestionPage(request('/apply/certificate/applicant/', post('/apply/certificate/applicant/', body)), 'applicant');
    expect(outcome).toMatchObject({
      kind: 'form', status: 503, banner: { kind: 'unavailable', text: 'applyFlow.question.unavailable' },
      input: { name: '张三', id_number: ADULT_ID, phone: '13912345678' }, hidden: { return: 'check' },
    });
    expect(data.savePage).not.toHaveBeenCalled();
  });
});

describe('saving a page', () => {
  it('removes the pages that stopped applying in the same call (one round trip)', async () => {
    data.getDraft.mockResolvedValue(draft({ who: { applying_for: 'other' }, agent: { name: '赵丽', relationship: 'family', id_number: GUARDIAN_ID, phone: '13812345678' } }));
    const outcome = await handleQuestionPage(request('/apply/certificate/who/', post('/apply/certificate/who/', 'applying_for=self')), 'who');
    expect(outcome).toMatchObject({ kind: 'redirect' });
    expect(data.savePage).toHaveBeenCalledTimes(1);
    expect(data.savePage).toHaveBeenCalledWith(DRAFT, 'who', { applying_for: 'self' }, undefined, ['agent']);
    expect(data.removePages).not.toHaveBeenCalled();
  });
});

describe('a check-page token used by another application', () => {
  it('is a client error (409) with a new token and the answers kept, never a 503', async () => {
    data.getDraft.mockResolvedValue(draft(complete));
    data.submitApplication.mockRejectedValue(new ApplicationDataError('token_reused'));
    const token = 'tok_used_elsewhere_0123456';
    const outcome = await handleCheckPage(request('/apply/certificate/check/', post('/apply/certificate/check/', `client_token=${token}`)));
    expect(outcome).toMatchObject({ kind: 'check', status: 409, banner: 'applyFlow.check.tokenUsed' });
    expect(outcome.kind === 'check' && outcome.token).not.toBe(token);
  });
});

describe('saving to come back later', () => {
  it('never needs the page to be finished: the valid answers are kept, the code is shown after a redirect', async () => {
    data.getDraft.mockResolvedValue(draft({ who: { applying_for: 'self' } }));
    data.issueResumeCode.mockResolvedValue({ resumeCode: '5ZB7RBG5', expiresAt: '2026-12-31T00:00:00Z' });
    const jar = cookies(DRAFT);
    // The phone is wrong and the address is missing; the name and the ID number are fine.
    const body = `name=${encodeURIComponent('张三')}&id_number=${ADULT_ID}&phone=123&intent=save`;
    const outcome = await handleQuestionPage(request('/apply/certificate/applicant/', post('/apply/certificate/applicant/', body), jar), 'applicant');
    expect(outcome).toEqual({ kind: 'redirect', to: '/apply/certificate/saved/' });
    expect(data.savePage).toHaveBeenCalledWith(DRAFT, 'applicant', { name: '张三', id_number: ADULT_ID }, undefined, []);
    expect(savedCodeFrom(jar, 'certificate')).toEqual({ code: '5ZB7RBG5', expiresAt: '2026-12-31T00:00:00Z', page: 'applicant', pageNotSaved: true });
  });

  it('on the pledge page, saving does not ask for the tick', async () => {
    data.getDraft.mockResolvedValue(draft({ ...complete, declaration: undefined }));
    data.issueResumeCode.mockResolvedValue({ resumeCode: '5ZB7RBG5', expiresAt: '2026-12-31T00:00:00Z' });
    const outcome = await handleQuestionPage(request('/apply/certificate/declaration/', post('/apply/certificate/declaration/', 'intent=save')), 'declaration');
    expect(outcome).toEqual({ kind: 'redirect', to: '/apply/certificate/saved/' });
    expect(data.savePage).not.toHaveBeenCalled();
  });

  it('says what is needed when the ID number is not known yet, keeping what was typed', async () => {
    data.getDraft.mockResolvedValue(draft({ who: { applying_for: 'self' } }));
    const body = `name=${encodeURIComponent('张三')}&intent=save`;
    const outcome = await handleQuestionPage(request('/apply/certificate/applicant/', post('/apply/certificate/applicant/', body)), 'applicant');
    expect(outcome).toMatchObject({ kind: 'form', status: 422, banner: { kind: 'notice', text: 'applyFlow.question.saveNeedsIdentity' }, input: { name: '张三' } });
    expect(data.issueResumeCode).not.toHaveBeenCalled();
  });
});

describe('the guardian rule, where it is decided', () => {
  const child = {
    who: { applying_for: 'other' },
    certificate: { has_certificate: 'no' },
    applicant: { name: '赵小宝', id_number: CHILD_ID, home_address: '示例县幸福路 8 号 3 栋' },
    township: { township: 'chengguan' },
  };

  it('the agent page comes after the applicant, says a guardian must apply, and refuses "family" there', async () => {
    data.getDraft.mockResolvedValue(draft(child, 'assistive-devices', null));
    const body = `name=${encodeURIComponent('赵大明')}&relationship=family&id_number=${GUARDIAN_ID}&phone=13812345678`;
    const outcome = await handleQuestionPage(request('/apply/assistive-devices/agent/', post('/apply/assistive-devices/agent/', body), cookies(DRAFT, 'assistive-devices'), 'assistive-devices'), 'agent');
    expect(outcome).toMatchObject({ kind: 'form', status: 422, errors: [{ field: 'relationship', message: expect.stringContaining('未满 18 周岁') }] });
    expect(data.savePage).not.toHaveBeenCalled();
  });

  it('sent back from the check page, the page shows what is wrong with its saved answers', async () => {
    data.getDraft.mockResolvedValue(draft({ ...child, agent: { name: '赵大明', relationship: 'family', id_number: GUARDIAN_ID, phone: '13812345678' } }, 'assistive-devices', null));
    const outcome = await handleQuestionPage(request('/apply/assistive-devices/agent/?return=check', undefined, cookies(DRAFT, 'assistive-devices'), 'assistive-devices'), 'agent');
    expect(outcome).toMatchObject({ kind: 'form', status: 200, errors: [{ field: 'relationship', message: expect.stringContaining('请选择“监护人”') }] });
  });
});

describe('switching script on a question page', () => {
  it('shows what was typed on the same page, saving nothing', async () => {
    data.getDraft.mockResolvedValue(draft({ who: { applying_for: 'self' } }));
    const body = `name=${encodeURIComponent('张三')}&phone=12&intent=switch`;
    const outcome = await handleQuestionPage(request('/zh-hant/apply/certificate/applicant/', post('/zh-hant/apply/certificate/applicant/', body)), 'applicant');
    expect(outcome).toMatchObject({ kind: 'form', status: 200, errors: [], input: { name: '张三', phone: '12' } });
    expect(data.savePage).not.toHaveBeenCalled();
  });
});

describe('one client making too much', () => {
  it('starting one more application than the hour allows: 429, the wait said, everything typed kept, no draft', async () => {
    data.createDraft.mockRejectedValue(new ApplicationDataError('rate_limited', [], { rateLimit: LIMIT }));
    const jar = cookies(null);
    const outcome = await handleQuestionPage(request('/apply/certificate/action/', post('/apply/certificate/action/', 'action=renewal'), jar), 'action');
    expect(outcome).toMatchObject({ kind: 'form', status: 429, input: { action: 'renewal' }, banner: { kind: 'limited', text: 'applyFlow.question.limited', rateLimit: LIMIT } });
    expect(jar.get('draft-certificate')).toBeUndefined();
  });

  it('the database counts by a hash of the address, never the address', async () => {
    data.createDraft.mockResolvedValue(draft({}, 'certificate', 'renewal'));
    await handleQuestionPage(request('/apply/certificate/action/', post('/apply/certificate/action/', 'action=renewal'), cookies(null)), 'action');
    const key = data.createDraft.mock.calls[0]![0].clientKey as string;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(ADDRESS);
  });

  it('submitting one more than the hour allows: the check page again (429), the same token, the wait said', async () => {
    data.getDraft.mockResolvedValue(draft(complete));
    data.submitApplication.mockRejectedValue(new ApplicationDataError('rate_limited', [], { rateLimit: { ...LIMIT, limit: 10 } }));
    const token = 'tok_limited_0123456789abc';
    const outcome = await handleCheckPage(request('/apply/certificate/check/', post('/apply/certificate/check/', `client_token=${token}`)));
    expect(outcome).toMatchObject({ kind: 'check', status: 429, token, banner: 'applyFlow.check.limited', rateLimit: { ...LIMIT, limit: 10 } });
  });

  it('a status lookup refused for the reference today says so (429 and the wait), not "wrong"', async () => {
    data.lookupStatus.mockResolvedValue({ ok: false, error: 'lookup_throttled', scope: 'subject', limit: 10, retryAfterSeconds: 7200 });
    const outcome = await handleStatusPage({ request: post('/status/', 'reference=K7M2P9QX&fact=002X'), clientAddress: () => ADDRESS });
    expect(outcome).toMatchObject({ kind: 'form', status: 429, retryAfterSeconds: 7200, errors: [{ field: 'reference', text: 'applyFlow.status.throttledSubject' }] });
    data.lookupStatus.mockResolvedValue({ ok: false, error: 'lookup_throttled', scope: 'client', limit: 5, retryAfterSeconds: 600 });
    expect(await handleStatusPage({ request: post('/status/', 'reference=K7M2P9QX&fact=002X'), clientAddress: () => ADDRESS })).toMatchObject({
      status: 429, retryAfterSeconds: 600, errors: [{ text: 'applyFlow.status.throttled' }],
    });
    data.lookupStatus.mockResolvedValue({ ok: false, error: 'lookup_failed' });
    const failed = await handleStatusPage({ request: post('/status/', 'reference=K7M2P9QX&fact=002X'), clientAddress: () => ADDRESS });
    expect(failed).toMatchObject({ status: 422, errors: [{ text: 'applyFlow.status.failed' }] });
    expect(failed).not.toHaveProperty('retryAfterSeconds');
  });

  it('a resume refused for the code today says so too', async () => {
    data.resumeDraft.mockResolvedValue({ ok: false, error: 'resume_throttled', scope: 'subject', limit: 10, retryAfterSeconds: 7200 });
    const outcome = await handleResumePage({
      request: post('/apply/resume/', 'code=K7M2P9QX&fact=002X'), clientAddress: () => ADDRESS, cookies: cookies(null), url: new URL('http://localhost/apply/resume/'), ctx: async () => ctx,
    });
    expect(outcome).toMatchObject({ kind: 'form', status: 429, retryAfterSeconds: 7200, errors: [{ field: 'code', text: 'applyFlow.resume.throttledSubject' }] });
  });
});
