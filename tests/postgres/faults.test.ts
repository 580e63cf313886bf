import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCluster, type Cluster } from '../../dev/postgres/cluster.ts';
import { startLocalSupabase, type LocalSupabase } from '../../dev/local-supabase/start.ts';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { fillForm, Robot, servedForm } from '../api/form-robot.ts';
import { site } from '../support/applications.ts';
import { makeCertificate, makeIdNumber } from '../support/identities.ts';
import { issueApiKey } from '../../src/data/api-keys.ts';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';
import { newClientIp, newKey, transitFor } from './support.ts';

/**
 * Database faults, over HTTP through the served build (the form pages in the SSR function and the
 * JSON API) and the stand-in on a PostgreSQL cluster of this file's own, with durable commits as in
 * production: the server stopped like a crash in the middle of a load run, a statement timeout, a
 * read-only database. During a fault every request is answered within the stated time, 503 with
 * Retry-After and nothing else 5xx; afterwards every acknowledged application is there exactly
 * once and every retry with the same key or token succeeds exactly once.
 */
const STATED_TIMEOUT_MS = 10_000;

if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
  throw new Error('dist/ is missing: run `npm run build` first (npm test builds before these tests).');
}

let cluster: Cluster;
let local: LocalSupabase;
let server: Server;
let base: string;
let admin: pg.Client;
/** This file's API key (the channel is kept in the database, so it outlives a restart of the stand-in). */
let apiKey: string;
const databaseUrl = () => cluster.urlFor('portal');

async function startStandin(statementTimeoutMs?: number): Promise<void> {
  local = await startLocalSupabase({ databaseUrl: databaseUrl(), postgres: { max: 10, ...(statementTimeoutMs ? { statementTimeoutMs } : {}) } });
  process.env['SUPABASE_URL'] = local.url;
  process.env['SUPABASE_SECRET_KEY'] = local.serviceKey;
}

beforeAll(async () => {
  cluster = await startCluster({ durable: true });
  const setup = new pg.Client({ connectionString: cluster.url });
  await setup.connect();
  await setup.query('create database portal');
  await setup.end();
  await startStandin();
  apiKey = (await issueApiKey('故障测试', createSupabaseServerClient())).key;
  ({ server, url: base } = await startStaticServer(0));
  await connectAdmin();
});

/** This file's own connection, for counting rows (reopened after the server was stopped). */
async function connectAdmin(): Promise<void> {
  admin = new pg.Client({ connectionString: databaseUrl() });
  admin.on('error', () => undefined);
  await admin.connect();
}
afterAll(async () => {
  await admin?.end().catch(() => undefined);
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await local?.stop();
  await cluster?.remove();
});

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: string;
  location: string | null;
}

/** One request with the stated timeout; a timeout or a network error is recorded as status 0. */
async function timed(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init, signal: AbortSignal.timeout(STATED_TIMEOUT_MS) });
    const body = await response.text();
    return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), body, location: response.headers.get('location') };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, retryAfter: null, body: String((error as Error).name), location: null };
  }
}

const postApi = (body: unknown, key: string) =>
  timed('/api/v1/applications', { method: 'POST', headers: {
      'Content-Type': 'application/json', 'Idempotency-Key': key, Authorization: `Bearer ${apiKey}`, 'X-Nf-Client-Connection-Ip': newClientIp(),
    },
    body: JSON.stringify(body),
  });

const rowsFor = async (key: string) => (await admin.query<{ reference: string }>('select reference from intake.applications where client_token = $1', [key])).rows;

/** A transit-card journey walked to its check page: the browser and the check page's form. */
async function toCheckPage(i: number): Promise<{ robot: Robot; body: URLSearchParams; token: string }> {
  const robot = new Robot(base);
  const id = makeIdNumber(`1961-0${1 + (i % 9)}-1${i % 9}`, String(200 + i).padStart(3, '0'));
  const answers = {
    certificate_number: makeCertificate(id, 1, 2), action: 'new', applying_for: 'self', name: '赵丽', phone: '13812345678',
    township: 'chengguan', pickup_point: site.pickupPoints.find((p) => p.services.includes('transit-card'))!.id, confirm: 'yes',
  };
  let path = '/apply/transit-card/certificate/';
  for (let step = 0; step < 10 && path !== '/apply/transit-card/check/'; step++) {
    const page = await robot.get(path);
    const sent = await robot.post(servedForm(page.html, `${base}${path}`)!.action, fillForm(servedForm(page.html, `${base}${path}`)!, answers));
    expect(sent.response.status, `POST ${path}`).toBe(303);
    path = new URL(sent.response.headers.get('location')!, base).pathname;
  }
  const check = await robot.get(path);
  const form = servedForm(check.html, `${base}${path}`)!;
  const body = fillForm(form, {});
  return { robot, body, token: body.get('client_token')! };
}

