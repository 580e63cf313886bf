#!/usr/bin/env node
/**
 * The load test of the JSON intake API, in two modes.
 *
 * Benchmark (the default; figures, not a test):
 *   npm run load-test [-- --n 2000 --levels 1,5,20 --pool 4 --database-url postgres://…]
 * Whole applications through the whole HTTP stack on PostgreSQL (a throwaway cluster with durable
 * commits, or the server of --database-url / TEST_DATABASE_URL as a superuser: the run gets a
 * database of its own there, dropped afterwards) at each concurrency, printing applications/s, p50, p95 and p99; and in the same run
 * the SQL submit function against a bare INSERT of a comparable row through the same client and
 * pool, with the ratio. No build needed: the API function is loaded from functions/. Exit code 1
 * only when an application was refused or not stored exactly once.
 *
 * Check (what npm test runs):
 *   node scripts/load-test.mjs --check [--n 60] [--concurrency 10] [--engine pglite|postgres]
 *   node scripts/load-test.mjs --check --url http://127.0.0.1:4322 --api-key clk_… [--supabase-url … --supabase-key …]
 * With --url every request carries the given channel key (--api-key or API_KEY: npm run api-key --
 * issue 压力测试); without it the check issues itself a key. Each application comes from an address of
 * its own (X-Nf-Client-Connection-Ip), so the hourly limit per address is not what is measured.
 * N applications, 10% retried later with the same key and 5% sent twice at once, then every
 * acknowledged application must be stored exactly once (row counts, one 201 per key, the same
 * reference for every repeat, each reference found by a status lookup); exit code 1 otherwise.
 * Without --url the API function runs in-process over a local stand-in (PGlite by default).
 *
 * Nothing personal is printed: the applicants are made up.
 */
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    n: { type: 'string' },
    concurrency: { type: 'string', default: '20' },
    levels: { type: 'string', default: '1,5,20' },
    engine: { type: 'string', default: 'pglite' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
    'database-url': { type: 'string' },
    'supabase-url': { type: 'string' },
    'supabase-key': { type: 'string' },
    pool: { type: 'string' },
  },
});
const positive = (value, name) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return number;
};
const log = (line) => console.log(line);

if (!args.check) {
  const { benchmark, defaultPoolSize, report } = await import('./lib/load-benchmark.mjs');
  const poolSize = positive(args.pool ?? String(defaultPoolSize()), 'pool');
  const n = positive(args.n ?? '2000', 'n');
  const levels = args.levels.split(',').map((l) => positive(l, 'levels'));
  // A server given by URL (as a superuser) gets a database of its own for the run, dropped afterwards.
  const serverUrl = args['database-url'] ?? process.env.TEST_DATABASE_URL;
  let cluster = null;
  if (!serverUrl) {
    const { startCluster } = await import('../dev/postgres/cluster.ts');
    cluster = await startCluster({ durable: true });
  }
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: serverUrl ?? cluster.url });
  await admin.connect();
  const name = `benchmark_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const databaseUrl = Object.assign(new URL(serverUrl ?? cluster.url), { pathname: `/${name}` }).toString();
  console.log(`Benchmark: ${n} applications per concurrency level (${levels.join(', ')}) through HTTP, and ${n} SQL calls each`);
  let result;
  try {
    result = await benchmark({ databaseUrl, levels, n, sqlN: n, log, poolSize });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    await cluster?.remove();
  }
  report(result, log);
  if (result.failures.length > 0) {
    console.error(`\n${result.failures.length} failure(s): ${[...new Set(result.failures)].slice(0, 10).join('; ')}`);
    process.exit(1);
  }
  console.log('\nEvery application was stored exactly once.');
  process.exit(0);
}

const { loadCheck } = await import('./lib/load-check.mjs');
const N = positive(args.n ?? '200', 'n');
const C = positive(args.concurrency, 'concurrency');
let send;
let counts = null;
let apiKey = args['api-key'] ?? process.env.API_KEY;
let stop = async () => {};
let where;
if (args.url) {
  if (!apiKey) {
    console.error('--api-key (or API_KEY) is needed with --url: every API request carries a channel key');
    process.exit(2);
  }
  const base = args.url.replace(/\/+$/, '');
  where = base;
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
  if (args.engine !== 'pglite' && args.engine !== 'postgres') {
    console.error('--engine must be pglite or postgres');
    process.exit(2);
  }
  let cluster = null;
  let databaseUrl = args['database-url'];
  if (args.engine === 'postgres' && !databaseUrl) {
    const { startCluster } = await import('../dev/postgres/cluster.ts');
    cluster = await startCluster();
    databaseUrl = cluster.url;
  }
  const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
  const local = await startLocalSupabase(databaseUrl ? { databaseUrl } : {});
  where = `in-process, local Supabase stand-in on ${local.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}`;
  process.env.SUPABASE_URL = local.url;
  process.env.SUPABASE_SECRET_KEY = local.serviceKey;
  stop = async () => {
    await local.stop();
    await cluster?.remove();
  };
  apiKey = (await import('../src/data/api-keys.ts').then((m) => m.issueApiKey('压力测试'))).key;
  const { handleApplicationsRequest } = await import('../functions/lib/api.ts');
  send = (request) => handleApplicationsRequest(request, { clientIp: request.headers.get('x-nf-client-connection-ip') ?? '127.0.0.1' });
  const { intakeCounts } = await import('../src/data/applications.ts');
  counts = () => intakeCounts();
}

const { lines, violations } = await loadCheck({ n: N, concurrency: C, send, counts, apiKey });
await stop();
console.log(`Load test of POST /api/v1/applications (${where})`);
for (const line of lines) console.log(line);
if (violations.length > 0) {
  console.error(`\n${violations.length} violation(s):`);
  for (const v of violations.slice(0, 50)) console.error(`  - ${v}`);
  process.exit(1);
}
console.log('  OK: every acknowledged application stored exactly once; every repeat got its first reference');
process.exit(0);
