import type { SupabaseClient } from '@supabase/supabase-js';
import { getSupabase } from './supabase-client.ts';
import { staffClient } from './staff-auth.ts';
import type { ExportRow } from '../domain/staff/export-columns.ts';
import type { DashboardCounts } from '../domain/staff/dashboard.ts';

/**
 * The staff workspace's calls of the database (supabase/migrations/20251202*_staff_*.sql). Every
 * read and decision runs with the staff member's own access token, so row-level security decides
 * what they see; the secret key is used only for sign-in throttling (before anyone is signed in).
 */
export const STAFF_ERROR_CODES = [
  'not_staff', 'not_allowed', 'application_not_found', 'invalid_transition', 'note_required', 'note_too_long',
  'note_personal_data', 'decision_conflict', 'invalid_assignee', 'invalid_search', 'invalid_staff', 'draft_not_found',
  // 公示 (migration 20251220000200).
  'notice_minor', 'notice_details_required', 'invalid_notice', 'notice_not_found', 'invalid_objection', 'objection_date',
  'export_full_not_allowed', 'invalid_export', 'export_not_found',
  'invalid_period',
] as const;
export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number] | 'unauthorised' | 'unavailable';

export class StaffDataError extends Error {
  constructor(readonly code: StaffErrorCode) {
    super(code);
    this.name = 'StaffDataError';
  }
}

async function call<T>(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
  let response;
  try {
    response = await client.rpc(fn, args);
  } catch {
    throw new StaffDataError('unavailable');
  }
  if (response.error) {
    const message = response.error.message;
    if (response.error.code === 'P0001' && (STAFF_ERROR_CODES as readonly string[]).includes(message)) throw new StaffDataError(message as StaffErrorCode);
    if (response.status === 401 || response.status === 403 || response.error.code === '42501') throw new StaffDataError('unauthorised');
    throw new StaffDataError('unavailable');
  }
  return response.data as T;
}

export type StaffRole = 'clerk' | 'reviewer' | 'officer' | 'admin';

export interface StaffMe {
  user_id: string;
  display_name?: string;
  role: StaffRole | null;
  township?: string | null;
  active: boolean;
  aal2: boolean;
}

export interface QueueRow {
  id: string;
  reference: string;
  service: string;
  action: string | null;
  status: string;
  township: string | null;
  channel: string;
  submitted_at: string;
  updated_at: string;
  assigned_to: string | null;
  /** Masked: 王*华. */
  name: string;
  /** When it entered its status (the latest status event of it), for the step's deadline. */
  status_since: string;
  closed_at: string | null;
}

export interface QueueFilters {
  service?: string | undefined;
  action?: string | undefined;
  status?: string | undefined;
  township?: string | undefined;
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  /** Open applications not touched since then (overdue). */
  staleBefore?: string | undefined;
  page?: number | undefined;
}

export interface QueuePage {
  total: number;
  page: number;
  page_size: number;
  counts: Record<string, number>;
  rows: QueueRow[];
}

export interface HistoryEntry {
  status: string;
  note: string | null;
  internal_note: string | null;
  actor: string | null;
  actor_name: string | null;
  at: string;
}

export interface StaffApplication extends Omit<QueueRow, 'name'> {
  entered_by: string | null;
  version: number;
  closed_at: string | null;
  answers: Record<string, Record<string, string | string[]>>;
  id_number_masked: string;
  history: HistoryEntry[];
  /** The statuses this staff member may move it to now. */
  next: string[];
}

/** An application's 公示 and the objections recorded against it. */
export interface StaffNotice {
  id: string;
  name: string;
  township: string | null;
  category: number;
  grade: number;
  posted_on: string;
  starts_on: string;
  ends_on: string;
  working_days: number;
  /** The period is over (the notice is off the public page). */
  completed: boolean;
  objections: {
    received_on: string;
    summary: string;
    outcome: 'pending' | 'upheld' | 'dismissed';
    outcome_note: string | null;
    recorded_by: string;
    recorded_by_name: string | null;
    recorded_at: string;
  }[];
}

export interface AuditRow {
  at: string;
  actor: string;
  actor_name: string | null;
  actor_role: string;
  action: string;
  application: string | null;
  reference: string | null;
  detail: Record<string, unknown>;
}

export interface StaffMember {
  user_id: string;
  display_name: string;
  role: StaffRole;
  township: string | null;
  active: boolean;
  created_at?: string;
}

/** What an export selects: the queue's filters and its column set's own services and statuses. */
export interface ExportFilters {
  service?: string; action?: string; status?: string; township?: string;
  submitted_from?: string; submitted_to?: string; stale_before?: string;
  services?: readonly string[]; statuses?: readonly string[];
}

export interface ExportStarted {
  id: string;
  /** Rows selected when it started (also in the audit log). */
  rows: number;
  full: boolean;
}

