#!/usr/bin/env node
/**
 * Load and correctness test of the JSON intake API: N whole applications sent with concurrency C,
 * about 10% of them sent again later with the same Idempotency-Key (a client's retry) and about 5%
 * sent twice at the same moment (a double tap). Reports throughput and latency, then checks that
 * every acknowledged (201/200) application is stored exactly once: the database's row counts grow
 * by exactly the number of distinct keys, every repeat got the first reference, and each reference
 * is found by a status lookup with its applicant's fact. Exit code 1 on any violation.
 *
 *   node_modules/.bin/node scripts/load-test.mjs [--n 200] [--concurrency 20]
 *   node_modules/.bin/node scripts/load-test.mjs --url http://127.0.0.1:4322 --api-key clk_… [--supabase-url … --supabase-key …]
 *
 * Without --url it starts the local Supabase stand-in, issues itself an API key and calls the API
 * function in-process (no HTTP in front of it). With --url it sends HTTP requests with the given
 * key (--api-key or API_KEY: npm run api-key -- issue 压力测试); the row counts are checked only
 * when it can reach that deployment's database (--supabase-url/--supabase-key or SUPABASE_URL/
 * SUPABASE_SECRET_KEY). Each application comes from an address of its own (X-Nf-Client-Connection-Ip),
 * so the hourly limit per address (30 through the API) is not what is measured; on Netlify that
 * header is the real address, so a deployed site answers 429 after 30 an hour from one machine.
 * Nothing personal is printed: the applicants are made up.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
    'supabase-url': { type: 'string' },
    'supabase-key': { type: 'string' },
  },
});
const N = Number(args.n);
const C = Number(args.concurrency);
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(C) || C < 1) {
  console.error('--n and --concurrency must be positive integers');
  process.exit(2);
}

const { checkCharacter } = await import('../src/domain/identity/id-number.ts');
const { parse } = await import('yaml');
const { readFile } = await import('node:fs/promises');
const site = parse(await readFile(new URL('../content/site.yaml', import.meta.url), 'utf8'));

// --- The system under test ------------------------------------------------------------------------

let stopLocal = async () => {};
let send;
let counts = null;
let apiKey = args['api-key'] ?? process.env.API_KEY;

if (args.url) {
  if (!apiKey) {
    console.error('--api-key (or API_KEY) is needed with --url: every API request carries a channel key');
    process.exit(2);
  }
  const base = args.url.replace(/\/+$/, '');
  send = (request) => {
    const url = new URL(request.url);
    return fetch(`${base}${url.pathname}`, { method: request.method, headers: request.headers, body: request.body, duplex: 'half' });
  };
  const supabaseUrl = args['supabase-url'] ?? process.env.SUPABASE_URL;
  const supabaseKey = args['supabase-key'] ?? process.env.SUPABASE_SECRET_KEY;
  if (supabaseUrl && supabaseKey) {
    const { createClient } = await import('@supabase/supabase-js');
    const client = createClient(supabaseUrl, supabaseKey, { auth: { persistSession: false, autoRefreshToken: false } });
    const { intakeCounts } = await import('../src/data/applications.ts');
    counts = () => intakeCounts(client);
  }
} else {
  const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
  const local = await startLocalSupabase();
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_SECRET_KEY = local.serviceKey;
  stopLocal = () => local.stop();
  apiKey = (await (await import('../src/data/api-keys.ts')).issueApiKey('压力测试')).key;
  const { handleApplicationsRequest } = await import('../functions/lib/api.ts');
  send = (request) => handleApplicationsRequest(request, { clientIp: request.headers.get('x-nf-client-connection-ip') ?? '127.0.0.1' });
  const { intakeCounts } = await import('../src/data/applications.ts');
  counts = () => intakeCounts();
}

// --- The workload --------------------------------------------------------------------------------

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['明', '华', '芳', '军', '丽', '强', '敏', '静', '伟', '霞'];

/** A valid fictional ID number: born 1950–1999, sequence from i (odd: male, even: female). */
function idNumber(i) {
  const year = 1950 + (i % 50);
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const first17 = `110105${year}${month}${day}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The i-th application: the three services in turn, each applicant a different made-up person. */
function application(i) {
  const id = idNumber(i);
  const name = `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[(i * 7) % 10]}`;
  const phone = `139${String(10_000_000 + i).slice(-8)}`;
  const pickupFor = (service) => {
    const points = site.pickupPoints.filter((p) => p.services.includes(service));
    return points[i % points.length].id;
  };
  switch (i % 3) {
    case 0:
      return {
        service: 'transit-card',
        action: 'new',
        answers: {
          certificate: { certificate_number: `${id}12` },
          who: { applying_for: 'self' },
          applicant: { name, phone },
          township: { township: 'chengguan' },
          pickup: { pickup_point: pickupFor('transit-card') },
          declaration: { confirm: 'yes' },
        },
      };
    case 1:
      return {
        service: 'certificate',
        action: 'new',
        answers: {
          who: { applying_for: 'self' },
          applicant: { name, id_number: id, phone, hukou_address: `示例县人民路 ${i + 1} 号` },
          township: { township: 'chengguan' },
          category: { category: '4' },
          assessment: { hospital: site.assessmentHospitals.find((h) => h.categories.includes(4)).id, home_visit: 'no' },
          declaration: { confirm: 'yes' },
        },
      };
    default:
      return {
        service: 'assistive-devices',
        answers: {
          who: { applying_for: 'self' },
          certificate: { has_certificate: 'yes', certificate_number: `${id}42` },
          applicant: { name, phone, home_address: `示例县幸福路 ${i + 1} 号` },
          township: { township: 'chengguan' },
          device: { devices: ['walker'] },
          previous: { had_before: 'no' },
          assessment: { home_assessment: 'no' },
          delivery: { method: 'pickup', pickup_point: pickupFor('assistive-devices') },
          declaration: { confirm: 'yes' },
        },
      };
  }
}

const jobs = Array.from({ length: N }, (_, i) => ({
  i,
  key: `load-${randomBytes(12).toString('base64url')}`,
  body: JSON.stringify(application(i)),
  fact: idNumber(i).slice(-4),
  address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  retry: i % 10 === 3, // sent again after the first answer
  double: i % 20 === 7, // sent twice at once
  results: [],
}));

function submitRequest(job) {
  return new Request('http://localhost/api/v1/applications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': job.key, Authorization: `Bearer ${apiKey}`, 'X-Nf-Client-Connection-Ip': job.address },
    body: job.body,
  });
}

const latencies = [];
async function submit(job) {
  const started = performance.now();
  let status = 0;
  let reference = null;
  let code = null;
  try {
    const response = await send(submitRequest(job));
    status = response.status;
    const body = await response.json().catch(() => ({}));
    reference = body.reference ?? null;
    code = body.error?.code ?? null;
  } catch (error) {
    code = `network: ${error?.name ?? 'error'}`;
  }
  latencies.push(performance.now() - started);
  job.results.push({ status, reference, code });
}

/** Run tasks with at most `limit` in flight. */
async function pool(tasks, limit) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task();
    }
  });
  await Promise.all(workers);
}

const before = counts ? await counts() : null;
const started = performance.now();
await pool(
  jobs.map((job) => async () => {
    if (job.double) await Promise.all([submit(job), submit(job)]);
    else await submit(job);
    if (job.retry) await submit(job);
  }),
  C,
);
const elapsed = (performance.now() - started) / 1000;
const requests = latencies.length;

// --- Checks ---------------------------------------------------------------------------------------

const violations = [];
const acknowledged = new Map(); // reference -> job
for (const job of jobs) {
  const bad = job.results.filter((r) => r.status !== 201 && r.status !== 200);
  for (const r of bad) violations.push(`application ${job.i}: HTTP ${r.status} ${r.code ?? ''}`.trim());
  const ok = job.results.filter((r) => r.status === 201 || r.status === 200);
  const references = new Set(ok.map((r) => r.reference));
  if (references.size > 1) violations.push(`application ${job.i}: one Idempotency-Key got ${references.size} different references`);
  const created = ok.filter((r) => r.status === 201).length;
  if (ok.length > 0 && created !== 1) violations.push(`application ${job.i}: ${created} responses said 201 Created (expected exactly 1)`);
  const [reference] = references;
  if (reference) {
    if (acknowledged.has(reference)) violations.push(`applications ${acknowledged.get(reference).i} and ${job.i} got the same reference`);
    acknowledged.set(reference, job);
  }
}

const after = counts ? await counts() : null;
if (before && after) {
  const stored = after.applications - before.applications;
  if (stored !== acknowledged.size) violations.push(`${acknowledged.size} applications acknowledged but ${stored} stored`);
  if (after.statusEvents - before.statusEvents !== acknowledged.size) {
    violations.push(`${after.statusEvents - before.statusEvents} status events for ${acknowledged.size} new applications`);
  }
  if (after.drafts !== before.drafts) violations.push(`${after.drafts - before.drafts} drafts left behind`);
}

// Every acknowledged reference is found, with its own applicant's fact (at most C lookups at once).
const lookupFailures = [];
await pool(
  [...acknowledged].map(([reference, job]) => async () => {
    const response = await send(
      new Request(`http://localhost/api/v1/applications/${reference}`, {
        headers: { 'X-Id-Number-Last4': job.fact, Authorization: `Bearer ${apiKey}`, 'X-Nf-Client-Connection-Ip': job.address },
      }),
    );
    const body = await response.json().catch(() => ({}));
    if (response.status !== 200 || body.reference !== reference || body.service !== JSON.parse(job.body).service) {
      lookupFailures.push(`${reference}: HTTP ${response.status} ${body.error?.code ?? ''}`.trim());
    }
  }),
  C,
);
for (const failure of lookupFailures) violations.push(`lookup ${failure}`);

