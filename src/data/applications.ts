import type { SupabaseClient } from '@supabase/supabase-js';
import { ApplicationDataError, toApplicationError } from './application-errors.ts';
import { getSupabase } from './supabase-client.ts';

/**
 * Typed calls of the intake SQL functions (supabase/migrations/*_intake_*.sql). Each takes an
 * optional client (tests pass one); by default the shared server client is used.
 */
export type ServiceId = 'certificate' | 'assistive-devices' | 'transit-card';
export type CertificateAction = 'new' | 'renewal' | 'replacement' | 'damaged' | 'change' | 'transfer';
export type TransitCardAction = 'new' | 'replacement';
export type StepAnswers = Record<string, unknown>;

export interface Draft {
  draftId: string;
  service: ServiceId;
  action: string | null;
  /** Answers by step name (only from getDraft). */
  answers: Record<string, StepAnswers>;
  expiresAt: string;
  /** Required steps not answered yet. */
  missingSteps: string[];
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

export interface PurgeCounts {
  drafts: number;
  applications: number;
  lookup_failures: number;
}

async function call<T>(fn: string, args: Record<string, unknown>, client?: SupabaseClient): Promise<T> {
  const supabase = client ?? (await getSupabase());
  let response;
  try {
    response = await supabase.rpc(fn, args);
  } catch (cause) {
    throw new ApplicationDataError('unavailable', [], { cause });
  }
  if (response.error) throw toApplicationError(response.error);
  return response.data as T;
}

interface DraftRow {
  draft_id: string;
  service: ServiceId;
  action: string | null;
  answers?: Record<string, StepAnswers>;
  expires_at: string;
  missing_steps: string[];
}

function toDraft(row: DraftRow): Draft {
  return {
    draftId: row.draft_id,
    service: row.service,
    action: row.action,
    answers: row.answers ?? {},
    expiresAt: row.expires_at,
    missingSteps: row.missing_steps,
  };
}

export async function createDraft(
  input: { service: 'certificate'; action: CertificateAction } | { service: 'transit-card'; action: TransitCardAction } | { service: 'assistive-devices' },
  client?: SupabaseClient,
): Promise<Draft> {
  const action = 'action' in input ? input.action : null;
  return toDraft(await call<DraftRow>('create_draft', { p_service: input.service, p_action: action }, client));
}

export async function getDraft(draftId: string, client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call<DraftRow>('get_draft', { p_draft_id: draftId }, client));
}

/** Save (replace) one step's answers. Returns the draft without answers. */
export async function saveStep(draftId: string, step: string, answers: StepAnswers, client?: SupabaseClient): Promise<Draft> {
  return toDraft(await call<DraftRow>('save_step', { p_draft_id: draftId, p_step: step, p_answers: answers }, client));
}

/**
 * Submit a draft. `clientToken` is a random token (16–128 of A–Z a–z 0–9 _ -) made once per
 * check-your-answers page and sent with the form: resubmitting with the same token returns the
 * same receipt instead of creating a second application.
 */
export async function submitApplication(draftId: string, clientToken: string, client?: SupabaseClient): Promise<Receipt> {
  const row = await call<{
    reference: string;
    service: ServiceId;
    action: string | null;
    status: string;
    submitted_at: string;
    repeated: boolean;
  }>('submit_application', { p_draft_id: draftId, p_client_token: clientToken }, client);
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
 * Look up an application's status with its reference and the last 4 characters of the applicant's
 * ID number. `clientKey` identifies the caller for throttling (e.g. the IP address); the database
 * stores only a peppered hash of it. Failures come back as values, not errors.
 */
export async function lookupStatus(
  input: { reference: string; idNumberLast4: string; clientKey: string },
  client?: SupabaseClient,
): Promise<LookupResult> {
  const row = await call<Record<string, unknown>>(
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

/** Delete expired drafts, applications past retention and old lookup failures (scheduled job). */
export async function purgeExpired(client?: SupabaseClient): Promise<PurgeCounts> {
  return call<PurgeCounts>('purge_expired', {}, client);
}
