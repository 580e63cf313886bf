import type { AstroCookies } from 'astro';
import { ApplicationDataError } from '../../data/application-errors.ts';
import {
  createDraft,
  getDraft,
  issueResumeCode,
  removePages,
  savePage,
  setDraftAction,
  submitApplication,
  type Draft,
  type ServiceAndAction,
} from '../../data/applications.ts';
import {
  firstUnanswered,
  hasIdentity,
  inapplicableSteps,
  nextPage,
  pagesFor,
  parsePage,
  reviewJourney,
  savedValues,
  transitOutcome,
  withPage,
  type JourneyReview,
} from '../../domain/applications/journey.ts';
import { JOURNEYS, type FieldError, type FormInput, type JourneyContext } from '../../domain/applications/steps.ts';
import type { JourneyState, PageId, ServiceId, StepId } from '../../domain/applications/services.ts';
import type { TransitEligibility } from '../../domain/applications/transit-eligibility.ts';
import { readForm } from './form-input.ts';
import { sealReceipt } from './receipt-token.ts';
import { draftIdFrom, forgetDraft, rememberDraft } from './session.ts';
import { forOther } from './views.ts';
import { todayInChina } from '../today.ts';

/**
 * The form journey's server side, independent of rendering: POST → validate → save → 303 to the
 * next page; errors re-render the page with everything typed kept. The draft is found through
 * an HttpOnly cookie; answers live in the database from the moment a page is saved.
 */
export interface JourneyRequest {
  request: Request;
  cookies: AstroCookies;
  url: URL;
  service: ServiceId;
  ctx: JourneyContext;
}

export type PageOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'form'; state: JourneyState; input: FormInput; errors: FieldError[]; status: number; banner?: string; expiresAt?: string }
  | { kind: 'saved'; state: JourneyState; code: string; expiresAt: string }
  | { kind: 'not-eligible'; state: JourneyState; outcome: TransitEligibility; category: number; grade: number }
  | { kind: 'no-draft'; reason: 'none' | 'expired' }
  | { kind: 'refused'; status: 400 | 413 | 415 };

export const firstPage = (service: ServiceId): PageId => JOURNEYS[service][0]!.id;

/** Path of a journey page (unlocalised; the caller localises). */
export const pagePath = (service: ServiceId, page: PageId | 'check', returning = false) =>
  `/apply/${service}/${page}/${returning ? '?return=check' : ''}`;

function toState(draft: Draft): JourneyState {
  return { service: draft.service, action: draft.action, answers: draft.answers as JourneyState['answers'] };
}

async function loadDraft(cookies: AstroCookies, service: ServiceId, keepCookie = false): Promise<{ draft: Draft | null; expired: boolean }> {
  const id = draftIdFrom(cookies, service);
  if (!id) return { draft: null, expired: false };
  try {
    return { draft: await getDraft(id), expired: false };
  } catch (error) {
    if (error instanceof ApplicationDataError && (error.code === 'draft_not_found' || error.code === 'draft_expired')) {
      // A submitted draft is gone too; on the check page the cookie stays so that resubmitting
      // (back button, retry) can still find the application by its draft id and token.
      if (!keepCookie) forgetDraft(cookies, service);
      return { draft: null, expired: true };
    }
    throw error;
  }
}

const UNAVAILABLE = '系统暂时无法保存。您填写的内容都还在下面，请过几分钟再点“继续”；也可以打服务大厅电话办理。';

