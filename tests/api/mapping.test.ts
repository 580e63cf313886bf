import { describe, expect, it } from 'vitest';
import { ApplicationDataError } from '../../src/data/application-errors.ts';
import type { LookupResult, Receipt } from '../../src/data/applications.ts';
import { journeyContext } from '../../src/domain/applications/context.ts';
import { TEST_POLICY } from '../support/journey.ts';
import { handleApplicationsRequest, type ApiDependencies } from '../../functions/lib/api.ts';
import { APPLICANT_LAST4, CHINESE, site, transitApplication } from './support.ts';

/**
 * The failure paths that cannot be produced over HTTP against a healthy stand-in (503), and what
 * is logged: the handler in-process with the data layer replaced.
 */
const ctx = journeyContext(site, '2026-11-22', TEST_POLICY);

function handler(deps: Partial<ApiDependencies>, lines: string[] = []) {
  return (req: Request) => handleApplicationsRequest(req, { clientIp: '203.0.113.9', deps: { context: async () => ctx, log: (l) => lines.push(l), ...deps } });
}

const submitRequest = (body: unknown = transitApplication()) =>
  new Request('http://localhost/api/v1/applications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'mapping-test-key-0001' },
    body: JSON.stringify(body),
  });
const lookupRequest = () =>
  new Request('http://localhost/api/v1/applications/ABCDEFGH', { headers: { 'X-Id-Number-Last4': APPLICANT_LAST4 } });

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; errors?: { field: string }[] } }).error;
}

describe('data layer failures → status codes', () => {
  it.each([
    ['unavailable', 503],
    ['reference_exhausted', 503],
    ['token_reused', 409],
    ['draft_already_submitted', 409],
    ['invalid_id_number', 422],
    ['invalid_certificate_number', 422],
    ['certificate_mismatch', 422],
    ['incomplete_application', 422],
    ['invalid_answers', 422],
    ['unknown_service', 422],
    ['invalid_action', 422],
    ['invalid_token', 400],
  ] as const)('%s → %i', async (code, status) => {
    const lines: string[] = [];
    const response = await handler({ submit: async () => { throw new ApplicationDataError(code, ['applicant.id_number']); } }, lines)(submitRequest());
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const error = await errorOf(response);
    expect(error.message).toMatch(CHINESE);
    if (status === 503) {
      expect(response.headers.get('retry-after')).toBe('30');
      expect(lines).toEqual([`[api] POST 503 ${code}`]);
    } else expect(lines).toEqual([]);
    if (code === 'incomplete_application') expect(error.errors).toEqual([{ field: 'answers.applicant.id_number', message: expect.any(String) }]);
  });

  it('any other exception (network, a bug) → 503, never 500, and logs no personal data', async () => {
    const lines: string[] = [];
    const response = await handler({ submit: async () => { throw new TypeError('fetch failed 孙明 13712345678'); } }, lines)(submitRequest());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(lines.join('\n')).not.toMatch(/孙明|13712345678|fetch failed/);
  });

  it('the site configuration cannot be read → 503', async () => {
    const response = await handler({ context: async () => { throw new Error('ENOENT'); } })(submitRequest());
    expect(response.status).toBe(503);
  });

  it('a lookup that throws → 503; the data layer\'s answers → 404 / 429', async () => {
    expect((await handler({ lookup: async () => { throw new ApplicationDataError('unavailable'); } })(lookupRequest())).status).toBe(503);
    const failed: LookupResult = { ok: false, error: 'lookup_failed' };
    expect((await handler({ lookup: async () => failed })(lookupRequest())).status).toBe(404);
    const throttled = await handler({ lookup: async () => ({ ok: false, error: 'lookup_throttled' }) })(lookupRequest());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
  });

  it('the throttle key is a sha256 of the client address, never the address itself', async () => {
    let clientKey = '';
    await handler({ lookup: async (input) => { clientKey = input.clientKey; return { ok: false, error: 'lookup_failed' }; } })(lookupRequest());
    expect(clientKey).toMatch(/^[0-9a-f]{64}$/);
    expect(clientKey).not.toContain('203.0.113.9');
  });

  it('a repeat (repeated: true) → 200, a new one → 201', async () => {
    const receipt = (repeated: boolean): Receipt => ({ reference: 'ABCDEFGH', service: 'transit-card', action: 'new', status: 'received', submittedAt: '2026-11-22T01:00:00Z', repeated });
    expect((await handler({ submit: async () => receipt(false) })(submitRequest())).status).toBe(201);
    expect((await handler({ submit: async () => receipt(true) })(submitRequest())).status).toBe(200);
  });
});
