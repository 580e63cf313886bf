import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  API, APPLICANT_LAST4, CHINESE, apiKey, baseUrl, bearer, certificateApplication, counts, database, devicesApplication, lookup, newClientIp, newKey, post,
  transitApplication,
} from './support.ts';
import { issueApiKey } from '../../src/data/api-keys.ts';

/**
 * The JSON API's contract, over HTTP against the served build (scripts/serve-static.mjs routes
 * /api/v1/ to functions/applications.mts) and the local Supabase stand-in: every status code.
 */

async function expectJsonHeaders(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  await expectJsonHeaders(response);
  const body = (await response.json()) as { error: { code: string; message: string; errors?: { field: string; message: string }[] } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(CHINESE);
  return body.error;
}

/** A raw HTTP request, for bodies fetch will not send (a chunked body with no Content-Length). */
function rawPost(path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('POST /api/v1/applications', () => {
  it('201: stores a valid application once and answers with the receipt', async () => {
    const before = await counts();
    const response = await post(transitApplication());
    expect(response.status).toBe(201);
    await expectJsonHeaders(response);
    const body = await response.json();
    expect(body).toEqual({
      reference: expect.stringMatching(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/),
      service: 'transit-card',
      action: 'new',
      status: expect.any(String),
      submitted_at: expect.any(String),
      lookup: expect.stringContaining('X-Id-Number-Last4'),
    });
    expect(response.headers.get('location')).toBe(`/api/v1/applications/${body.reference}`);
    const after = await counts();
    expect(after.applications).toBe(before.applications + 1);
    expect(after.drafts - before.drafts).toBeLessThanOrEqual(1);
  });

  it('201 for each of the three services', async () => {
    for (const application of [certificateApplication(), devicesApplication(), transitApplication()]) {
      const response = await post(application);
      expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    }
  });

  it('200: a retry with the same Idempotency-Key and body returns the same reference and stores nothing new', async () => {
    const key = newKey();
    const first = await post(certificateApplication(), { key });
    expect(first.status).toBe(201);
    const { reference } = await first.json();
    const before = await counts();
    const again = await post(certificateApplication(), { key });
    expect(again.status).toBe(200);
    expect((await again.json()).reference).toBe(reference);
    expect(await counts()).toEqual(before);
  });

  it('409: the same Idempotency-Key with a different application', async () => {
    const key = newKey();
    expect((await post(certificateApplication(), { key })).status).toBe(201);
    const before = await counts();
    await expectError(await post(certificateApplication('示例县另一条路 99 号'), { key }), 409, 'token_reused');
    expect(await counts()).toEqual(before);
  });

  it('400: malformed JSON', async () => {
    for (const raw of ['{', '{"service": "certificate",}', "{'service': 1}", '', 'NaN', '{"a":1}{"b":2}']) {
      await expectError(await post(null, { raw }), 400, 'invalid_json');
    }
  });

  it('400: invalid UTF-8', async () => {
    for (const bytes of [[0x7b, 0x22, 0xff, 0x22, 0x7d], [0x22, 0xc0, 0x80, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xe4, 0xb8, 0x22]]) {
      await expectError(await post(null, { raw: new Uint8Array(bytes) }), 400, 'invalid_encoding');
    }
  });

  it('400: a missing or malformed Idempotency-Key, naming the header', async () => {
    for (const key of [null, '', 'short', 'x'.repeat(129), 'has spaces in it 1234', '中文中文中文中文中文中文中文中文']) {
      const headers: Record<string, string> = {};
      const response = key === null || /^[\x20-\x7e]*$/.test(key)
        ? await post(transitApplication(), { key })
        : await fetch(API, { method: 'POST', headers: { ...headers, ...bearer(), 'Content-Type': 'application/json', 'Idempotency-Key': encodeURIComponent(key) }, body: '{}' });
      const error = await expectError(response, 400, 'invalid_idempotency_key');
      expect(error.message).toContain('Idempotency-Key');
    }
  });

  it('413: a declared Content-Length over 64 KB, and a chunked body that turns out larger', async () => {
    const big = JSON.stringify({ ...transitApplication(), pad: 'x'.repeat(70_000) });
    await expectError(await post(null, { raw: big }), 413, 'payload_too_large');
    const chunked = await rawPost('/api/v1/applications', { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...bearer() },
      Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 0x20)));
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe('payload_too_large');
    // Just under the limit is read (and refused for its content, not its size).
    const under = JSON.stringify({ ...transitApplication(), pad: 'x'.repeat(60_000) });
    await expectError(await post(null, { raw: under }), 422, 'validation_failed');
  });

  it('415: anything but application/json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx']) {
      await expectError(await post(transitApplication(), { headers: { 'Content-Type': type } }), 415, 'unsupported_media_type');
    }
    const ok = await post(transitApplication(), { headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' } });
    expect(ok.status).toBe(201);
  });

  it('422: names every bad field by path, in Chinese', async () => {
    const application = transitApplication();
    const before = await counts();
    const error = await expectError(
      await post({ ...application, extra: 1, answers: { ...application.answers, applicant: { name: 'Bob', phone: '123' } } }),
      422,
      'validation_failed',
    );
    expect(error.message).toBe('申请内容有误，请按 errors 逐项修改');
    expect(error.errors!.map((e) => e.field)).toEqual(['extra', 'answers.applicant.name', 'answers.applicant.phone']);
    for (const e of error.errors!) expect(e.message).toMatch(CHINESE);
    const missing = await expectError(await post({ service: 'certificate', action: 'new', answers: { who: { applying_for: 'self' } } }), 422, 'validation_failed');
    expect(missing.errors!.map((e) => e.field)).toContain('answers.applicant.id_number');
    expect(await counts()).toEqual(before);
  });

  it('422: every application names its township, one of the federation’s (so it reaches the right officer)', async () => {
    const before = await counts();
    const { township: _omitted, ...withoutTownship } = certificateApplication().answers;
    const missing = await expectError(await post({ ...certificateApplication(), answers: withoutTownship }), 422, 'validation_failed');
    expect(missing.errors!.map((e) => e.field)).toContain('answers.township.township');
    const unknown = await expectError(await post({ ...certificateApplication(), answers: { ...certificateApplication().answers, township: { township: 'atlantis' } } }), 422, 'validation_failed');
    expect(unknown.errors!.map((e) => e.field)).toEqual(['answers.township.township']);
    for (const e of [...missing.errors!, ...unknown.errors!]) expect(e.message).toMatch(CHINESE);
    expect(await counts()).toEqual(before);
  });

  it('422: text Postgres cannot store (lone surrogates) is refused before the database', async () => {
    const before = await counts();
    const error = await expectError(await post(certificateApplication('示例县人民路 1 号 \ud800 单元')), 422, 'validation_failed');
    expect(error.errors).toEqual([{ field: 'answers.applicant.hukou_address', message: expect.stringMatching(CHINESE) }]);
    expect(await counts()).toEqual(before);
  });

  it('405 with Allow for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(API, { method, headers: bearer() });
      await expectError(response, 405, 'method_not_allowed');
      expect(response.headers.get('allow')).toBe('POST');
    }
    const response = await fetch(`${API}/ABCDEFGH`, { method: 'POST', headers: bearer() });
    await expectError(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('404 for other paths under /api/v1/', async () => {
    await expectError(await fetch(`${baseUrl}/api/v1/nothing`, { headers: bearer() }), 404, 'not_found');
    await expectError(await fetch(`${API}/ABCDEFGH/history`, { headers: bearer() }), 404, 'not_found');
  });
});

