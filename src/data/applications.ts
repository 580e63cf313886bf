import type { SupabaseClient } from '@supabase/supabase-js';
import { call } from './rpc.ts';

export { lookupStatus, resumeDraft, type LookupResult, type ResumeResult, type Throttled } from './lookups.ts';

/**
 * Typed calls of the intake SQL functions (supabase/migrations/*_intake_*.sql). Each takes an
 * optional client (tests pass one); by default the shared server client is used.
 *
 * `clientKey` (src/lib/client-key.ts: a hash of the IP address, peppered and hashed again by the
 * database) identifies the caller for the limits: failed lookups and resumes, and how many drafts
 * and applications one client may make an hour (intake.policy).
 */
export type ServiceId = 'certificate' | 'assistive-devices' | 'transit-card';
export type CertificateAction = 'new' | 'renewal' | 'replacement' | 'damaged' | 'change' | 'transfer';
export type TransitCardAction = 'new' | 'replacement';
export type PageAnswers = Record<string, unknown>;

/**
 * A service with its action. The action may be left out (null) while it is not known yet, e.g.
 * transit-card asks about eligibility first; submitting needs it where the service has actions.
 * assistive-devices has none.
 */
export type ServiceAndAction =
  | { service: 'certificate'; action?: CertificateAction | null }
  | { service: 'transit-card'; action?: TransitCardAction | null }
  | { service: 'assistive-devices'; action?: null };

export interface Draft {
  draftId: string;
  service: ServiceId;
  action: string | null;
  /** Answers by page id (only from getDraft). */
  answers: Record<string, PageAnswers>;
  expiresAt: string;
  /** Required pages not answered yet. */
  missingPages: string[];
}

export interface Receipt {
  reference: string;
  service: ServiceId;
  action: string | null;
  status: string;
  submittedAt: string;
  /** True when this call repeated an earlier submission (double click, retry). */
  repeated: boolean;
}

export interface StatusEvent {
  status: string;
  label: string;
  note: string | null;
  at: string;
}

export interface IntakeCounts {
  drafts: number;
  applications: number;
  statusEvents: number;
}

export interface PurgeCounts {
  drafts: number;
  applications: number;
  lookup_failures: number;
  known_clients: number;
  client_submissions: number;
}

interface DraftRow {
  draft_id: string;
  service: ServiceId;
  action: string | null;
  answers?: Record<string, PageAnswers>;
  expires_at: string;
  missing_pages: string[];
}

function toDraft(row: DraftRow): Draft {
  return {
    draftId: row.draft_id,
    service: row.service,
    action: row.action,
    answers: row.answers ?? {},
    expiresAt: row.expires_at,
    missingPages: row.missing_pages,
  };
}

interface ReceiptRow {
  reference: string;
  service: ServiceId;
  action: string | null;
  status: string;
  submitted_at: string;
  repeated: boolean;
}

function toReceipt(row: ReceiptRow): Receipt {
  return {
    reference: row.reference,
    service: row.service,
    action: row.action,
    status: row.status,
    submittedAt: row.submitted_at,
    repeated: row.repeated,
  };
}

/**
 * Start a draft; the action may be chosen now or later with setDraftAction. Counted per client:
 * over the hourly limit it fails with rate_limited (error.rateLimit says how long to wait).
 */
export async function createDraft(input: ServiceAndAction & { clientKey: string }, client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call<DraftRow>('create_draft', { p_service: input.service, p_action: input.action ?? null, p_client_key: input.clientKey }, client));
}

export async function getDraft(draftId: string, client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call<DraftRow>('get_draft', { p_draft_id: draftId }, client));
}

/** Save (replace) one page's answers. Returns the draft without answers. */
export async function savePage(draftId: string, page: string, answers: PageAnswers, client?: SupabaseClient, removePages: string[] = []): Promise<Draft> {
  return toDraft(await call<DraftRow>('save_page', { p_draft_id: draftId, p_page: page, p_answers: answers, p_remove_pages: removePages }, client));
}

/**
 * Set (or change, or clear with null) the draft's action once the eligibility questions are
 * answered. The action usually comes straight from a form, so any string is accepted here and the
 * database checks it against the draft's service (invalid_action). Returns the draft without
 * answers; the pages that no longer apply under the new action go in `removePages`, removed in the
 * same call.
 */
export async function setDraftAction(
  draftId: string,
  action: CertificateAction | TransitCardAction | (string & {}) | null,
  client?: SupabaseClient,
  removePages: string[] = [],
): Promise<Draft> {
  return toDraft(await call<DraftRow>('set_draft_action', { p_draft_id: draftId, p_action: action, p_remove_pages: removePages }, client));
}