await stopLocal();

// --- Report ----------------------------------------------------------------------------------------

const sorted = [...latencies].sort((a, b) => a - b);
const percentile = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const retries = jobs.filter((j) => j.retry).length;
const doubles = jobs.filter((j) => j.double).length;
console.log(`Load test of POST /api/v1/applications (${args.url ? args.url : 'in-process, local Supabase stand-in'})`);
console.log(`  ${N} applications, ${retries} retried later with the same key, ${doubles} sent twice at once: ${requests} requests, concurrency ${C}`);
console.log(`  ${elapsed.toFixed(2)} s, ${(requests / elapsed).toFixed(1)} requests/s; latency p50 ${percentile(50).toFixed(0)} ms, p95 ${percentile(95).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
console.log(`  ${acknowledged.size} distinct references acknowledged; ${acknowledged.size - lookupFailures.length} found by status lookup`);
if (before && after) {
  console.log(`  rows: applications +${after.applications - before.applications}, status events +${after.statusEvents - before.statusEvents}, drafts +${after.drafts - before.drafts}`);
} else console.log('  rows: not checked (no database access given for --url)');
if (violations.length > 0) {
  console.error(`\n${violations.length} violation(s):`);
  for (const v of violations.slice(0, 50)) console.error(`  - ${v}`);
  process.exit(1);
}
console.log('  OK: every acknowledged application stored exactly once; every repeat got its first reference');
process.exit(0);