/** The workspace's database calls for one signed-in staff member. */
export function staffData(accessToken: string) {
  const client = staffClient(accessToken);
  return {
    me: () => call<StaffMe>(client, 'staff_me', {}),
    queue: (f: QueueFilters) => call<QueuePage>(client, 'staff_queue', {
      p_service: f.service ?? null, p_action: f.action ?? null, p_status: f.status ?? null, p_township: f.township ?? null,
      p_submitted_from: f.submittedFrom ?? null, p_submitted_to: f.submittedTo ?? null, p_stale_before: f.staleBefore ?? null,
      p_page: f.page ?? 1, p_page_size: 25,
    }),
    search: (query: string) => call<QueueRow[]>(client, 'staff_search', { p_query: query }),
    application: (id: string) => call<StaffApplication>(client, 'staff_application', { p_id: id }),
    revealId: (id: string) => call<{ id_number: string }>(client, 'staff_reveal_id', { p_id: id }),
    decide: (id: string, version: number, to: string, note: string, internalNote: string) =>
      call<{ status: string; version: number; closed: boolean }>(client, 'staff_decide', { p_id: id, p_version: version, p_to_status: to, p_note: note, p_internal_note: internalNote }),
    /** The 公示 of an application, if any, and whether its applicant is a minor (no 公示). */
    notice: (id: string) => call<{ notice: StaffNotice | null; minor: boolean }>(client, 'staff_notice', { p_id: id }),
    startNotice: (id: string, version: number, category: number, grade: number, workingDays: number, internalNote: string) =>
      call<{ status: string; version: number; starts_on: string; ends_on: string }>(client, 'staff_notice_start', {
        p_id: id, p_version: version, p_category: category, p_grade: grade, p_working_days: workingDays, p_internal_note: internalNote || null,
      }),
    recordObjection: (id: string, receivedOn: string, summary: string, outcome: string, outcomeNote: string) =>
      call<unknown>(client, 'staff_notice_objection', { p_id: id, p_received_on: receivedOn, p_summary: summary, p_outcome: outcome, p_outcome_note: outcomeNote || null }),
    assign: (id: string, version: number, user: string | null) => call<{ assigned_to: string | null; version: number }>(client, 'staff_assign', { p_id: id, p_version: version, p_user: user }),
    colleagues: () => call<StaffMember[]>(client, 'staff_colleagues', {}),
    claimCounterDraft: (draftId: string) => call<unknown>(client, 'staff_claim_counter_draft', { p_draft_id: draftId }),
    members: () => call<StaffMember[]>(client, 'staff_members_list', {}),
    saveMember: (m: Omit<StaffMember, 'created_at'>) =>
      call<StaffMember>(client, 'staff_member_save', { p_user_id: m.user_id, p_display_name: m.display_name, p_role: m.role, p_township: m.township, p_active: m.active }),
    /** Records (and checks) an administrator's reset of a colleague's authenticator. */
    factorReset: (userId: string) => call<unknown>(client, 'staff_member_factor_reset', { p_user_id: userId }),
    /** Starts an export (checked, counted, recorded and audited in one transaction). */
    exportStart: (columnSet: string, format: 'csv' | 'xlsx', full: boolean, filters: ExportFilters) =>
      call<ExportStarted>(client, 'staff_export_start', { p_column_set: columnSet, p_format: format, p_full: full, p_filters: filters }),
    /** One page of an export's rows after the last one read (keyset: submitted_at, id). */
    exportRows: (exportId: string, after: { at: string; id: string } | null, limit = 500) =>
      call<ExportRow[]>(client, 'staff_export_rows', { p_export: exportId, p_after_at: after?.at ?? null, p_after_id: after?.id ?? null, p_limit: limit }),
    /** The service dashboard's counts for the days from … to (China), overdue meaning untouched since staleBefore. */
    dashboard: (from: string, to: string, staleBefore: string) =>
      call<DashboardCounts>(client, 'staff_dashboard', { p_from: from, p_to: to, p_stale_before: staleBefore }),
    audit: (page: number) => call<{ page: number; rows: AuditRow[] }>(client, 'staff_audit', { p_page: page, p_application: null }),
  };
}
export type StaffData = ReturnType<typeof staffData>;

/** Sign-in throttling, per account and per client (secret key: nobody is signed in yet). */
export const signInThrottle = {
  async allowed(account: string, clientKey: string): Promise<{ allowed: boolean; retryAfter: number }> {
    const row = await call<{ allowed: boolean; retry_after: number }>(await getSupabase(), 'sign_in_allowed', { p_account: account, p_client_key: clientKey });
    return { allowed: row.allowed, retryAfter: row.retry_after };
  },
  async failed(account: string, clientKey: string): Promise<void> {
    await call(await getSupabase(), 'sign_in_failed', { p_account: account, p_client_key: clientKey });
  },
  async succeeded(account: string): Promise<void> {
    await call(await getSupabase(), 'sign_in_succeeded', { p_account: account });
  },
};
