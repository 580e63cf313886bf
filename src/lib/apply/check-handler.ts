import { ApplicationDataError, type RateLimit } from '../../data/application-errors.ts';
import { removePages, submitApplication } from '../../data/applications.ts';
import type { JourneyState } from '../../domain/applications/contract.ts';
import { inapplicablePages, reviewJourney, type JourneyReview } from '../../domain/applications/journey.ts';
import { forOther } from '../../domain/applications/wording.ts';
import { todayInChina } from '../today.ts';
import { clientKeyFor, isGone, loadDraft, rateLimitOf, type JourneyRequest } from './drafts.ts';
import { readForm } from './form-input.ts';
import type { FlowKey } from './question-handler.ts';
import { sealReceipt } from './receipt-token.ts';
import { draftIdFrom } from './session.ts';

/**
 * Check your answers, then submit. The form carries a random token made for this page:
 * submitting twice (double click, back and submit again, a retry after a lost response) returns
 * the same application, never a second one.
 */
export type CheckOutcome =
  | {
      kind: 'check'; state: JourneyState; review: JourneyReview; token: string; status: number; banner?: FlowKey; expiresAt: string;
      /** 429: this client submitted as many applications as it may this hour (the wait, the limit). */
      rateLimit?: RateLimit;
    }
  | { kind: 'redirect'; to: string }
  | { kind: 'no-draft'; reason: 'none' | 'expired' | 'submitted' | 'unavailable' }
  | { kind: 'refused'; status: 400 | 413 | 415 };

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
export const newClientToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');

export function receiptPath(reference: string, service: string, action: string | null, other: boolean): string {
  return `/apply/receipt/?t=${sealReceipt({ reference, service, action, submittedOn: todayInChina(), forOther: other })}`;
}

/** What a failed submission means for the person. */
function submitFailure(error: unknown): 'submitted' | 'expired' | 'token-used' | 'limited' | 'unavailable' {
  if (!(error instanceof ApplicationDataError)) return 'unavailable';
  if (error.code === 'draft_already_submitted') return 'submitted';
  if (error.code === 'rate_limited') return 'limited';
  if (error.code === 'token_reused') return 'token-used';
  if (isGone(error)) return 'expired';
  return 'unavailable';
}

export async function handleCheckPage(r: JourneyRequest): Promise<CheckOutcome> {
  const { request, cookies, service, ctx } = r;
  const posted = request.method === 'POST';
  let token = newClientToken();
  if (posted) {
    const form = await readForm(request);
    if (!form.ok) return { kind: 'refused', status: form.status };
    if (TOKEN.test(form.fields['client_token'] ?? '')) token = form.fields['client_token']!;
  }
  const draftId = draftIdFrom(cookies, service);
  const loaded = await loadDraft(cookies, service, posted);

  if (posted && draftId && loaded.kind === 'gone') {
    // Back + resubmit, or a retry after a lost response: the same token returns the same receipt.
    try {
      const receipt = await submitApplication(draftId, token, clientKeyFor(r));
      return { kind: 'redirect', to: receiptPath(receipt.reference, service, receipt.action, false) };
    } catch (error) {
      const failure = submitFailure(error);
      // Only a repeat can reach a draft that is gone, and repeats are never limited.
      return { kind: 'no-draft', reason: failure === 'token-used' || failure === 'limited' ? 'expired' : failure };
    }
  }
  if (loaded.kind === 'unavailable') return { kind: 'no-draft', reason: 'unavailable' };
  if (loaded.kind !== 'found') return { kind: 'no-draft', reason: loaded.kind === 'gone' ? 'expired' : 'none' };
  const { draft, state } = loaded;
  const review = reviewJourney(state, ctx);
  const page = (status: number, extra: { token?: string; banner?: FlowKey; rateLimit?: RateLimit | undefined } = {}): CheckOutcome => ({
    kind: 'check', state, review, token: extra.token ?? token, status, expiresAt: draft.expiresAt,
    ...(extra.banner ? { banner: extra.banner } : {}), ...(extra.rateLimit ? { rateLimit: extra.rateLimit } : {}),
  });
  if (!posted) return page(200);
  if (!review.complete) return page(422);

  try {
    const stale = inapplicablePages(state, ctx);
    if (stale.length > 0) await removePages(draft.draftId, stale);
    const receipt = await submitApplication(draft.draftId, token, clientKeyFor(r));
    return { kind: 'redirect', to: receiptPath(receipt.reference, service, receipt.action, forOther(state)) };
  } catch (error) {
    switch (submitFailure(error)) {
      case 'submitted': return { kind: 'no-draft', reason: 'submitted' };
      case 'expired': return { kind: 'no-draft', reason: 'expired' };
      // The page's token already made another application (two tabs, an old page): a new token,
      // and the person submits again. A client's mistake, so 409, not an outage.
      case 'token-used': return page(409, { token: newClientToken(), banner: 'applyFlow.check.tokenUsed' });
      // The same token, so submitting again later cannot make a second application.
      case 'limited': return page(429, { banner: 'applyFlow.check.limited', rateLimit: rateLimitOf(error) });
      default: return page(503, { banner: 'applyFlow.check.unavailable' });
    }
  }
}
