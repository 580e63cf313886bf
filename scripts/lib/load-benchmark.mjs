/**
 * The benchmark: whole applications through the whole HTTP stack, on PostgreSQL, at several
 * concurrencies, and in the same run the SQL submit function against a bare INSERT of a comparable
 * row through the same client and pool. Prints figures and ratios; asserts nothing about time
 * (only that every application was stored exactly once).
 *
 * The stack, as in production but on one machine: this process (the clients) → HTTP →
 * scripts/serve-static.mjs (the Netlify-like server running the API function) → supabase-js → HTTP
 * → the stand-in (scripts/local-supabase.mjs, a node-postgres pool of 10, as PostgREST keeps) →
 * PostgreSQL. The two servers run in processes of their own, as the function and PostgREST do.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild } from './child.mjs';
import { application, idNumber, percentile, runPool } from './load-workload.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const POOL_SIZE = 10;

function summary(latencies, seconds) {
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return {
    perSecond: latencies.length / seconds,
    mean,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** Run `count` operations at `concurrency`, returning their latencies and the wall time. */
async function measure(count, concurrency, op) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await runPool(
    Array.from({ length: count }, () => async () => {
      const i = next++;
      const t = performance.now();
      await op(i);
      latencies.push(performance.now() - t);
    }),
    concurrency,
  );
  return summary(latencies, (performance.now() - started) / 1000);
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const reference = () => Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join('');

export async function benchmark({ databaseUrl, levels, n, sqlN, log }) {
  const { literal } = await import('../../dev/local-supabase/sql.ts');
  const { postgresDatabase } = await import('../../dev/local-supabase/postgres.ts');
  const { callRpc } = await import('../../dev/local-supabase/rpc.ts');

  const standin = await startChild(
    `${root}scripts/local-supabase.mjs`,
    ['--port', '0', '--database-url', databaseUrl, '--pool-size', String(POOL_SIZE)],
    { ready: /stand-in \(postgres\): (http:\/\/\S+)[\s\S]*service_role key \(local, unsigned\): +(\S+)/ },
  );
  const [, supabaseUrl, serviceKey] = standin.match;
  const site = await startChild(`${root}scripts/serve-static.mjs`, ['0'], {
    env: { ...process.env, SUPABASE_URL: supabaseUrl, SUPABASE_SECRET_KEY: serviceKey },
    ready: /Serving dist\/ at (http:\/\/\S+)/,
  });
  const [, siteUrl] = site.match;
  const db = await postgresDatabase({ url: databaseUrl, max: POOL_SIZE });
  const failures = [];
  let seq = 0;
  let expected = 0;
  const results = { http: [], sql: [], insert: [] };

  try {
    const version = (await db.query(`select current_setting('server_version') as v, current_setting('fsync') as f, current_setting('synchronous_commit') as s`)).rows[0];
    log(`PostgreSQL ${version.v} (fsync ${version.f}, synchronous_commit ${version.s}), ${availableParallelism()} CPUs, stand-in pool ${POOL_SIZE}`);

    const post = async () => {
      const i = seq++;
      const response = await fetch(`${siteUrl}/api/v1/applications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${randomBytes(12).toString('base64url')}` },
        body: JSON.stringify(application(i)),
      });
      await response.arrayBuffer();
      if (response.status === 201) expected++;
      else failures.push(`HTTP ${response.status}`);
    };
    const identity = { role: 'service_role', claims: { role: 'service_role' } };
    const submitSql = async () => {
      const a = application(seq++);
      const response = await callRpc(db, identity, 'submit_complete_application', {
        p_service: a.service,
        p_action: a.action ?? null,
        p_answers: a.answers,
        p_client_token: `bench-${randomBytes(12).toString('base64url')}`,
      });
      if (response.status === 200) expected++;
      else failures.push(`submit_complete_application ${response.status}`);
    };
    // The same row as the function stores (its answers, hashes, a reference), without the function.
    const insertBare = async () => {
      const i = seq++;
      const a = application(i);
      const id = idNumber(i);
      const salt = randomBytes(16);
      const hex = (b) => `'\\x${b.toString('hex')}'::bytea`;
      await db.batch(
        `insert into intake.applications (reference, draft_id, client_token, request_hash, service, action, answers,
           applicant_id_number, lookup_salt, lookup_fact_hash, status)
         values (${literal(reference())}, ${literal(randomUUID())}, ${literal(`bench-${randomBytes(12).toString('base64url')}`)},
           ${hex(createHash('sha256').update(JSON.stringify(a)).digest())}, ${literal(a.service)}, ${a.action ? literal(a.action) : 'null'},
           ${literal(JSON.stringify(a.answers))}::jsonb, ${literal(id)}, ${hex(salt)},
           ${hex(createHash('sha256').update(salt).update(`id-last4:${id.slice(-4)}`).digest())}, 'received')`,
      );
      expected++;
    };

    // Warm up every path (connections, plans, JIT of both servers) before measuring.
    await measure(200, 10, post);
    await measure(200, 10, submitSql);
    await measure(200, 10, insertBare);
    const before = (await callRpc(db, identity, 'intake_counts', {})).body.applications;
    expected = 0;

    for (const concurrency of levels) {
      results.http.push({ concurrency, ...(await measure(n, concurrency, post)) });
      results.sql.push({ concurrency, ...(await measure(sqlN, concurrency, submitSql)) });
      results.insert.push({ concurrency, ...(await measure(sqlN, concurrency, insertBare)) });
    }
    const stored = (await callRpc(db, identity, 'intake_counts', {})).body.applications - before;
    if (stored !== expected) failures.push(`${expected} applications acknowledged but ${stored} stored`);
  } finally {
    await db.close();
    await site.stop();
    await standin.stop();
  }
  return { results, failures };
}

export function report({ results }, log) {
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const ms = (v) => v.toFixed(1);
  log('\nWhole applications through the whole HTTP stack (POST /api/v1/applications → 201):');
  log(row(['concurrency', 'applications/s', 'p50 ms', 'p95 ms', 'p99 ms']));
  log(row(['---:', '---:', '---:', '---:', '---:']));
  for (const r of results.http) log(row([r.concurrency, r.perSecond.toFixed(0), ms(r.p50), ms(r.p95), ms(r.p99)]));
  log('\nThe SQL submit function against a bare INSERT of the same row, through the same client and pool:');
  log(row(['concurrency', 'submit_complete_application/s', 'p50 ms', 'bare INSERT/s', 'p50 ms', 'ratio (mean time)', 'ratio (throughput)']));
  log(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  results.sql.forEach((s, i) => {
    const b = results.insert[i];
    log(row([s.concurrency, s.perSecond.toFixed(0), ms(s.p50), b.perSecond.toFixed(0), ms(b.p50), `${(s.mean / b.mean).toFixed(2)}×`, `${(b.perSecond / s.perSecond).toFixed(2)}×`]));
  });
}
