import type { AstroCookies } from 'astro';
import { getDraft, lookupStatus, resumeDraft, type LookupResult } from '../../data/applications.ts';
import { parseCodeAndFact } from '../../domain/applications/codes.ts';
import type { FieldError, JourneyContext } from '../../domain/applications/contract.ts';
import { firstIncomplete } from '../../domain/applications/journey.ts';
import { clientIpOf, clientKeyOf } from '../client-key.ts';
import { pagePath, toState } from './drafts.ts';
import { readForm } from './form-input.ts';
import type { FlowKey } from './question-handler.ts';
import { rememberDraft } from './session.ts';

/**
 * The two ways back in with a code and a fact only the applicant knows (the last 4 characters of
 * their ID number): status lookup (a reference) and resume (a saved draft's code). A wrong code
 * and a wrong fact get the same answer; repeated failures are throttled in the database. The
 * answer is in the response to the POST, never in a URL.
 */
export interface LookupRequest {
  request: Request;
  clientAddress: () => string | undefined;
}

export type LookupPageOutcome<Found> =
  | { kind: 'form'; values: Record<string, string>; errors: (FieldError & { text?: FlowKey })[]; status: number; banner?: FlowKey }
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

const clientKey = (r: LookupRequest) => clientKeyOf(clientIpOf(r.clientAddress, r.request.headers));

export async function handleStatusPage(r: LookupRequest): Promise<LookupPageOutcome<Extract<LookupResult, { ok: true }>>> {
  if (r.request.method !== 'POST') return { kind: 'form', values: {}, errors: [], status: 200 };
  const form = await readCodeForm(r, 'reference');
  if (!form.ok) return { kind: 'refused', status: form.status };
  const parsed = parseCodeAndFact('reference', 'reference', form.values['reference']!, form.values['fact']!);
  if (!parsed.ok) return { kind: 'form', values: form.values, errors: parsed.errors, status: 422 };
  try {
    const result = await lookupStatus({ reference: parsed.code, idNumberLast4: parsed.fact, clientKey: clientKey(r) });
    if (result.ok) return { kind: 'found', found: result };
    const throttled = result.error === 'lookup_throttled';
    return {
      kind: 'form', values: form.values, status: throttled ? 429 : 422,
      errors: [{ field: 'reference', message: '', text: throttled ? 'applyFlow.status.throttled' : 'applyFlow.status.failed' }],
    };
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
    const result = await resumeDraft({ code: parsed.code, idNumberLast4: parsed.fact, clientKey: clientKey(r) });
    if (!result.ok) {
      const throttled = result.error === 'resume_throttled';
      return {
        kind: 'form', values: form.values, status: throttled ? 429 : 422,
        errors: [{ field: 'code', message: '', text: throttled ? 'applyFlow.resume.throttled' : 'applyFlow.resume.failed' }],
      };
    }
    rememberDraft(r.cookies, result.service, result.draftId, r.url);
    const draft = await getDraft(result.draftId);
    return { kind: 'redirect', to: pagePath(draft.service, firstIncomplete(toState(draft), await r.ctx())) };
  } catch {
    return { kind: 'form', values: form.values, errors: [], status: 503, banner: 'applyFlow.resume.unavailable' };
  }
}
