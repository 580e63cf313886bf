import type { SupabaseClient } from '@supabase/supabase-js';
import type { FeedbackReason, Rating } from '../domain/feedback/feedback.ts';
import type { ServiceId } from '../domain/applications/contract.ts';
import { call } from './rpc.ts';

/**
 * What residents say about the service (supabase/migrations/20251222000100_service_feedback.sql),
 * through the residents' functions with the server's key, like every intake call: no address, no
 * reference, no free text is sent. Each answer is counted per client (clientKey, a hash of the
 * address: src/lib/client-key.ts); over the limit the call fails with rate_limited
 * (error.rateLimit says how long to wait).
 */

/** "这个页面有用吗？" for a content page's path (without the script prefix): the answer's id, for adding reasons to a "no". */
export async function givePageFeedback(input: { page: string; useful: boolean; clientKey: string }, client?: SupabaseClient): Promise<string> {
  const row = await call<{ id: string }>('give_page_feedback', { p_page: input.page, p_useful: input.useful, p_client_key: input.clientKey }, client);
  return row.id;
}

/** The reasons of a "no" (once; sent again it changes nothing). Fails with feedback_not_found for an id that is not a recent "no". */
export async function addFeedbackReasons(id: string, reasons: readonly FeedbackReason[], client?: SupabaseClient): Promise<boolean> {
  return (await call<{ added: boolean }>('add_feedback_reasons', { p_id: id, p_reasons: reasons }, client)).added;
}

/** The receipt's satisfaction question: kept with the service only, never with the application. */
export async function giveSatisfaction(input: { service: ServiceId; rating: Rating; clientKey: string }, client?: SupabaseClient): Promise<void> {
  await call('give_satisfaction', { p_service: input.service, p_rating: input.rating, p_client_key: input.clientKey }, client);
}
