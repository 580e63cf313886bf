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
] as const;

export type ApplicationErrorCode = (typeof APPLICATION_ERROR_CODES)[number] | 'unavailable';

export class ApplicationDataError extends Error {
  readonly code: ApplicationErrorCode;
  /** For incomplete_application: the missing parts, e.g. ['declaration', 'applicant.id_number']. */
  readonly missing: string[];

  constructor(code: ApplicationErrorCode, missing: string[] = [], options?: ErrorOptions) {
    super(code, options);
    this.name = 'ApplicationDataError';
    this.code = code;
    this.missing = missing;
  }
}

/** Turn a PostgREST error into an ApplicationDataError; its message never holds personal data. */
export function toApplicationError(error: { code?: string; message?: string; details?: string | null }): ApplicationDataError {
  const known = (APPLICATION_ERROR_CODES as readonly string[]).includes(error.message ?? '');
  if (error.code === 'P0001' && known) {
    const code = error.message as ApplicationErrorCode;
    const missing = code === 'incomplete_application' && error.details ? error.details.split(',') : [];
    return new ApplicationDataError(code, missing);
  }
  return new ApplicationDataError('unavailable', [], { cause: { code: error.code } });
}
