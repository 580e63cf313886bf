import type { RateLimit } from '../../data/application-errors.ts';
import { createDraft, issueResumeCode, removePages, savePage, setDraftAction } from '../../data/applications.ts';
import type { applyFlowText } from '../../i18n/text/apply-flow.ts';
import type { FieldError, FormInput, GateResult, JourneyState, PageId, PageValues } from '../../domain/applications/contract.ts';
import {
  firstIncomplete, firstPage, hasIdentity, inapplicablePages, nextPage, pageGate, pagesFor, parsePage, reviewJourney, savedValues, withPage,
} from '../../domain/applications/journey.ts';
import { clientKeyFor, isGone, loadDraft, pagePath, rateLimitOf, type JourneyRequest } from './drafts.ts';
import { readForm } from './form-input.ts';
import { rememberDraft, rememberSavedCode } from './session.ts';

/**
 * A journey's question page, independent of rendering: GET shows the page with what was saved;
 * POST validates, saves and answers 303 with the next page (errors: the page again, everything
 * typed kept). "Save and come back later" never needs the page to be finished; switching script
 * carries what was typed to the same page in the other script. Answers live in the database from
 * the moment a page is saved.
 */
export type FlowKey = keyof typeof applyFlowText;

export type QuestionOutcome =
  | { kind: 'redirect'; to: string }
  | {
      kind: 'form'; state: JourneyState; input: FormInput; errors: FieldError[]; status: number;
      /**
       * A notice above the form: the database failed (kept answers), saving needs an ID number, or
       * this client started as many applications as it may this hour (429, with the wait).
       */
      banner?: { kind: 'unavailable' | 'notice'; text: FlowKey } | { kind: 'limited'; text: FlowKey; rateLimit: RateLimit };
      expiresAt?: string;
      /** Hidden fields the page must send back (a follow-up question was asked). */
      hidden?: Record<string, string>;
    }
  | { kind: 'not-eligible'; gate: Extract<GateResult, { kind: 'refuse' }> }
  | { kind: 'no-draft'; reason: 'none' | 'expired' | 'unavailable' }
  | { kind: 'refused'; status: 400 | 413 | 415 };

type Intent = 'continue' | 'save' | 'switch';
const intentOf = (value: string | undefined): Intent => (value === 'save' || value === 'switch' ? value : 'continue');

