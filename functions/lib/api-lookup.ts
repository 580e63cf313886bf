import type { LookupResult } from '../../src/data/applications.ts';
import { parseCode, parseIdFact } from '../../src/domain/applications/codes.ts';
import { clientKeyOf } from '../../src/lib/client-key.ts';
import { ApiError, apiError, json, tooMany, unavailable } from './api-responses.ts';

/**
 * GET /api/v1/applications/{reference}: its status, with the last 4 characters of the
 * applicant's ID number in the X-Id-Number-Last4 header (never in the URL). References and facts
 * are parsed as the /status/ page parses them (codes.ts), and throttled as it is (one client key
 * for both doors): 429 lookup_throttled when this client failed too often lately,
 * reference_throttled when the reference had too many failures today; Retry-After says when the
 * next try will be heard.
 */
export interface LookupDependencies {
  lookup(input: { reference: string; idNumberLast4: string; clientKey: string }): Promise<LookupResult>;
}

export async function lookup(req: Request, segment: string, clientIp: string, deps: LookupDependencies): Promise<Response> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw apiError(400, 'invalid_reference');
  }
  const reference = parseCode(decoded);
  if (!reference.ok) throw apiError(400, 'invalid_reference');
  const fact = parseIdFact(req.headers.get('x-id-number-last4') ?? '');
  if (!fact.ok) throw apiError(400, 'invalid_lookup_fact');

  let result: LookupResult;
  try {
    result = await deps.lookup({ reference: reference.value, idNumberLast4: fact.value, clientKey: clientKeyOf(clientIp) });
  } catch {
    throw unavailable('lookup_unavailable');
  }
  if (!result.ok) {
    if (result.error === 'lookup_throttled') {
      throw tooMany(result.scope === 'subject' ? 'reference_throttled' : 'lookup_throttled', result.retryAfterSeconds);
    }
    throw apiError(404, 'lookup_failed');
  }
  return json(200, {
    reference: result.reference,
    service: result.service,
    service_label: result.serviceLabel,
    action: result.action,
    action_label: result.actionLabel,
    status: result.status,
    status_label: result.statusLabel,
    closed: result.closed,
    submitted_at: result.submittedAt,
    history: (result.history ?? []).map((e) => ({ status: e.status, label: e.label, note: e.note, at: e.at })),
  });
}

export { ApiError };
