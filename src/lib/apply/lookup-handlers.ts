import type { AstroCookies } from 'astro';
import { getDraft, lookupStatus, resumeDraft, type LookupResult } from '../../data/applications.ts';
import { parseCodeAndFact } from '../../domain/applications/codes.ts';
import type { FieldError, JourneyContext } from '../../domain/applications/contract.ts';
import { firstIncomplete } from '../../domain/applications/journey.ts';
import { clientKeyFor, pagePath, toState, type ClientRequest } from './drafts.ts';
import { readForm } from './form-input.ts';
import type { FlowKey } from './question-handler.ts';
import { rememberDraft } from './session.ts';

/**
 * The two ways back in with a code and a fact only the applicant knows (the last 4 characters of
 * their ID number): status lookup (a reference) and resume (a saved draft's code). A wrong code
 * and a wrong fact get the same answer; repeated failures are throttled in the database. The
 * answer is in the response to the POST, never in a URL.
 */
export type LookupRequest = ClientRequest;

export type LookupPageOutcome<Found> =
  | {
      kind: 'form'; values: Record<string, string>; errors: (FieldError & { text?: FlowKey })[]; status: number; banner?: FlowKey;
      /** Throttled: seconds until the next try may be heard (also the Retry-After header). */
      retryAfterSeconds?: number;
    }
  | { kind: 'found'; found: Found }
  | { kind: 'redirect'; to: string }
  | { kind: 'refused'; status: 400 | 413 | 415 };

async function readCodeForm(r: LookupRequest, field: 'reference' | 'code') {
  const form = await readForm(r.request);
  if (!form.ok) return form;
  // Kept short: shown again in the field, and nothing longer can be a code.
  const values = { [field]: (form.fields[field] ?? '').slice(0, 64), fact: (form.fields['fact'] ?? '').slice(0, 16) };
  return { ok: true as const, values };
}

/** The form again with a wrong answer, or with the wait of a throttled one. */
function refusedOutcome<F>(
  values: Record<string, string>, field: string,
  result: { error: string; scope?: 'client' | 'subject'; retryAfterSeconds?: number },
  texts: { failed: FlowKey; throttled: FlowKey; throttledSubject: FlowKey },
): LookupPageOutcome<F> {
  if (result.retryAfterSeconds === undefined) return { kind: 'form', values, status: 422, errors: [{ field, message: '', text: texts.failed }] };
  return {
    kind: 'form', values, status: 429, retryAfterSeconds: result.retryAfterSeconds,
    errors: [{ field, message: '', text: result.scope === 'subject' ? texts.throttledSubject : texts.throttled }],
  };
}

export async function handleStatusPage(r: LookupRequest): Promise<LookupPageOutcome<Extract<LookupResult, { ok: true }>>> {
  if (r.request.method !== 'POST') return { kind: 'form', values: {}, errors: [], status: 200 };
  const form = await readCodeForm(r, 'reference');
  if (!form.ok) return { kind: 'refused', status: form.status };
  const parsed = parseCodeAndFact('reference', 'reference', form.values['reference']!, form.values['fact']!);
  if (!parsed.ok) return { kind: 'form', values: form.values, errors: parsed.errors, status: 422 };
  try {
    const result = await lookupStatus({ reference: parsed.code, idNumberLast4: parsed.fact, clientKey: clientKeyFor(r) });
    if (result.ok) return { kind: 'found', found: result };
    return refusedOutcome(form.values, 'reference', result, {
      failed: 'applyFlow.status.failed', throttled: 'applyFlow.status.throttled', throttledSubject: 'applyFlow.status.throttledSubject',
    });
  } catch {
    return { kind: 'form', values: form.values, errors: [], status: 503, banner: 'applyFlow.status.unavailable' };
  }
}

export async function handleResumePage(r: LookupRequest & { cookies: AstroCookies; url: URL; ctx: () => Promise<JourneyContext> }): Promise<LookupPageOutcome<never>> {
  if (r.request.method !== 'POST') return { kind: 'form', values: {}, errors: [], status: 200 };
  const form = await readCodeForm(r, 'code');
  if (!form.ok) return { kind: 'refused', status: form.status };
  const parsed = parseCodeAndFact('resumeCode', 'code', form.values['code']!, form.values['fact']!);
  if (!parsed.ok) return { kind: 'form', values: form.values, errors: parsed.errors, status: 422 };
  try {
    const result = await resumeDraft({ code: parsed.code, idNumberLast4: parsed.fact, clientKey: clientKeyFor(r) });
    if (!result.ok) {
      return refusedOutcome(form.values, 'code', result, {
        failed: 'applyFlow.resume.failed', throttled: 'applyFlow.resume.throttled', throttledSubject: 'applyFlow.resume.throttledSubject',
      });
    }
    rememberDraft(r.cookies, result.service, result.draftId, r.url);
    const draft = await getDraft(result.draftId);
    return { kind: 'redirect', to: pagePath(draft.service, firstIncomplete(toState(draft), await r.ctx())) };
  } catch {
    return { kind: 'form', values: form.values, errors: [], status: 503, banner: 'applyFlow.resume.unavailable' };
  }
}
