import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyContext } from '../../src/domain/applications/context.ts';
import { todayInChina } from '../../src/domain/dates.ts';
import { TEST_POLICY } from '../support/journey.ts';
import { validateWholeApplication } from '../../src/domain/applications/whole-application.ts';
import { handleApplicationsRequest } from '../../functions/lib/api.ts';
import {
  API, APPLICANT_LAST4, CHINESE, apiKey, bearer, certificateApplication, counts, devicesApplication, lookup, newClientIp, newKey, site, transitApplication,
} from './support.ts';

/**
 * Hostile input, thousands of cases: every answer is a 4xx with a Chinese message (never a 5xx),
 * and nothing is stored by a rejected request. Over HTTP against the served build and the local
 * stand-in, plus a faster in-process pass of the same handler for prototype pollution.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const ctx = journeyContext(site, todayInChina(), TEST_POLICY);
const VALID = [transitApplication, certificateApplication, devicesApplication] as const;

// --- Hostile values ----------------------------------------------------------------------------

const SQL = [
  "'; drop table intake.applications; --",
  "x'); delete from intake.drafts where ('1'='1",
  '$$; truncate intake.applications; $$',
  '$1::jsonb',
  "' or '1'='1",
  '"); select pg_sleep(10); --',
  "'||(select current_user)||'",
  '\\x00\\x27',
  '%00%27',
  '\u0000',
  'a\u0000b',
];
const HTML = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg onload=alert(1)>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '</textarea><script>alert(1)</script>',
];
const UNICODE = ['\ud800', '\udfff', 'a\udc00b', '\ud83d', '\u202e\u202d', '\u200b\ufeff', 'e\u0301\u0301\u0301', '\u2028\u2029', '😀'.repeat(3), '𠮷'];
const TEXT_ODDITIES = ['', ' ', 'null', 'undefined', 'NaN', 'true', '-1', '1e309', '[]', '{}', '__proto__', 'constructor'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];

/** A hostile string that no strictly checked field (names, numbers, choices) can accept. */
const hostileString = fc.oneof(
  fc.constantFrom(...SQL, ...HTML),
  fc.tuple(fc.constantFrom(...SQL, ...HTML, ...UNICODE, ...TEXT_ODDITIES), fc.string({ unit: 'binary', maxLength: 30 })).map(([a, b]) => `${a}!${b}`),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}`),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 60 }).map((s) => `#${s}`),
  fc.integer({ min: 200, max: 20_000 }).map((n) => `<${'长'.repeat(n)}>`),
);

/** Header values fetch can send (visible ASCII, spaces and tabs), trimmed as HTTP trims them. */
const headerValue = (maxLength: number) => fc.string({ unit: 'binary-ascii', maxLength }).map((s) => s.replace(/[^\x20-\x7e\t]/g, '').trim());

/** A URL path segment; a lone surrogate becomes the bytes of an encoded surrogate (not UTF-8). */
const pathSegment = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `%ED%A0%80${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}`;
  }
};

const nested = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Any JSON value a field might wrongly get, as JSON text (deep nesting can't go through JSON.stringify cheaply). */
const hostileValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(1e308), fc.constant(-0)).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'string').map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 100, max: 12_000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>).map(([d, k]) => nested(d, k)) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS).map((k) => `{"${k}":{"polluted":"yes","service":"certificate"}}`) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }).map((a) => JSON.stringify(a)) },
);

// --- Mutations of a valid application -----------------------------------------------------------

/** Paths of every value in a JSON object: ['service'], ['answers','who'], ['answers','who','applying_for'], … */
function paths(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

const HOLE = '@@HOLE@@';
const MARK = JSON.stringify(HOLE);

type Mutation = { kind: 'replace' | 'delete' | 'add'; path: string[]; key?: string; valueText?: string };

function mutate(application: Json, m: Mutation): string {
  const copy = structuredClone(application) as Record<string, Json>;
  let parent: Record<string, Json> = copy;
  const path = m.kind === 'add' ? m.path : m.path.slice(0, -1);
  for (const key of path) parent = parent[key] as Record<string, Json>;
  const last = m.path[m.path.length - 1]!;
  if (m.kind === 'delete') delete parent[last];
  // defineProperty: '__proto__' becomes an own key, as JSON.parse makes it (assignment would not).
  if (m.kind === 'replace' || m.kind === 'add') {
    Object.defineProperty(parent, m.kind === 'add' ? m.key! : last, { value: HOLE, enumerable: true, writable: true, configurable: true });
  }
  const text = JSON.stringify(copy);
  if (m.kind !== 'delete' && !text.includes(MARK)) throw new Error(`mutation lost: ${JSON.stringify(m).slice(0, 200)}`);
  // A function, so '$$' and '$&' in hostile values are not replacement patterns.
  return text.replace(MARK, () => m.valueText ?? 'null');
}

const mutatedApplication: fc.Arbitrary<{ text: string; mutations: Mutation[] }> = fc
  .tuple(fc.constantFrom(0, 1, 2), fc.array(fc.record({ kind: fc.constantFrom('replace', 'replace', 'delete', 'add') as fc.Arbitrary<Mutation['kind']>, pick: fc.nat(), key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 })), valueText: hostileValueText }), { minLength: 1, maxLength: 3 }))
  .map(([which, picks]) => {
    let text = JSON.stringify(VALID[which]!());
    const mutations: Mutation[] = [];
    for (const p of picks) {
      const current = JSON.parse(text) as Json;
      const all = paths(current);
      if (p.kind === 'add') {
        const objects = [[], ...all.filter((path) => { let v: Json = current; for (const k of path) v = (v as Record<string, Json>)[k]!; return v !== null && typeof v === 'object' && !Array.isArray(v); })];
        const m: Mutation = { kind: 'add', path: objects[p.pick % objects.length]!, key: p.key, valueText: p.valueText };
        text = mutate(current, m);
        mutations.push(m);
      } else if (all.length > 0) {
        const m: Mutation = { kind: p.kind, path: all[p.pick % all.length]!, valueText: p.valueText };
        text = mutate(current, m);
        mutations.push(m);
      }
      // Deeply nested values cannot be walked again cheaply: stop after one.
      if (p.valueText.length > 2000) break;
    }
    return { text, mutations };
  })
  .filter(({ text }) => {
    // Only what the journey rules refuse (a removed optional answer may still be a valid application).
    try {
      return !validateWholeApplication(JSON.parse(text), ctx).ok;
    } catch {
      return true;
    }
  });

