import type { SupabaseClient } from '@supabase/supabase-js';
import { ApplicationDataError, toApplicationError } from './application-errors.ts';
import type { Database, Json } from './database.types.ts';
import { getSupabase } from './supabase-client.ts';

/**
 * Typed calls of the intake SQL functions (supabase/migrations/*_intake_*.sql). Each takes an
 * optional client (tests pass one); by default the shared server client is used.
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

export type LookupResult =
  | {
      ok: true;
      reference: string;
      service: ServiceId;
      serviceLabel: string;
      action: string | null;
      actionLabel: string | null;
      status: string;
      statusLabel: string;
      closed: boolean;
      submittedAt: string;
      history: StatusEvent[];
    }
  | { ok: false; error: 'lookup_failed' | 'lookup_throttled' };

export type ResumeResult =
  | { ok: true; draftId: string; service: ServiceId; action: string | null; expiresAt: string }
  | { ok: false; error: 'resume_failed' | 'resume_throttled' };

export interface IntakeCounts {
  drafts: number;
  applications: number;
  statusEvents: number;
}

export interface PurgeCounts {
  drafts: number;
  applications: number;
  lookup_failures: number;
}

type Functions = Database['public']['Functions'];
/**
 * A function's arguments by the names the migrations give them (src/data/database.types.ts, in the
 * shape `supabase gen types typescript` writes): a renamed or missing parameter fails the type
 * check. Every SQL function checks its own arguments, so each may also be sent as null.
 */
type Args<F extends keyof Functions> = { [K in keyof Functions[F]['Args']]: Arg<Functions[F]['Args'][K]> };
/** A jsonb parameter takes any value supabase-js can send as JSON (answers are checked by the SQL). */
type Arg<T> = Json extends T ? unknown : T | null;
/** What each function returns (jsonb, so the generated types say only Json). */
interface Returns {
  create_draft: DraftRow;
  get_draft: DraftRow;
  save_page: DraftRow;
  set_draft_action: DraftRow;
  remove_pages: DraftRow;
  submit_application: ReceiptRow;
  submit_complete_application: ReceiptRow;
  issue_resume_code: { resume_code: string; expires_at: string };
  resume_draft: Record<string, unknown>;
  lookup_status: Record<string, unknown>;
  record_status: { reference: string; status: string; closed: boolean };
  intake_counts: { drafts: number; applications: number; status_events: number };
  purge_expired: PurgeCounts;
  intake_policy: { draft_retention_days: number; lookup_window_minutes: number };
}

async function call<F extends keyof Returns & keyof Functions>(fn: F, args: Args<F>, client?: SupabaseClient): Promise<Returns[F]> {
  const supabase = client ?? (await getSupabase());
  let response;
  try {
    response = await supabase.rpc(fn, args);
  } catch (cause) {
    throw new ApplicationDataError('unavailable', [], { cause });
  }
  if (response.error) throw toApplicationError(response.error);
  return response.data as Returns[F];
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

/** Start a draft; the action may be chosen now or later with setDraftAction. */
export async function createDraft(input: ServiceAndAction, client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call('create_draft', { p_service: input.service, p_action: input.action ?? null }, client));
}

export async function getDraft(draftId: string, client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call('get_draft', { p_draft_id: draftId }, client));
}

/**
 * Save (replace) one page's answers and, in the same call and transaction, remove the answers of
 * pages that no longer apply after it (`removePages`, see removePages). Returns the draft without
 * answers.
 */
export async function savePage(draftId: string, page: string, answers: PageAnswers, client?: SupabaseClient, removePages: string[] = []): Promise<Draft> {
  return toDraft(await call('save_page', { p_draft_id: draftId, p_page: page, p_answers: answers, p_remove_pages: removePages }, client));
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
  return toDraft(await call('set_draft_action', { p_draft_id: draftId, p_action: action, p_remove_pages: removePages }, client));
}

/**
 * Remove the answers of pages that no longer apply after an answer changed (e.g. the agent page
 * after switching to "for myself"). Every name must be a page of the service (invalid_page
 * otherwise); pages never answered are simply absent. Returns the draft without answers.
 */
export async function removePages(draftId: string, pages: string[], client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call('remove_pages', { p_draft_id: draftId, p_pages: pages }, client));
}

/**
 * Submit a draft. `clientToken` is a random token (16–128 of A–Z a–z 0–9 _ -) made once per
 * check-your-answers page and sent with the form: resubmitting with the same token returns the
 * same receipt instead of creating a second application. A token belongs to one application:
 * using it for another one fails with token_reused.
 */