/**
 * Remove the answers of pages that no longer apply after an answer changed (e.g. the agent page
 * after switching to "for myself"). Every name must be a page of the service (invalid_page
 * otherwise); pages never answered are simply absent. Returns the draft without answers.
 */
export async function removePages(draftId: string, pages: string[], client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call<DraftRow>('remove_pages', { p_draft_id: draftId, p_pages: pages }, client));
}

/**
 * Submit a draft. `clientToken` is a random token (16–128 of A–Z a–z 0–9 _ -) made once per
 * check-your-answers page and sent with the form: resubmitting with the same token returns the
 * same receipt instead of creating a second application. A token belongs to one application:
 * using it for another one fails with token_reused. A new application is counted per client (a
 * repeat is not): over the hourly limit it fails with rate_limited and the draft stays as it was.
 */
export async function submitApplication(draftId: string, clientToken: string, clientKey: string, client?: SupabaseClient): Promise<Receipt> {
  return toReceipt(await call<ReceiptRow>('submit_application', { p_draft_id: draftId, p_client_token: clientToken, p_client_key: clientKey }, client));
}

/**
 * Submit a whole application at once (the JSON API and other channels): the answers by page name,
 * checked and normalised exactly as savePage does, in one transaction that leaves nothing behind
 * when it fails. Idempotent by `clientToken`: the same request again returns the first receipt with
 * `repeated: true`; the same token with a different request fails with token_reused. `channelId`
 * is the API channel whose key came with the request (src/data/api-keys.ts), recorded with the
 * application; a new application is counted per client (rate_limited over the hourly limit).
 */
export async function submitCompleteApplication(
  input: ServiceAndAction & { answers: Record<string, PageAnswers>; clientToken: string; clientKey: string; channelId: string },
  client?: SupabaseClient,
): Promise<Receipt> {
  return toReceipt(
    await call<ReceiptRow>(
      'submit_complete_application',
      {
        p_service: input.service, p_action: input.action ?? null, p_answers: input.answers, p_client_token: input.clientToken,
        p_client_key: input.clientKey, p_channel_id: input.channelId,
      },
      client,
    ),
  );
}

/**
 * Save and return: a new 8-character code for the draft (shown to the person once; only its hash
 * is kept). Asking again replaces the previous code. Fails with resume_fact_missing while the draft
 * has no ID number (neither applicant.id_number nor certificate.certificate_number), because the
 * last 4 characters of it are asked for with the code. Extends the draft like a save. The saving
 * client is known for the code: it can resume even when strangers used up the code's daily tries.
 */
export async function issueResumeCode(draftId: string, clientKey: string, client?: SupabaseClient): Promise<{ resumeCode: string; expiresAt: string }> {
  const row = await call<{ resume_code: string; expires_at: string }>('issue_resume_code', { p_draft_id: draftId, p_client_key: clientKey }, client);
  return { resumeCode: row.resume_code, expiresAt: row.expires_at };
}

/** Record a status change (staff). */
export async function recordStatus(
  input: { reference: string; status: string; note?: string },
  client?: SupabaseClient,
): Promise<{ reference: string; status: string; closed: boolean }> {
  return call('record_status', { p_reference: input.reference, p_status: input.status, p_note: input.note ?? null }, client);
}

/** How many drafts, applications and status events there are (numbers only: job logs, tests, load test). */
export async function intakeCounts(client?: SupabaseClient): Promise<IntakeCounts> {
  const row = await call<{ drafts: number; applications: number; status_events: number }>('intake_counts', {}, client);
  return { drafts: row.drafts, applications: row.applications, statusEvents: row.status_events };
}

/**
 * Delete expired drafts, applications past retention, old lookup failures, recognised clients not
 * seen for long, and submission counts past their window (scheduled job).
 */
export async function purgeExpired(client?: SupabaseClient): Promise<PurgeCounts> {
  return call<PurgeCounts>('purge_expired', {}, client);
}

/**
 * The figures of the intake policy that residents are told (intake.policy is their one source):
 * how long a draft is kept after its last save, and how long a throttled lookup must wait.
 */
export async function intakePolicy(client?: SupabaseClient): Promise<{ draftRetentionDays: number; lookupWindowMinutes: number }> {
  const row = await call<{ draft_retention_days: number; lookup_window_minutes: number }>('intake_policy', {}, client);
  return { draftRetentionDays: row.draft_retention_days, lookupWindowMinutes: row.lookup_window_minutes };
}