export async function handleQuestionPage(r: JourneyRequest, page: PageId): Promise<QuestionOutcome> {
  const { request, cookies, url, service, ctx } = r;
  const returning = url.searchParams.get('return') === 'check';
  const loaded = await loadDraft(cookies, service);
  const fresh: JourneyState = { service, action: null, answers: {} };
  if (loaded.kind === 'unavailable') {
    // The database is down: say so, and show again whatever was just typed (nothing is lost).
    if (request.method !== 'POST') return { kind: 'form', state: fresh, input: {}, errors: [], status: 503, banner: { kind: 'unavailable', text: 'applyFlow.question.cannotOpen' } };
    const typed = await readForm(request);
    if (!typed.ok) return { kind: 'refused', status: typed.status };
    const back = typed.fields['return'] === 'check' || returning ? { hidden: { return: 'check' } } : {};
    return { kind: 'form', state: fresh, input: typed.input, errors: [], status: 503, banner: { kind: 'unavailable', text: 'applyFlow.question.unavailable' }, ...back };
  }
  const draft = loaded.kind === 'found' ? loaded.draft : null;
  if (!draft && page !== firstPage(service)) return { kind: 'no-draft', reason: loaded.kind === 'gone' ? 'expired' : 'none' };
  const state = loaded.kind === 'found' ? loaded.state : fresh;
  if (!pagesFor(state, ctx).includes(page)) return { kind: 'redirect', to: pagePath(service, firstIncomplete(state, ctx)) };
  const kept = draft ? { expiresAt: draft.expiresAt } : {};

  if (request.method !== 'POST') {
    // Sent back from the check page: the page shows what is wrong with its saved answers.
    const errors = returning ? reviewJourney(state, ctx).pages.find((p) => p.page === page)?.errors ?? [] : [];
    return { kind: 'form', state, input: { ...(savedValues(state, page) ?? {}) }, errors, status: 200, ...kept };
  }

  const form = await readForm(request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const { input, fields } = form;
  const intent = intentOf(fields['intent']);
  const back = fields['return'] === 'check' || returning;
  const hidden = (extra: Record<string, string> = {}) => ({ ...(back ? { return: 'check' } : {}), ...extra });
  // The other script's address of this page, posted to by the script switch: nothing is saved.
  if (intent === 'switch') return { kind: 'form', state, input, errors: [], status: 200, hidden: hidden(), ...kept };

  const result = parsePage(service, page, input, state, ctx);
  if (intent === 'continue' && !result.ok) return { kind: 'form', state, input, errors: result.errors, status: 422, hidden: hidden(), ...kept };
  const values = result.ok ? result.values : result.valid;

  if (intent === 'continue') {
    const gate = pageGate(service, page, values, ctx);
    if (gate?.kind === 'ask') return { kind: 'form', state, input: { ...input, [gate.marker]: '1' }, errors: [], status: 200, hidden: hidden({ [gate.marker]: '1' }), ...kept };
    if (gate?.kind === 'refuse') return { kind: 'not-eligible', gate };
  } else if (!hasIdentity(withPage(state, page, values), ctx)) {
    return { kind: 'form', state, input, errors: result.ok ? [] : result.errors, status: 422, hidden: hidden(), banner: { kind: 'notice', text: 'applyFlow.question.saveNeedsIdentity' }, ...kept };
  }

  let next: JourneyState;
  let draftId: string;
  try {
    ({ state: next, draftId } = await persist(r, draft?.draftId ?? null, state, page, values, result.ok || Object.keys(values).length > 0));
    if (intent === 'save') {
      const issued = await issueResumeCode(draftId, clientKeyFor(r));
      const continueAt = result.ok ? nextPage(next, ctx, page, false) : page;
      rememberSavedCode(cookies, service, { code: issued.resumeCode, expiresAt: issued.expiresAt, page: continueAt === 'check' ? page : continueAt, pageNotSaved: !result.ok }, url);
      return { kind: 'redirect', to: pagePath(service, 'saved') };
    }
  } catch (error) {
    if (isGone(error)) return { kind: 'no-draft', reason: 'expired' };
    const rateLimit = rateLimitOf(error);
    if (rateLimit) {
      return { kind: 'form', state, input, errors: [], status: 429, hidden: hidden(), banner: { kind: 'limited', text: 'applyFlow.question.limited', rateLimit }, ...kept };
    }
    return { kind: 'form', state, input, errors: [], status: 503, hidden: hidden(), banner: { kind: 'unavailable', text: 'applyFlow.question.unavailable' }, ...kept };
  }
  const to = nextPage(next, ctx, page, back);
  return { kind: 'redirect', to: pagePath(service, to, back && to !== 'check') };
}

/**
 * Save one page's values (creating the draft on its first page) and drop the answers of pages that
 * no longer apply, so nothing the person did not mean to send is submitted: one call to the
 * database for the save and the removal.
 */
async function persist(r: JourneyRequest, existing: string | null, state: JourneyState, page: PageId, values: PageValues, save: boolean) {
  const { cookies, url, service, ctx } = r;
  const saved = save ? withPage(state, page, values) : state;
  const stale = inapplicablePages(saved, ctx);
  const answers = { ...saved.answers };
  for (const p of stale) delete answers[p];
  const next = { ...saved, answers };
  let draftId = existing;
  if (!draftId) {
    const action = page === 'action' && save && typeof values['action'] === 'string' ? values['action'] : null;
    draftId = (await createDraft({ service, action, clientKey: clientKeyFor(r) } as Parameters<typeof createDraft>[0])).draftId;
    rememberDraft(cookies, service, draftId, url);
    if (page !== 'action' && save) await savePage(draftId, page, values, undefined, stale);
    else if (stale.length > 0) await removePages(draftId, stale);
  } else if (page === 'action' && save) {
    await setDraftAction(draftId, String(values['action']), undefined, stale);
  } else if (save) {
    await savePage(draftId, page, values, undefined, stale);
  } else if (stale.length > 0) {
    await removePages(draftId, stale);
  }
  return { state: next, draftId };
}
