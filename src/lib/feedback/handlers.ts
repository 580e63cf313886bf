import { addFeedbackReasons, giveSatisfaction, givePageFeedback } from '../../data/feedback.ts';
import { ApplicationDataError } from '../../data/application-errors.ts';
import { isServiceId } from '../../domain/applications/catalogue.ts';
import type { ServiceId } from '../../domain/applications/contract.ts';
import { isContentPagePath, isFeedbackId, isRating, isReason, type FeedbackReason } from '../../domain/feedback/feedback.ts';
import { clientKeyFor, type ClientRequest } from '../apply/drafts.ts';
import { readForm } from '../apply/form-input.ts';

/**
 * The two feedback forms, posted without JavaScript to on-demand pages: "这个页面有用吗？" from
 * every content page (/feedback/) and the receipt's satisfaction question (/feedback/satisfaction/).
 * Adapters: read the form, check it against the fixed codes, store through src/data, say what
 * happened. A forged form (a page that is no content page, an unknown code) is refused with 400.
 */
export type FeedbackOutcome =
  | { kind: 'thanks'; back: string | null }
  /** A "no" was kept: ask why (optional), adding to the same answer. */
  | { kind: 'reasons'; id: string; page: string }
  /** The satisfaction question again, unanswered (422). */
  | { kind: 'unanswered'; service: ServiceId }
  | { kind: 'limited'; retryAfterSeconds: number; limit: number; windowMinutes: number; back: string | null }
  | { kind: 'not-found'; back: string }
  | { kind: 'unavailable'; back: string | null }
  | { kind: 'redirect'; to: string }
  | { kind: 'refused'; status: 400 | 413 | 415 };

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v !== '' ? [v] : []);

function failed(error: unknown, back: string | null): FeedbackOutcome {
  if (error instanceof ApplicationDataError && error.code === 'rate_limited' && error.rateLimit) {
    return { kind: 'limited', ...error.rateLimit, back };
  }
  if (error instanceof ApplicationDataError && (error.code === 'invalid_feedback' || error.code === 'unknown_service')) return { kind: 'refused', status: 400 };
  return { kind: 'unavailable', back };
}

/** POST /feedback/: useful=yes|no for a page, or (step=reasons) the reasons of that "no". */
export async function handlePageFeedback(r: ClientRequest): Promise<FeedbackOutcome> {
  if (r.request.method !== 'POST') return { kind: 'redirect', to: '/' };
  const form = await readForm(r.request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const page = form.fields['page'] ?? '';
  if (!isContentPagePath(page)) return { kind: 'refused', status: 400 };
  if (form.fields['step'] === 'reasons') {
    const id = form.fields['id'] ?? '';
    const reasons = list(form.input['reason']);
    if (!isFeedbackId(id) || !reasons.every(isReason) || reasons.length > 5) return { kind: 'refused', status: 400 };
    try {
      await addFeedbackReasons(id, reasons as FeedbackReason[]);
      return { kind: 'thanks', back: page };
    } catch (error) {
      if (error instanceof ApplicationDataError && error.code === 'feedback_not_found') return { kind: 'not-found', back: page };
      return failed(error, page);
    }
  }
  const useful = form.fields['useful'];
  if (useful !== 'yes' && useful !== 'no') return { kind: 'refused', status: 400 };
  try {
    const id = await givePageFeedback({ page, useful: useful === 'yes', clientKey: clientKeyFor(r) });
    return useful === 'yes' ? { kind: 'thanks', back: page } : { kind: 'reasons', id, page };
  } catch (error) {
    return failed(error, page);
  }
}

/** POST /feedback/satisfaction/: service and rating, nothing that names the application. */
export async function handleSatisfaction(r: ClientRequest): Promise<FeedbackOutcome> {
  if (r.request.method !== 'POST') return { kind: 'redirect', to: '/' };
  const form = await readForm(r.request);
  if (!form.ok) return { kind: 'refused', status: form.status };
  const service = form.fields['service'] ?? '';
  if (!isServiceId(service)) return { kind: 'refused', status: 400 };
  const rating = form.fields['rating'] ?? '';
  if (rating === '') return { kind: 'unanswered', service };
  if (!isRating(rating)) return { kind: 'refused', status: 400 };
  try {
    await giveSatisfaction({ service, rating, clientKey: clientKeyFor(r) });
    return { kind: 'thanks', back: null };
  } catch (error) {
    return failed(error, null);
  }
}