async function postCheck(journey: { robot: Robot; body: URLSearchParams }): Promise<Answer> {
  return timed('/apply/transit-card/check/', {
    method: 'POST',
    headers: { Origin: base, Cookie: journey.robot.jar.header(), 'Content-Type': 'application/x-www-form-urlencoded', ...journey.robot.headers },
    body: journey.body,
  });
}

function expectOnlyUnavailable(answers: Answer[], ok: number[], label: string) {
  for (const a of answers) {
    expect(a.status, `${label}: ${a.body.slice(0, 200)}`).not.toBe(0);
    expect(a.ms, `${label}: answered within ${STATED_TIMEOUT_MS} ms`).toBeLessThan(STATED_TIMEOUT_MS);
    if (a.status >= 500) {
      expect(a.status, label).toBe(503);
      expect(a.retryAfter, `${label}: a 503 says when to retry`).toMatch(/^\d+$/);
    } else expect(ok, `${label}: ${a.body.slice(0, 200)}`).toContain(a.status);
  }
}

describe('PostgreSQL stopped like a crash in the middle of a load run', () => {
  it('answers 503 during the outage, loses no acknowledged application, and retries succeed exactly once', async () => {
    // The API logs each 5xx: method, status and code only (never a body, a header value or a reference).
    const logged: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void logged.push(String(line)));
    const journeys = await Promise.all(Array.from({ length: 12 }, (_, i) => toCheckPage(i)));
    const api: { key: string; body: unknown; answer: Answer }[] = [];
    const web: { journey: (typeof journeys)[number]; answer: Answer }[] = [];
    let running = true;
    let outage = false;
    const duringOutage: Answer[] = [];
    let n = 0;
    const loop = async () => {
      while (running) {
        const key = newKey();
        const { application } = transitFor(1000 + n++);
        const down = outage;
        const answer = await postApi(application, key);
        api.push({ key, body: application, answer });
        if (down && outage) duringOutage.push(answer);
      }
    };
    const workers = Array.from({ length: 8 }, loop);
    const webWorker = (async () => {
      for (const journey of journeys) {
        web.push({ journey, answer: await postCheck(journey) });
        await new Promise((r) => setTimeout(r, 150));
      }
    })();

    await new Promise((r) => setTimeout(r, 700));
    await cluster.stop('immediate');
    outage = true;
    // A question page sent while the database is down: 503, with every answer typed kept.
    const robot = new Robot(base);
    const first = await robot.get('/apply/transit-card/certificate/');
    const typedNumber = makeCertificate(makeIdNumber('1977-07-07', '707'), 1, 1);
    const typed = await timed('/apply/transit-card/certificate/', {
      method: 'POST',
      headers: { Origin: base, Cookie: robot.jar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: fillForm(servedForm(first.html, `${base}/apply/transit-card/certificate/`)!, { certificate_number: typedNumber }),
    });
    await new Promise((r) => setTimeout(r, 1500));
    outage = false;
    await cluster.start();
    await connectAdmin();
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await Promise.all([...workers, webWorker]);

    const statuses = (list: Answer[]) => Object.entries(Object.groupBy(list, (a) => String(a.status))).map(([k, v]) => `${v!.length} × ${k}`).join(', ');
    console.log(`API: ${statuses(api.map((a) => a.answer))}; check pages: ${statuses(web.map((w) => w.answer))}; ` +
      `slowest answer ${Math.max(...api.map((a) => a.answer.ms), ...web.map((w) => w.answer.ms)).toFixed(0)} ms (stated limit ${STATED_TIMEOUT_MS} ms)`);
    warn.mockRestore();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter((line) => !/^\[api\] (POST|GET) 503 unavailable$/.test(line))).toEqual([]);
    // During the outage: 503 with Retry-After, within the stated time, nothing else 5xx.
    expect(typed.status).toBe(503);
    expect(typed.retryAfter).toMatch(/^\d+$/);
    // (The 20-character number is a one-line textarea, so that it wraps at 200% text.)
    expect(typed.body).toMatch(new RegExp(`name="certificate_number"[^>]*>${typedNumber}</textarea>`));
    expect(duringOutage.length, 'requests were made while the database was down').toBeGreaterThan(0);
    expect(duringOutage.every((a) => a.status === 503), 'every API request during the outage got 503').toBe(true);
    expectOnlyUnavailable(api.map((a) => a.answer), [200, 201], 'API');
    expectOnlyUnavailable(web.map((w) => w.answer), [303], 'check page');
    expect(api.some((a) => a.answer.status === 201)).toBe(true);

    // Every acknowledged application is there exactly once, with the reference it was given.
    for (const { key, answer } of api.filter((a) => a.answer.status === 201)) {
      expect(await rowsFor(key)).toEqual([{ reference: (JSON.parse(answer.body) as { reference: string }).reference }]);
    }
    for (const { journey, answer } of web.filter((w) => w.answer.status === 303)) {
      expect(answer.location).toMatch(/^\/apply\/receipt\/\?t=/);
      expect(await rowsFor(journey.token)).toHaveLength(1);
    }
    // Retries with the same key or token succeed, exactly once.
    for (const { key, body } of api.filter((a) => a.answer.status === 503)) {
      const retried = await postApi(body, key);
      expect([200, 201]).toContain(retried.status);
      expect(await rowsFor(key)).toHaveLength(1);
      expect((await postApi(body, key)).status).toBe(200);
    }
    for (const { journey, answer } of web) {
      if (answer.status !== 503) continue;
      expect((await postCheck(journey)).status).toBe(303);
      expect(await rowsFor(journey.token)).toHaveLength(1);
    }
    const counted = (await admin.query<{ n: number }>('select count(*)::int as n from intake.applications')).rows[0]!.n;
    expect(counted).toBe(api.length + web.length);
  });
});