export async function handleQuestionPage(r: JourneyRequest, page: PageId): Promise<PageOutcome> {
  const { request, cookies, url, service, ctx } = r;
  const returning = url.searchParams.get('return') === 'check';
  let loaded: Awaited<ReturnType<typeof loadDraft>>;
  try {
    loaded = await loadDraft(cookies, service);
  } catch {
    return { kind: 'form', state: { service, action: null, answers: {} }, input: {}, errors: [], status: 503, banner: '系统暂时无法打开您的申请，请过几分钟再试；也可以打服务大厅电话办理。' };
  }
  const { draft } = loaded;
  const isFirst = page === firstPage(service);
  if (!draft && !isFirst) return { kind: 'no-draft', reason: loaded.expired ? 'expired' : 'none' };
  const state: JourneyState = draft ? toState(draft) : { service, action: null, answers: {} };
  if (!pagesFor(state, ctx).includes(page)) return { kind: 'redirect', to: pagePath(service, firstUnanswered(state, ctx)) };

  if (request.method !== 'POST') {
    return { kind: 'form', state, input: { ...(savedValues(state, page) ?? {}) }, errors: [], status: 200, ...(draft ? { expiresAt: draft.expiresAt } : {}) };
  }

  const form = await readForm(request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const { input, fields } = form;
  const intent = fields['intent'] === 'save' ? 'save' : 'continue';
  const back = fields['return'] === 'check' || returning;

  const result = parsePage(service, page, input, state, ctx);
  if (!result.ok) return { kind: 'form', state, input, errors: result.errors, status: 422 };
  const values = result.values;

  if (service === 'transit-card' && page === 'certificate') {
    const outcome = transitOutcome(values, ctx);
    if (outcome?.result === 'ask-lower-limb') {
      return { kind: 'form', state, input: { ...input, lower_limb_asked: '1' }, errors: [], status: 200 };
    }
    if (outcome?.result === 'not-eligible') {
      const number = String(values['certificate_number']);
      return { kind: 'not-eligible', state, outcome, category: Number(number[18]), grade: Number(number[19]) };
    }
  }

  let next = withPage(state, page, values);
  try {
    let draftId = draft?.draftId;
    if (!draftId) {
      draftId = (await createDraft({ service, action: page === 'action' ? String(values['action']) : null } as ServiceAndAction)).draftId;
      rememberDraft(cookies, service, draftId, url);
      if (page !== 'action') await savePage(draftId, page, values);
    } else if (page === 'action') {
      await setDraftAction(draftId, String(values['action']));
    } else {
      await savePage(draftId, page, values);
    }
    const stale: StepId[] = inapplicableSteps(next, ctx);
    if (stale.length > 0) {
      await removePages(draftId, stale);
      const answers = { ...next.answers };
      for (const step of stale) delete answers[step];
      next = { ...next, answers };
    }
    if (intent === 'save' && hasIdentity(next, ctx)) {
      const issued = await issueResumeCode(draftId);
      return { kind: 'saved', state: next, code: issued.resumeCode, expiresAt: issued.expiresAt };
    }
  } catch (error) {
    if (error instanceof ApplicationDataError && (error.code === 'draft_not_found' || error.code === 'draft_expired')) {
      forgetDraft(cookies, service);
      return { kind: 'no-draft', reason: 'expired' };
    }
    return { kind: 'form', state, input, errors: [], status: 503, banner: UNAVAILABLE };
  }
  const to = nextPage(next, ctx, page, back);
  return { kind: 'redirect', to: pagePath(service, to, back && to !== 'check') };
}

export type CheckOutcome =
  | { kind: 'check'; state: JourneyState; review: JourneyReview; token: string; status: number; banner?: string; expiresAt: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'no-draft'; reason: 'none' | 'expired' | 'submitted' | 'unavailable' }
  | { kind: 'refused'; status: 400 | 413 | 415 };

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
export const newClientToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');

export async function handleCheckPage(r: JourneyRequest): Promise<CheckOutcome> {
  const { request, cookies, service, ctx } = r;
  let loaded: Awaited<ReturnType<typeof loadDraft>> | null = null;
  let form: Awaited<ReturnType<typeof readForm>> | null = null;
  if (request.method === 'POST') {
    form = await readForm(request);
    if (!form.ok) return { kind: 'refused', status: form.status };
  }
  const token = form?.ok && TOKEN.test(form.fields['client_token'] ?? '') ? form.fields['client_token']! : newClientToken();
  const draftId = draftIdFrom(cookies, service);
  try {
    loaded = await loadDraft(cookies, service, request.method === 'POST');
  } catch {
    if (!draftId) return { kind: 'no-draft', reason: 'none' };
    if (request.method !== 'POST') return { kind: 'no-draft', reason: 'unavailable' };
  }

  if (request.method === 'POST' && draftId && (!loaded?.draft)) {
    // Back + resubmit, or a retry after a lost response: the same token returns the same receipt.
    try {
      const receipt = await submitApplication(draftId, token);
      return { kind: 'redirect', to: receiptPath(receipt.reference, service, receipt.action, false) };
    } catch (error) {
      if (error instanceof ApplicationDataError && error.code === 'draft_already_submitted') return { kind: 'no-draft', reason: 'submitted' };
      if (error instanceof ApplicationDataError && error.code !== 'unavailable') return { kind: 'no-draft', reason: 'expired' };
      return { kind: 'no-draft', reason: 'unavailable' };
    }
  }
  if (!loaded?.draft) return { kind: 'no-draft', reason: loaded?.expired ? 'expired' : 'none' };
  const draft = loaded.draft;
  const state = toState(draft);
  const review = reviewJourney(state, ctx);
  if (request.method !== 'POST') return { kind: 'check', state, review, token, status: 200, expiresAt: draft.expiresAt };
  if (!review.complete) return { kind: 'check', state, review, token, status: 422, expiresAt: draft.expiresAt };

  try {
    const stale = inapplicableSteps(state, ctx);
    if (stale.length > 0) await removePages(draft.draftId, stale);
    const receipt = await submitApplication(draft.draftId, token);
    return { kind: 'redirect', to: receiptPath(receipt.reference, service, receipt.action, forOther(state)) };
  } catch (error) {
    if (error instanceof ApplicationDataError && error.code === 'draft_already_submitted') return { kind: 'no-draft', reason: 'submitted' };
    if (error instanceof ApplicationDataError && (error.code === 'draft_not_found' || error.code === 'draft_expired')) {
      return { kind: 'no-draft', reason: 'expired' };
    }
    return {
      kind: 'check', state, review, token, status: 503, expiresAt: draft.expiresAt,
      banner: '提交没有成功：系统暂时出了问题。您的答案都已保存。请过几分钟再点“提交申请”，不会重复提交；也可以打服务大厅电话。',
    };
  }
}

export function receiptPath(reference: string, service: string, action: string | null, other: boolean): string {
  const token = sealReceipt({ reference, service, action, submittedOn: todayInChina(), forOther: other });
  return `/apply/receipt/?t=${token}`;
}
