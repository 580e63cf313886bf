import type { SupabaseClient } from '@supabase/supabase-js';
import { getSupabase } from './supabase-client.ts';
import { staffClient } from './staff-auth.ts';
import type { DashboardCounts } from '../domain/staff/dashboard.ts';

/**
 * The staff workspace's calls of the database (supabase/migrations/20251202*_staff_*.sql). Every
 * read and decision runs with the staff member's own access token, so row-level security decides
 * what they see; the secret key is used only for sign-in throttling (before anyone is signed in).
 */
export const STAFF_ERROR_CODES = [
  'not_staff', 'not_allowed', 'application_not_found', 'invalid_transition', 'note_required', 'note_too_long',
  'note_personal_data', 'decision_conflict', 'invalid_assignee', 'invalid_search', 'invalid_staff', 'draft_not_found',
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
    assign: (id: string, version: number, user: string | null) => call<{ assigned_to: string | null; version: number }>(client, 'staff_assign', { p_id: id, p_version: version, p_user: user }),
    colleagues: () => call<StaffMember[]>(client, 'staff_colleagues', {}),
    claimCounterDraft: (draftId: string) => call<unknown>(client, 'staff_claim_counter_draft', { p_draft_id: draftId }),
    members: () => call<StaffMember[]>(client, 'staff_members_list', {}),
    saveMember: (m: Omit<StaffMember, 'created_at'>) =>
      call<StaffMember>(client, 'staff_member_save', { p_user_id: m.user_id, p_display_name: m.display_name, p_role: m.role, p_township: m.township, p_active: m.active }),
    /** Records (and checks) an administrator's reset of a colleague's authenticator. */
    factorReset: (userId: string) => call<unknown>(client, 'staff_member_factor_reset', { p_user_id: userId }),
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