describe('a statement timeout', () => {
  it('gives 503 and leaves no partial row; the retry then succeeds', async () => {
    await local.stop();
    await startStandin(300);
    const key = newKey();
    const { application } = transitFor(5000);
    const blocker = new pg.Client({ connectionString: databaseUrl() });
    await blocker.connect();
    const before = (await admin.query('select (select count(*) from intake.applications)::int as a, (select count(*) from intake.status_events)::int as e')).rows[0];
    try {
      // The application row would be inserted, then its first status event waits on this lock.
      await blocker.query('begin; lock table intake.status_events in share mode');
      const answer = await postApi(application, key);
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'unavailable' } });
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    expect((await admin.query('select (select count(*) from intake.applications)::int as a, (select count(*) from intake.status_events)::int as e')).rows[0]).toEqual(before);
    expect(await rowsFor(key)).toEqual([]);
    expect((await postApi(application, key)).status).toBe(201);
    expect(await rowsFor(key)).toHaveLength(1);
    await local.stop();
    await startStandin();
  });
});

describe('a read-only database (default_transaction_read_only)', () => {
  it('gives 503 on the API and the form pages, stores nothing, and works again afterwards', async () => {
    const journey = await toCheckPage(40);
    const readOnly = async (on: boolean) => {
      await admin.query(on ? 'alter database portal set default_transaction_read_only = on' : 'alter database portal reset default_transaction_read_only');
      // The stand-in's connections were opened before: new ones get the setting.
      // (This session keeps the setting it started with, so it can undo it.)
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = 'portal' and pid <> pg_backend_pid()`);
    };
    await readOnly(true);
    const count = async () => (await admin.query<{ n: number }>('select count(*)::int as n from intake.applications')).rows[0]!.n;
    const before = await count();
    const key = newKey();
    const { application } = transitFor(6000);
    try {
      // The first call may meet a connection that was just terminated; every one must be a 503.
      for (let i = 0; i < 3; i++) {
        const answer = await postApi(application, key);
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toMatch(/^\d+$/);
      }
      const check = await postCheck(journey);
      expect(check.status).toBe(503);
      expect(check.retryAfter).toMatch(/^\d+$/);
      expect(await count()).toBe(before);
    } finally {
      await readOnly(false);
    }
    // Connections terminated once more: the first requests may still meet one, then all is well.
    let answer = await postApi(application, key);
    for (let i = 0; i < 3 && answer.status === 503; i++) answer = await postApi(application, key);
    expect(answer.status).toBe(201);
    expect((await postCheck(journey)).status).toBe(303);
    expect(await count()).toBe(before + 2);
  });
});
