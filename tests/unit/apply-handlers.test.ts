import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { parse } from 'yaml';
import type { AstroCookies } from 'astro';
import { SiteSchema } from '../../src/domain/content/site-schema.ts';
import { journeyContext } from '../../src/domain/applications/context.ts';
import { ApplicationDataError } from '../../src/data/application-errors.ts';
import { ADULT_ID } from '../support/identities.ts';

/**
 * The form handlers when the database fails: the page says so, keeps everything typed, and a
 * retry of a submission uses the same token (so it cannot create a second application).
 */
const data = vi.hoisted(() => ({
  getDraft: vi.fn(),
  createDraft: vi.fn(),
  savePage: vi.fn(),
  setDraftAction: vi.fn(),
  removePages: vi.fn(),
  issueResumeCode: vi.fn(),
  submitApplication: vi.fn(),
}));
vi.mock('../../src/data/applications.ts', () => data);
const { handleCheckPage, handleQuestionPage } = await import('../../src/lib/apply/page-handler.ts');

const site = v.parse(SiteSchema, parse(readFileSync(new URL('../../content/site.yaml', import.meta.url), 'utf8')));
const ctx = journeyContext(site, '2026-11-22');
const DRAFT = '6f1c1d64-7a51-4c39-9d0e-2b1b6b7b2f10';

function cookies(draftId: string | null): AstroCookies {
  const jar = new Map<string, string>(draftId ? [['draft-certificate', draftId]] : []);
  return {
    get: (name: string) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
    has: (name: string) => jar.has(name),
  } as unknown as AstroCookies;
}
const post = (path: string, body: string) =>
  new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
const draft = (answers: Record<string, unknown>) => ({ draftId: DRAFT, service: 'certificate', action: 'new', answers, expiresAt: '2026-12-22T00:00:00Z', missingPages: [] });

beforeEach(() => {
  for (const fn of Object.values(data)) fn.mockReset();
});

describe('when the database fails', () => {
  it('a question page says so with 503 and shows every typed value again', async () => {
    data.getDraft.mockResolvedValue(draft({ who: { applying_for: 'self' } }));
    data.savePage.mockRejectedValue(new ApplicationDataError('unavailable'));
    const body = `name=${encodeURIComponent('张三')}&id_number=${ADULT_ID}&phone=13912345678&hukou_address=${encodeURIComponent('示例县人民路 1 号')}`;
    const outcome = await handleQuestionPage({ request: post('/apply/certificate/applicant/', body), cookies: cookies(DRAFT), url: new URL('http://localhost/apply/certificate/applicant/'), service: 'certificate', ctx }, 'applicant');
    expect(outcome).toMatchObject({ kind: 'form', status: 503, banner: expect.stringContaining('您填写的内容都还在下面'), input: { name: '张三', id_number: ADULT_ID, phone: '13912345678' } });
  });

  it('the check page keeps the same token for the retry, and the retry returns the one receipt', async () => {
    const answers = {
      who: { applying_for: 'self' },
      applicant: { name: '张三', id_number: ADULT_ID, phone: '13912345678', hukou_address: '示例县人民路 1 号' },
      category: { category: '4' },
      assessment: { hospital: site.assessmentHospitals[0]!.id, home_visit: 'no' },
      declaration: { confirm: 'yes' },
    };
    data.getDraft.mockResolvedValue(draft(answers));
    data.submitApplication.mockRejectedValueOnce(new ApplicationDataError('unavailable'));
    const token = 'tok_0123456789abcdefghij';
    const request = () => ({ request: post('/apply/certificate/check/', `client_token=${token}`), cookies: cookies(DRAFT), url: new URL('http://localhost/apply/certificate/check/'), service: 'certificate' as const, ctx });
    const failed = await handleCheckPage(request());
    expect(failed).toMatchObject({ kind: 'check', status: 503, token, banner: expect.stringContaining('不会重复提交') });
    data.submitApplication.mockResolvedValueOnce({ reference: 'K7M2P9QX', service: 'certificate', action: 'new', status: 'received', submittedAt: '', repeated: false });
    const retried = await handleCheckPage(request());
    expect(retried).toMatchObject({ kind: 'redirect', to: expect.stringMatching(/^\/apply\/receipt\/\?t=/) });
    expect(data.submitApplication.mock.calls.map((c) => c[1])).toEqual([token, token]);
  });

  it('opening a page while the database is down says so instead of losing the draft', async () => {
    data.getDraft.mockRejectedValue(new ApplicationDataError('unavailable'));
    const outcome = await handleQuestionPage({ request: new Request('http://localhost/apply/certificate/category/'), cookies: cookies(DRAFT), url: new URL('http://localhost/apply/certificate/category/'), service: 'certificate', ctx }, 'category');
    expect(outcome).toMatchObject({ kind: 'form', status: 503, banner: expect.stringContaining('系统暂时无法打开您的申请') });
  });
});