export async function submitApplication(draftId: string, clientToken: string, client?: SupabaseClient): Promise<Receipt> {
  return toReceipt(await call('submit_application', { p_draft_id: draftId, p_client_token: clientToken }, client));
}

/**
 * Submit a whole application at once (the JSON API and other channels): the answers by page name,
 * checked and normalised exactly as savePage does, in one transaction that leaves nothing behind
 * when it fails. Idempotent by `clientToken`: the same request again returns the first receipt with
 * `repeated: true`; the same token with a different request fails with token_reused.
 */
export async function submitCompleteApplication(
  input: ServiceAndAction & { answers: Record<string, PageAnswers>; clientToken: string },
  client?: SupabaseClient,
): Promise<Receipt> {
  return toReceipt(
    await call(
      'submit_complete_application',
      { p_service: input.service, p_action: input.action ?? null, p_answers: input.answers, p_client_token: input.clientToken },
      client,
    ),
  );
}

/**
 * Save and return: a new 8-character code for the draft (shown to the person once; only its hash
 * is kept). Asking again replaces the previous code. Fails with resume_fact_missing while the draft
 * has no ID number (neither applicant.id_number nor certificate.certificate_number), because the
 * last 4 characters of it are asked for with the code. Extends the draft like a save.
 */
export async function issueResumeCode(draftId: string, client?: SupabaseClient): Promise<{ resumeCode: string; expiresAt: string }> {
  const row = await call('issue_resume_code', { p_draft_id: draftId }, client);
  return { resumeCode: row.resume_code, expiresAt: row.expires_at };
}

/**
 * Continue a draft with its resume code and the last 4 characters of the applicant's ID number.
 * Throttled and answered like lookupStatus: an unknown code, an expired draft and a wrong fact all
 * give resume_failed; failures come back as values, not errors. `clientKey` as for lookupStatus.
 */
export async function resumeDraft(
  input: { code: string; idNumberLast4: string; clientKey: string },
  client?: SupabaseClient,
): Promise<ResumeResult> {
  const row = await call(
    'resume_draft',
    { p_code: input.code, p_fact: input.idNumberLast4, p_client_key: input.clientKey },
    client,
  );
  if (row['ok'] !== true) return { ok: false, error: row['error'] === 'resume_throttled' ? 'resume_throttled' : 'resume_failed' };
  return {
    ok: true,
    draftId: row['draft_id'] as string,
    service: row['service'] as ServiceId,
    action: (row['action'] as string | null) ?? null,
    expiresAt: row['expires_at'] as string,
  };
}

/**
 * Look up an application's status with its reference and the last 4 characters of the applicant's
 * ID number. `clientKey` identifies the caller for throttling (e.g. the IP address); the database
 * stores only a peppered hash of it. Failures come back as values, not errors.
 */
export async function lookupStatus(
  input: { reference: string; idNumberLast4: string; clientKey: string },
  client?: SupabaseClient,
): Promise<LookupResult> {
  const row = await call(
    'lookup_status',
    { p_reference: input.reference, p_fact: input.idNumberLast4, p_client_key: input.clientKey },
    client,
  );
  if (row['ok'] !== true) return { ok: false, error: row['error'] === 'lookup_throttled' ? 'lookup_throttled' : 'lookup_failed' };
  return {
    ok: true,
    reference: row['reference'] as string,
    service: row['service'] as ServiceId,
    serviceLabel: row['service_label'] as string,
    action: (row['action'] as string | null) ?? null,
    actionLabel: (row['action_label'] as string | null) ?? null,
    status: row['status'] as string,
    statusLabel: row['status_label'] as string,
    closed: row['closed'] as boolean,
    submittedAt: row['submitted_at'] as string,
    history: row['history'] as StatusEvent[],
  };
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
  const row = await call('intake_counts', {}, client);
  return { drafts: row.drafts, applications: row.applications, statusEvents: row.status_events };
}

/** Delete expired drafts, applications past retention and old lookup failures (scheduled job). */
export async function purgeExpired(client?: SupabaseClient): Promise<PurgeCounts> {
  return call('purge_expired', {}, client);
}

/**
 * The figures of the intake policy that residents are told (intake.policy is their one source):
 * how long a draft is kept after its last save, and how long a throttled lookup must wait.
 */
export async function intakePolicy(client?: SupabaseClient): Promise<{ draftRetentionDays: number; lookupWindowMinutes: number }> {
  const row = await call('intake_policy', {}, client);
  return { draftRetentionDays: row.draft_retention_days, lookupWindowMinutes: row.lookup_window_minutes };
}
