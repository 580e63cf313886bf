import type { SupabaseClient } from '@supabase/supabase-js';
import type { ServiceId, StatusEvent } from './applications.ts';
import { call } from './rpc.ts';

/**
 * The two ways back in with a code and a fact only the applicant knows (the last 4 characters of
 * the ID number): status lookup by reference, and resume by a saved draft's code. Failures come
 * back as values, not errors (the database keeps the failure record that throttling counts).
 */
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
  | { ok: false; error: 'lookup_failed' }
  | ({ ok: false; error: 'lookup_throttled' } & Throttled);

export type ResumeResult =
  | { ok: true; draftId: string; service: ServiceId; action: string | null; expiresAt: string }
  | { ok: false; error: 'resume_failed' }
  | ({ ok: false; error: 'resume_throttled' } & Throttled);

/**
 * Why a lookup or resume was refused without being tried: `client`, this client failed too often
 * lately (whatever it asked); `subject`, this reference or code had too many failures today (from
 * this client, or from everyone). `limit` is the number of failures that was reached.
 */
export interface Throttled {
  scope: 'client' | 'subject';
  limit: number;
  retryAfterSeconds: number;
}

function throttledOf(row: Record<string, unknown>): Throttled {
  const retry = Number(row['retry_after']);
  return {
    scope: row['scope'] === 'subject' ? 'subject' : 'client',
    limit: Number(row['limit']) || 0,
    retryAfterSeconds: Number.isInteger(retry) && retry > 0 ? retry : 900,
  };
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
  const row = await call<Record<string, unknown>>(
    'resume_draft',
    { p_code: input.code, p_fact: input.idNumberLast4, p_client_key: input.clientKey },
    client,
  );
  if (row['ok'] !== true) return row['error'] === 'resume_throttled' ? { ok: false, error: 'resume_throttled', ...throttledOf(row) } : { ok: false, error: 'resume_failed' };
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
  const row = await call<Record<string, unknown>>(
    'lookup_status',
    { p_reference: input.reference, p_fact: input.idNumberLast4, p_client_key: input.clientKey },
    client,
  );
  if (row['ok'] !== true) return row['error'] === 'lookup_throttled' ? { ok: false, error: 'lookup_throttled', ...throttledOf(row) } : { ok: false, error: 'lookup_failed' };
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

