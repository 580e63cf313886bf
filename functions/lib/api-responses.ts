import type { RateLimit } from '../../src/data/application-errors.ts';
import { waitAmount } from '../../src/domain/wait.ts';
import { apiSays, type ApiKey } from '../../src/i18n/text/api.ts';

/**
 * Responses of the JSON intake API: JSON bodies with a stable error code and a message in
 * Chinese, and the status each failure of the data layer means for a caller.
 */
export const MAX_BODY_BYTES = 64 * 1024;
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

export interface FieldProblem {
  field: string;
  message: string;
}

const BASE_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  readonly errors: FieldProblem[] | undefined;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}, errors?: FieldProblem[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
    this.errors = errors;
  }
}

/** An error whose code names its message in src/i18n/text/api.ts. */
export const apiError = (status: number, code: string & ApiKeySuffix, headers: Record<string, string> = {}, errors?: FieldProblem[], values: Record<string, string | number> = {}) =>
  new ApiError(status, code, apiSays(`api.${code}` as ApiKey, values), headers, errors);
type ApiKeySuffix = ApiKey extends `api.${infer S}` ? S : never;

export function errorResponse(error: ApiError): Response {
  const body: { code: string; message: string; errors?: FieldProblem[] } = { code: error.code, message: error.message };
  if (error.errors) body.errors = error.errors;
  return json(error.status, { error: body }, error.headers);
}

export const unavailable = (code: 'unavailable' | 'lookup_unavailable' | 'reference_exhausted' = 'unavailable') =>
  new ApiError(503, code === 'lookup_unavailable' ? 'unavailable' : code, apiSays(code === 'lookup_unavailable' ? 'api.lookup_unavailable' : 'api.unavailable'), { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) });

/** How long to wait, in the API's words ("15 分钟", "3 小时"). */
export function apiWait(seconds: number): string {
  const wait = waitAmount(seconds);
  return apiSays(wait.unit === 'minutes' ? 'api.wait.minutes' : 'api.wait.hours', { n: wait.n });
}

/** 429 with Retry-After (seconds) for an error whose message says how long to wait. */
export const tooMany = (code: 'rate_limited' | 'lookup_throttled' | 'reference_throttled', seconds: number, values: Record<string, string | number> = {}) =>
  apiError(429, code, { 'Retry-After': String(seconds) }, undefined, { ...values, wait: apiWait(seconds) });

const rateLimited = (limit: RateLimit | undefined) =>
  tooMany('rate_limited', limit?.retryAfterSeconds ?? 3600, { limit: limit?.limit ?? '', window: limit?.windowMinutes ?? 60 });

const field = (name: string, key: ApiKey): FieldProblem[] => [{ field: name, message: apiSays(key) }];

/** How the data layer's error codes reach a caller of the API. Exported for the unit tests. */
export function dataErrorToApiError(error: unknown): ApiError {
  const isDataError = error instanceof Error && error.name === 'ApplicationDataError';
  if (!isDataError) return unavailable();
  const code = String((error as { code?: unknown }).code ?? 'unavailable');
  const missing = Array.isArray((error as { missing?: unknown }).missing)
    ? (((error as unknown) as { missing: unknown[] }).missing.filter((m): m is string => typeof m === 'string'))
    : [];
  switch (code) {
    case 'token_reused':
      return apiError(409, 'token_reused');
    case 'rate_limited':
      return rateLimited((error as { rateLimit?: RateLimit }).rateLimit);
    case 'api_key_revoked':
    case 'api_key_not_found':
      // The channel's key was revoked between the key check and the submit.
      return apiError(401, 'api_key_revoked', { 'WWW-Authenticate': 'Bearer realm="api", error="invalid_token"' });
    case 'draft_already_submitted':
      return apiError(409, 'already_submitted');
    case 'invalid_token':
      return apiError(400, 'invalid_idempotency_key');
    case 'incomplete_application':
      return apiError(422, 'validation_failed', {}, (missing.length ? missing : ['answers']).map((m) => ({
        field: m === 'answers' || m.startsWith('answers.') ? m : `answers.${m}`,
        message: apiSays('api.field.missing'),
      })));
    case 'invalid_id_number':
      return apiError(422, 'validation_failed', {}, field('answers.applicant.id_number', 'api.field.idNumber'));
    case 'invalid_certificate_number':
    case 'certificate_mismatch':
      return apiError(422, 'validation_failed', {}, field('answers.certificate.certificate_number', 'api.field.certificateNumber'));
    case 'unknown_service':
      return apiError(422, 'validation_failed', {}, field('service', 'api.field.service'));
    case 'invalid_action':
      return apiError(422, 'validation_failed', {}, field('action', 'api.field.action'));
    case 'invalid_page':
    case 'invalid_answers':
      return apiError(422, 'validation_failed', {}, field('answers', 'api.field.answers'));
    case 'unavailable':
      return unavailable();
    case 'reference_exhausted':
      return unavailable('reference_exhausted');
    default:
      // A code this adapter does not know (a newer database): the request was refused, not lost.
      return new ApiError(422, code.replace(/[^a-z_]/g, '').slice(0, 64) || 'rejected', apiSays('api.rejected'));
  }
}