/** Byte sequences that are not UTF-8, spliced into an otherwise valid body. */
const INVALID_UTF8: number[][] = [[0xff], [0xfe], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe4, 0xb8], [0x80], [0xbf, 0xbf]];
const invalidUtf8Body = fc.tuple(fc.constantFrom(0, 1, 2), fc.nat(), fc.constantFrom(...INVALID_UTF8), fc.uint8Array({ maxLength: 8 })).map(([which, at, bad, noise]) => {
  const bytes = new TextEncoder().encode(JSON.stringify(VALID[which]!()));
  const i = at % bytes.length;
  const out = new Uint8Array(bytes.length + bad.length + noise.length);
  out.set(bytes.subarray(0, i));
  out.set(bad, i);
  out.set(noise, i + bad.length);
  out.set(bytes.subarray(i), i + bad.length + noise.length);
  return out;
})
  // The noise may complete a cut sequence into a real character (0xE4 0xB8 then 0x80–0xBF): keep
  // only bodies that really are not UTF-8.
  .filter((bytes) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return false;
    } catch {
      return true;
    }
  });

// --- The checks ------------------------------------------------------------------------------------

type ErrorBody = { error?: { code?: unknown; message?: unknown } };

async function expectRefused(response: Response, what: string) {
  const text = await response.text();
  expect(response.status, `${what} → ${response.status} ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${what} → ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error?.code).toBe('string');
  expect(String(body.error?.message)).toMatch(CHINESE);
}

/** A post with this file's key, from an address of its own (so the hourly limit is not what answers). */
function postRaw(body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(API, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), 'X-Nf-Client-Connection-Ip': newClientIp(), ...bearer(), ...headers },
    body,
  });
}

let before: Awaited<ReturnType<typeof counts>>;
let requests = 0;

describe('hostile requests over HTTP are refused and store nothing', () => {
  beforeAll(async () => {
    before = await counts();
  });

  afterAll(async () => {
    // Logged so a reader sees the size of the run.
    console.info(`fuzz: ${requests} hostile requests over HTTP`);
  });

  it('mutated applications: wrong types at every position, missing fields, injection strings, prototype keys, deep nesting', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedApplication, async ({ text, mutations }) => {
        requests++;
        await expectRefused(await postRaw(text), JSON.stringify(mutations).slice(0, 400));
      }),
      { numRuns: 2500 },
    );
  });

  it('arbitrary JSON documents of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('service', 'action', 'answers', ...PROTO_KEYS), fc.jsonValue({ maxDepth: 4 }))), async (value) => {
        requests++;
        await expectRefused(await postRaw(JSON.stringify(value)), JSON.stringify(value).slice(0, 200));
      }),
      { numRuns: 300 },
    );
  });

  it('bodies that are not JSON, or not UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(invalidUtf8Body, fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(`{${s}`))), async (bytes) => {
        requests++;
        await expectRefused(await postRaw(bytes), `bytes ${Buffer.from(bytes.subarray(0, 40)).toString('hex')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('huge strings: within the 64 KB limit refused for their content, beyond it refused for their size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 200_000 }), fc.constantFrom('x', '长', '😀', "'"), fc.constantFrom(0, 1, 2), async (n, unit, which) => {
        requests++;
        const application = VALID[which]!() as { answers: Record<string, Record<string, unknown>> };
        const page = Object.keys(application.answers)[n % Object.keys(application.answers).length]!;
        const field = Object.keys(application.answers[page]!)[0]!;
        application.answers[page]![field] = unit.repeat(Math.ceil(n / unit.length));
        const body = JSON.stringify(application);
        const response = await postRaw(body);
        if (new TextEncoder().encode(body).byteLength > 64 * 1024) expect(response.status).toBe(413);
        await expectRefused(response, `${n} × ${unit} in ${page}.${field}`);
      }),
      { numRuns: 150 },
    );
  });

  it('wrong headers: Content-Type and Idempotency-Key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('text/plain', 'application/xml', 'text/json', 'application/json; charset=gbk', 'multipart/form-data', ''), headerValue(40)),
        fc.oneof(headerValue(200).filter((s) => !/^[A-Za-z0-9_-]{16,128}$/.test(s)), fc.constant(null)),
        async (type, key) => {
          requests++;
          const headers: Record<string, string> = { 'Content-Type': type, ...bearer() };
          if (key !== null) headers['Idempotency-Key'] = key;
          const response = await fetch(API, { method: 'POST', headers, body: JSON.stringify(transitApplication()) });
          await expectRefused(response, `type ${JSON.stringify(type)} key ${JSON.stringify(key)}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hostile Authorization headers: always 401, whatever else the request holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          headerValue(300),
          headerValue(60).map((s) => `Bearer ${s}`),
          fc.constantFrom(`Bearer ${apiKey.slice(0, -1)}`, `Bearer ${apiKey}${apiKey}`, `Bearer ${apiKey.toUpperCase()}`, "Bearer ' or '1'='1", 'Bearer clk_%00', `Basic ${apiKey}`),
        ).filter((s) => s.replace(/^bearer\s+/i, '').trim() !== apiKey),
        fc.constantFrom('submit', 'lookup'),
        async (authorization, what) => {
          requests++;
          const headers = { Authorization: authorization };
          const response = what === 'submit'
            ? await fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...headers }, body: JSON.stringify(transitApplication()) })
            : await fetch(`${API}/ABCDEFGH`, { headers: { 'X-Id-Number-Last4': APPLICANT_LAST4, ...headers } });
          expect(response.status, `${what} ${JSON.stringify(authorization).slice(0, 100)}`).toBe(401);
          await expectRefused(response, authorization);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('status lookups with hostile references and facts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString.map((s) => pathSegment(s.slice(0, 200))), fc.string({ unit: 'binary-ascii', maxLength: 20 }).map(pathSegment), fc.constantFrom('..%2F..%2Fetc', '%', '%ZZ', 'ABCD%00EFGH', 'ABCDEFGH')),
        fc.oneof(headerValue(10), fc.constantFrom(APPLICANT_LAST4, '0000', "1'--", '<b>')),
        async (reference, fact) => {
          requests++;
          const response = await lookup(reference, fact, newClientIp());
          if (response.status === 200) return; // a guess that matched nothing but the format is fine only if it found a real one
          await expectRefused(response, `ref ${reference} fact ${JSON.stringify(fact)}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('nothing partial was stored by any of them', async () => {
    expect(await counts()).toEqual(before);
  });
});

describe('hostile text an application may legitimately contain is stored intact or refused, never an error', () => {
  it('SQL and HTML in free-text answers', async () => {
    const start = await counts();
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SQL, ...HTML, ...UNICODE), fc.string({ maxLength: 20 }), async (hostile, noise) => {
        const address = `示例县${hostile}${noise}路 1 号`;
        const response = await postRaw(JSON.stringify(certificateApplication(address)));
        const text = await response.clone().text();
        expect(response.status, text.slice(0, 300)).toBeLessThan(500);
        if (response.status === 201) {
          stored++;
          const { reference } = JSON.parse(text) as { reference: string };
          expect((await lookup(reference, APPLICANT_LAST4, newClientIp())).status).toBe(200);
        } else await expectRefused(response, address);
      }),
      { numRuns: 60 },
    );
    const end = await counts();
    expect(end).toEqual({ drafts: start.drafts, applications: start.applications + stored, status_events: start.status_events + stored });
  });
});

describe('the handler in-process: thousands more, and no prototype pollution', () => {
  const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

  it('never answers 5xx, never calls the database for an invalid application, never pollutes Object.prototype', async () => {
    const keysBefore = protoKeys();
    let submits = 0;
    const deps = {
      context: async () => ctx,
      submit: async () => {
        submits++;
        throw new Error('an invalid application reached the database');
      },
      lookup: async () => ({ ok: false, error: 'lookup_failed' }) as const,
      authenticate: async () => ({ ok: true, channelId: '7d0c6f5e-1b2a-4c3d-8e9f-0a1b2c3d4e5f', name: '测试渠道' }) as const,
      log: () => {},
    };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedApplication.map((m) => m.text), fc.jsonValue().map((v) => JSON.stringify(v))), async (text) => {
        const response = await handleApplicationsRequest(
          new Request('http://localhost/api/v1/applications', {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'in-process-fuzz-0001', ...bearer() }, body: text,
          }),
          { clientIp: '192.0.2.1', deps },
        );
        expect(response.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(response.status, text.slice(0, 200)).toBeLessThan(500);
        expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(CHINESE);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 4000 },
    );
    expect(submits).toBe(0);
    expect(protoKeys()).toBe(keysBefore);
  });
});
