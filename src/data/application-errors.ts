/**
 * Error codes raised by the intake SQL functions (SQLSTATE P0001, message = code). The app maps
 * each to a message in Chinese; 'unavailable' covers anything unexpected (network, server).
 */
export const APPLICATION_ERROR_CODES = [
  'unknown_service',
  'invalid_action',
  'draft_not_found',
  'draft_expired',
  'invalid_page',
  'invalid_answers',
  'invalid_id_number',
  'invalid_certificate_number',
  'invalid_token',
  'draft_already_submitted',
  'incomplete_application',
  'certificate_mismatch',
  'reference_exhausted',
  'application_not_found',
  'invalid_status',
  'invalid_transition',
  'invalid_note',
  'invalid_client_key',
  'resume_fact_missing',
  'token_reused',
  'rate_limited',
  'invalid_channel_name',
  'invalid_key_hash',
  'api_key_not_found',
  'api_key_revoked',
  'invalid_feedback',
  'feedback_not_found',
] as const;

export type ApplicationErrorCode = (typeof APPLICATION_ERROR_CODES)[number] | 'unavailable';

/** For rate_limited: how long to wait, and the limit that was reached (from intake.policy). */
export interface RateLimit {
  retryAfterSeconds: number;
  limit: number;
  windowMinutes: number;
}

export class ApplicationDataError extends Error {
  readonly code: ApplicationErrorCode;
  /** For incomplete_application: the missing parts, e.g. ['declaration', 'applicant.id_number']. */
  readonly missing: string[];
  /** For rate_limited. */
  readonly rateLimit: RateLimit | undefined;

  constructor(code: ApplicationErrorCode, missing: string[] = [], options?: ErrorOptions & { rateLimit?: RateLimit }) {
    super(code, options);
    this.name = 'ApplicationDataError';
    this.code = code;
    this.missing = missing;
    this.rateLimit = options?.rateLimit;
  }
}

/** rate_limited's detail: {"retry_after", "limit", "window_minutes"}; a wait of an hour if unreadable. */
function rateLimitOf(details: string | null | undefined): RateLimit {
  let value: Record<string, unknown> = {};
  try {
    value = JSON.parse(details ?? '') as Record<string, unknown>;
  } catch {
    // keep the defaults below
  }
  const positive = (n: unknown, fallback: number) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback);
  return {
    retryAfterSeconds: positive(value['retry_after'], 3600),
    limit: positive(value['limit'], 0),
    windowMinutes: positive(value['window_minutes'], 60),
  };
}

/** Turn a PostgREST error into an ApplicationDataError; its message never holds personal data. */
export function toApplicationError(error: { code?: string; message?: string; details?: string | null }): ApplicationDataError {
  const known = (APPLICATION_ERROR_CODES as readonly string[]).includes(error.message ?? '');
  if (error.code === 'P0001' && known) {
    const code = error.message as ApplicationErrorCode;
    const missing = code === 'incomplete_application' && error.details ? error.details.split(',') : [];
    if (code === 'rate_limited') return new ApplicationDataError(code, [], { rateLimit: rateLimitOf(error.details) });
    return new ApplicationDataError(code, missing);
  }
  return new ApplicationDataError('unavailable', [], { cause: { code: error.code } });
}
