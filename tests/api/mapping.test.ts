import { describe, expect, it, vi } from 'vitest';
import { ApplicationDataError } from '../../src/data/application-errors.ts';
import type { LookupResult, Receipt } from '../../src/data/applications.ts';
import { journeyContext } from '../../src/domain/applications/context.ts';
import { TEST_POLICY } from '../support/journey.ts';
import { handleApplicationsRequest, type ApiDependencies } from '../../functions/lib/api.ts';
import { REMEMBER_KEY_MS } from '../../functions/lib/api-auth.ts';
import { APPLICANT_LAST4, CHINESE, site, transitApplication } from './support.ts';

/**
 * The failure paths that cannot be produced over HTTP against a healthy stand-in (503), and what
 * is logged: the handler in-process with the data layer replaced.
 */
const ctx = journeyContext(site, '2026-11-22', TEST_POLICY);

const KEY = `clk_${'k'.repeat(43)}`;
const CHANNEL = '7d0c6f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f';
const live = async () => ({ ok: true as const, channelId: CHANNEL, name: '测试渠道' });

function handler(deps: Partial<ApiDependencies>, lines: string[] = []) {
  return (req: Request) =>
    handleApplicationsRequest(req, { clientIp: '203.0.113.9', deps: { context: async () => ctx, authenticate: live, log: (l) => lines.push(l), ...deps } });
}

const submitRequest = (body: unknown = transitApplication()) =>
  new Request('http://localhost/api/v1/applications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'mapping-test-key-0001', Authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
  });