describe('GET /api/v1/applications/{reference}', () => {
  async function submitted(): Promise<string> {
    const response = await post(transitApplication());
    expect(response.status).toBe(201);
    return (await response.json()).reference;
  }

  it('200 with the status and its history; the reference as a person types it', async () => {
    const reference = await submitted();
    const typed = encodeURIComponent(` ${reference.slice(0, 4).toLowerCase()}-${reference.slice(4)} `);
    const response = await lookup(typed, APPLICANT_LAST4.toLowerCase(), newClientIp());
    expect(response.status).toBe(200);
    await expectJsonHeaders(response);
    expect(await response.json()).toEqual({
      reference,
      service: 'transit-card',
      service_label: expect.stringMatching(CHINESE),
      action: 'new',
      action_label: expect.stringMatching(CHINESE),
      status: expect.any(String),
      status_label: expect.stringMatching(CHINESE),
      closed: false,
      submitted_at: expect.any(String),
      history: [{ status: expect.any(String), label: expect.stringMatching(CHINESE), note: null, at: expect.any(String) }],
    });
  });

  it('400: the fact is missing or malformed (and is never read from the URL)', async () => {
    const reference = await submitted();
    const ip = newClientIp();
    await expectError(await lookup(reference, null, ip), 400, 'invalid_lookup_fact');
    await expectError(await fetch(`${API}/${reference}?id_number_last4=${APPLICANT_LAST4}`, { headers: bearer() }), 400, 'invalid_lookup_fact');
    for (const bad of ['12', '12345', 'abcd', 'X123', '12 3']) await expectError(await lookup(reference, bad, ip), 400, 'invalid_lookup_fact');
    await expectError(await lookup('NOT-A-REF!', APPLICANT_LAST4, ip), 400, 'invalid_reference');
    await expectError(await lookup('OOOOOOOO', APPLICANT_LAST4, ip), 400, 'invalid_reference');
    // None of these counted as failed lookups.
    expect((await lookup(reference, APPLICANT_LAST4, ip)).status).toBe(200);
  });

  it('404 that does not say whether the reference exists', async () => {
    const reference = await submitted();
    const wrongFact = await expectError(await lookup(reference, '0000', newClientIp()), 404, 'lookup_failed');
    const unknown = await expectError(await lookup('ZZZZZZZZ', APPLICANT_LAST4, newClientIp()), 404, 'lookup_failed');
    expect(wrongFact).toEqual(unknown);
  });

  it('429 with Retry-After after 5 failures from one client, even with the right fact', async () => {
    const reference = await submitted();
    const ip = newClientIp();
    const others = ['ZZZZZZZ2', 'ZZZZZZZ3', 'ZZZZZZZ4', 'ZZZZZZZ5', 'ZZZZZZZ6'];
    for (const other of others) expect((await lookup(other, '1234', ip)).status).toBe(404);
    const throttled = await lookup(reference, APPLICANT_LAST4, ip);
    const error = await expectError(throttled, 429, 'lookup_throttled');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(900 - 60);
    expect(Number(throttled.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(error.message).toMatch(/请 1[45] 分钟后再试/);
    // Another client is not affected.
    expect((await lookup(reference, APPLICANT_LAST4, newClientIp())).status).toBe(200);
  });

  it('429 reference_throttled once strangers used up the reference\'s 10 tries a day; the submitting address still gets in', async () => {
    const owner = newClientIp();
    const response = await post(transitApplication(), { clientIp: owner });
    const { reference } = await response.json();
    // One stranger alone is heard 3 times, then refused for this reference; the owner is not affected.
    const stranger = newClientIp();
    for (let i = 0; i < 3; i++) await expectError(await lookup(reference, '0000', stranger), 404, 'lookup_failed');
    await expectError(await lookup(reference, '0000', stranger), 429, 'reference_throttled');
    expect((await lookup(reference, APPLICANT_LAST4, newClientIp())).status).toBe(200);
    // Strangers at three more addresses use up the day's 10.
    for (let a = 0; a < 3; a++) {
      const ip = newClientIp();
      for (let i = 0; i < 3; i++) await lookup(reference, '0000', ip);
    }
    const refused = await lookup(reference, APPLICANT_LAST4, newClientIp());
    const error = await expectError(refused, 429, 'reference_throttled');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(86_400 - 300);
    expect(error.message).toMatch(/请 2[34] 小时后再试/);
    expect((await lookup(reference, APPLICANT_LAST4, owner)).status).toBe(200);
  });
});

describe('API keys', () => {
  it('401 without a key, in Chinese, naming the header, with WWW-Authenticate', async () => {
    const before = await counts();
    for (const authorization of ['', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer  ', apiKey, `Token ${apiKey}`]) {
      const response = await post(transitApplication(), { headers: { Authorization: authorization } });
      const error = await expectError(response, 401, 'api_key_missing');
      expect(error.message).toContain('Authorization');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      await expectError(await lookup('ABCDEFGH', APPLICANT_LAST4, newClientIp(), { Authorization: authorization }), 401, 'api_key_missing');
    }
    expect(await counts()).toEqual(before);
  });

  it('401 for a key the federation did not issue', async () => {
    for (const key of [`clk_${'A'.repeat(43)}`, `${apiKey}x`, apiKey.slice(0, -1), apiKey.replace('clk_', 'clq_'), '<script>']) {
      const response = await post(transitApplication(), { headers: { Authorization: `Bearer ${key}` } });
      await expectError(response, 401, 'api_key_invalid');
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
    }
    // The scheme is case-insensitive (RFC 7235).
    expect((await post(transitApplication(), { headers: { Authorization: `bearer ${apiKey}` } })).status).toBe(201);
  });

  it('401 at once for a revoked key; the other channels go on', async () => {
    const { key, channel } = await issueApiKey('将被停用的平板', database);
    const own = { Authorization: `Bearer ${key}` };
    expect((await post(transitApplication(), { headers: own })).status).toBe(201);
    const { error } = await database.rpc('revoke_api_key', { p_id: channel.id });
    expect(error).toBeNull();
    const before = await counts();
    const refused = await expectError(await post(transitApplication(), { headers: own }), 401, 'api_key_revoked');
    expect(refused.message).toContain('停用');
    await expectError(await lookup('ABCDEFGH', APPLICANT_LAST4, newClientIp(), own), 401, 'api_key_revoked');
    expect(await counts()).toEqual(before);
    expect((await post(transitApplication())).status).toBe(201);
  });
});

describe('submissions per client', () => {
  it('30 applications an hour from one address, then 429 with Retry-After and nothing stored; retries of earlier ones are answered', async () => {
    const ip = newClientIp();
    const first = newKey();
    expect((await post(transitApplication(), { clientIp: ip, key: first })).status).toBe(201);
    for (let i = 1; i < 30; i++) expect((await post(transitApplication(), { clientIp: ip })).status).toBe(201);
    const before = await counts();
    const refused = await post(transitApplication(), { clientIp: ip });
    const error = await expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3600 - 120);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(error.message).toMatch(/60 分钟内.*最多 30 份.*请 (59|60) 分钟后用同一个 Idempotency-Key 重新发送/);
    expect(await counts()).toEqual(before);
    expect((await post(transitApplication(), { clientIp: ip, key: first })).status).toBe(200);
    expect((await post(transitApplication(), { clientIp: newClientIp() })).status).toBe(201);
  });
});