const lookupRequest = () =>
  new Request('http://localhost/api/v1/applications/ABCDEFGH', { headers: { 'X-Id-Number-Last4': APPLICANT_LAST4, Authorization: `Bearer ${KEY}` } });

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
    ['rate_limited', 429],
    ['api_key_revoked', 401],
    ['api_key_not_found', 401],
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
    const throttled = await handler({ lookup: async () => ({ ok: false, error: 'lookup_throttled', scope: 'client', limit: 5, retryAfterSeconds: 420 }) })(lookupRequest());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('420');
    expect(await errorOf(throttled)).toMatchObject({ code: 'lookup_throttled', message: expect.stringContaining('请 7 分钟后再试') });
    const today = await handler({ lookup: async () => ({ ok: false, error: 'lookup_throttled', scope: 'subject', limit: 10, retryAfterSeconds: 5 * 3600 + 1 }) })(lookupRequest());
    expect(today.headers.get('retry-after')).toBe(String(5 * 3600 + 1));
    expect(await errorOf(today)).toMatchObject({ code: 'reference_throttled', message: expect.stringContaining('请 6 小时后再试') });
  });

  it('rate_limited → 429 with the database\'s wait as Retry-After and in words', async () => {
    const limited = new ApplicationDataError('rate_limited', [], { rateLimit: { retryAfterSeconds: 1500, limit: 30, windowMinutes: 60 } });
    const response = await handler({ submit: async () => { throw limited; } })(submitRequest());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1500');
    expect((await errorOf(response)).message).toContain('60 分钟内提交的申请太多了（最多 30 份），这份申请没有提交。请 25 分钟后');
  });

  it('every request needs a key; the key check failing → 503; the key is never logged', async () => {
    const lines: string[] = [];
    let submits = 0;
    const submit = async () => { submits++; throw new Error('not reached'); };
    const unknown = await handler({ authenticate: async () => ({ ok: false, error: 'api_key_unknown' }), submit }, lines)(submitRequest());
    expect(unknown.status).toBe(401);
    expect((await errorOf(unknown)).code).toBe('api_key_invalid');
    const revoked = await handler({ authenticate: async () => ({ ok: false, error: 'api_key_revoked' }), submit }, lines)(lookupRequest());
    expect((await errorOf(revoked)).code).toBe('api_key_revoked');
    const down = await handler({ authenticate: async () => { throw new ApplicationDataError('unavailable'); }, submit }, lines)(submitRequest());
    expect(down.status).toBe(503);
    expect(submits).toBe(0);
    expect(lines).toEqual(['[api] POST 503 unavailable']);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('the application is submitted for the key\'s channel, counted by a hash of the address', async () => {
    let input: { channelId: string; clientKey: string } | undefined;
    const receipt: Receipt = { reference: 'ABCDEFGH', service: 'transit-card', action: 'new', status: 'received', submittedAt: '2026-11-22T01:00:00Z', repeated: false };
    await handler({ submit: async (i) => { input = i; return receipt; } })(submitRequest());
    expect(input?.channelId).toBe(CHANNEL);
    expect(input?.clientKey).toMatch(/^[0-9a-f]{64}$/);
    expect(input?.clientKey).not.toContain('203.0.113.9');
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

describe('keys found valid, remembered for submits (functions/lib/api-auth.ts)', () => {
  const receipt: Receipt = { reference: 'ABCDEFGH', service: 'transit-card', action: 'new', status: 'received', submittedAt: '2026-11-22T01:00:00Z', repeated: false };
  const counting = (answer: () => Promise<{ ok: true; channelId: string; name: string } | { ok: false; error: 'api_key_unknown' | 'api_key_revoked' }>) => {
    const calls = { n: 0 };
    return { calls, authenticate: async () => { calls.n++; return answer(); } };
  };

  it('asks the database once per minute for a busy channel\'s submits, the channel still given to each submit', async () => {
    const { calls, authenticate } = counting(live);
    const channels: string[] = [];
    const send = handler({ authenticate, submit: async (i) => { channels.push(i.channelId); return receipt; } });
    for (let i = 0; i < 5; i++) expect((await send(submitRequest())).status).toBe(201);
    expect(calls.n).toBe(1);
    expect(channels).toEqual(Array(5).fill(CHANNEL));
  });

  it('asks again for every status lookup, so a revoked key is refused at once there', async () => {
    const { calls, authenticate } = counting(live);
    const send = handler({ authenticate, submit: async () => receipt, lookup: async () => ({ ok: false, error: 'lookup_failed' }) });
    await send(submitRequest());
    await send(lookupRequest());
    await send(lookupRequest());
    expect(calls.n).toBe(3);
  });

  it('never remembers an unknown or revoked key: each request asks, and is refused before its body is read', async () => {
    const { calls, authenticate } = counting(async () => ({ ok: false, error: 'api_key_unknown' }));
    let submits = 0;
    const send = handler({ authenticate, submit: async () => { submits++; return receipt; } });
    for (let i = 0; i < 3; i++) expect((await send(submitRequest({ not: 'valid' }))).status).toBe(401);
    expect([calls.n, submits]).toEqual([3, 0]);
  });

  it('forgets a key the database refuses as revoked at the submit, so the next request asks again', async () => {
    const { calls, authenticate } = counting(live);
    let revoked = false;
    const send = handler({
      authenticate,
      submit: async () => {
        if (revoked) throw new ApplicationDataError('api_key_revoked');
        return receipt;
      },
    });
    expect((await send(submitRequest())).status).toBe(201);
    revoked = true;
    const refused = await send(submitRequest());
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('api_key_revoked');
    expect(calls.n).toBe(1);
    await send(submitRequest());
    expect(calls.n).toBe(2);
  });

  it('asks again once a minute has passed', async () => {
    const { calls, authenticate } = counting(live);
    const send = handler({ authenticate, submit: async () => receipt });
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now);
      await send(submitRequest());
      clock.mockReturnValue(now + REMEMBER_KEY_MS - 1);
      await send(submitRequest());
      expect(calls.n).toBe(1);
      clock.mockReturnValue(now + REMEMBER_KEY_MS);
      await send(submitRequest());
      expect(calls.n).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });
});
