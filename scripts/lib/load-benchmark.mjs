/**
 * The benchmark: whole applications through the whole HTTP stack, on PostgreSQL, at several
 * concurrencies, and in the same run the SQL submit function against a bare INSERT of a comparable
 * row through the same client and pool. Prints figures and ratios; asserts nothing about time
 * (only that every application was stored exactly once).
 *
 * The stack, as in production but on one machine: this process (the clients) → HTTP →
 * scripts/serve-static.mjs (the Netlify-like server running the API function) → supabase-js → HTTP
 * → the stand-in (scripts/local-supabase.mjs, a node-postgres pool: defaultPoolSize below) →
 * PostgreSQL. The two servers run in processes of their own, as the function and PostgREST do.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startChild } from './child.mjs';
import { application, clientAddress, idNumber, percentile, runPool } from './load-workload.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The stand-in's connections to PostgreSQL, by default twice the CPUs (PostgreSQL's own sizing
 * rule: cores × 2 plus the disks). PostgREST's default is 10 (db-pool): on two cores ten backends
 * only take turns, and measured here the same submits cost about 30% more PostgreSQL CPU (README.md,
 * "Benchmark", has both). --pool sets it.
 */
export const defaultPoolSize = () => 2 * availableParallelism();

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

/** CPU seconds used so far by a process and its children (Linux /proc; null elsewhere). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime, stime, cutime, cstime (fields 14–17 of stat, 12–15 after the command), in clock ticks.
    return fields.slice(11, 15).reduce((sum, v) => sum + Number(v), 0) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU seconds of the PostgreSQL server listening on `port`: its postmaster (found by the port in its
 * command line, as dev/postgres/cluster.ts starts it) and every process it started. Null when the
 * server is not a local process started that way.
 */
function postgresCpuSeconds(port) {
  try {
    const pids = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
    const info = pids.map((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        return { pid, ppid: stat[1], cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
      } catch {
        return null;
      }
    }).filter(Boolean);
    const master = info.find((p) => p.cmd.includes(`port=${port}\0`) || p.cmd.includes(`port=${port} `));
    if (!master) return null;
    return [master, ...info.filter((p) => p.ppid === master.pid)].reduce((sum, p) => sum + (cpuSeconds(p.pid) ?? 0), 0);
  } catch {
    return null;
  }
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const reference = () => Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join('');

export async function benchmark({ databaseUrl, levels, n, sqlN, log, poolSize = defaultPoolSize() }) {
  const { literal } = await import('../../dev/local-supabase/sql.ts');
  const { postgresDatabase } = await import('../../dev/local-supabase/postgres.ts');
  const { callRpc } = await import('../../dev/local-supabase/rpc.ts');

  const standin = await startChild(
    `${root}scripts/local-supabase.mjs`,
    ['--port', '0', '--database-url', databaseUrl, '--pool-size', String(poolSize)],
    { ready: /stand-in \(postgres\): (http:\/\/\S+)[\s\S]*service_role key \(local[^)]*\): +(\S+)/ },
  );
  const [, supabaseUrl, serviceKey] = standin.match;
  const site = await startChild(`${root}scripts/serve-static.mjs`, ['0'], {
    env: { ...process.env, SUPABASE_URL: supabaseUrl, SUPABASE_SECRET_KEY: serviceKey },
    ready: /Serving dist\/ at (http:\/\/\S+)/,
  });
  const [, siteUrl] = site.match;
  const db = await postgresDatabase({ url: databaseUrl, max: poolSize });
  const failures = [];
  let seq = 0;
  let agent;
  let expected = 0;
  const results = { http: [], sql: [], insert: [] };

  try {
    const version = (await db.query(`select current_setting('server_version') as v, current_setting('fsync') as f, current_setting('synchronous_commit') as s`)).rows[0];
    // Every API request carries a channel key; the benchmark issues itself one (as npm run api-key does).
    const apiKey = `clk_${randomBytes(32).toString('base64url')}`;
    const issued = await callRpc(db, { role: 'service_role', claims: { role: 'service_role' } }, 'issue_api_key', {
      p_name: '性能基准', p_key_hash: createHash('sha256').update(apiKey).digest('hex'),
    });
    const channelId = issued.body?.id;
    if (issued.status !== 200 || !channelId) throw new Error(`issue_api_key answered ${issued.status}`);
    log(`PostgreSQL ${version.v} (fsync ${version.f}, synchronous_commit ${version.s}), ${availableParallelism()} CPUs, stand-in pool ${poolSize}`);

    // The clients: plain node:http with kept-alive connections, the lightest client Node has, so that
    // the machine's two cores go to the servers under test rather than to the load generator.
    agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const target = new URL(`${siteUrl}/api/v1/applications`);
    // Each request is made before the clock starts, so that the clients spend their CPU on sending.
    const requestOf = (i) => {
      const body = Buffer.from(JSON.stringify(application(i)));
      return {
        body,
        headers: {
          'Content-Type': 'application/json', 'Content-Length': body.length, 'Idempotency-Key': `bench-${randomBytes(12).toString('base64url')}`,
          Authorization: `Bearer ${apiKey}`, 'X-Nf-Client-Connection-Ip': clientAddress(i),
        },
      };
    };
    let prepared = new Map();
    const prepare = (count) => {
      prepared = new Map(Array.from({ length: count }, (_, k) => [seq + k, requestOf(seq + k)]));
    };
    const post = () =>
      new Promise((resolve) => {
        const i = seq++;
        const { body, headers } = prepared.get(i) ?? requestOf(i);
        prepared.delete(i);
        const req = request(
          target,
          { method: 'POST', agent, headers },
          (res) => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode === 201) expected++;
              else failures.push(`HTTP ${res.statusCode}`);
              resolve(undefined);
            });
          },
        );
        req.on('error', (error) => {
          failures.push(`HTTP ${error.code ?? error.name}`);
          resolve(undefined);
        });
        req.end(body);
      });
    const identity = { role: 'service_role', claims: { role: 'service_role' } };
    const submitSql = async () => {
      const i = seq++;
      const a = application(i);
      const response = await callRpc(db, identity, 'submit_complete_application', {
        p_service: a.service,
        p_action: a.action ?? null,
        p_answers: a.answers,
        p_client_token: `bench-${randomBytes(12).toString('base64url')}`,
        p_client_key: createHash('sha256').update(`client:${clientAddress(i)}`).digest('hex'),
        p_channel_id: channelId,
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

    // Warm up every path (connections, plans, the JIT of every process: V8 compiles a function
    // optimised only after some thousands of calls) before measuring.
    prepare(1000);
    await measure(1000, 20, post);
    await measure(500, 10, submitSql);
    await measure(500, 10, insertBare);
    const before = (await callRpc(db, identity, 'intake_counts', {})).body.applications;
    expected = 0;

    for (const concurrency of levels) {
      const port = new URL(databaseUrl).port;
      const cpu = () => ({ client: process.cpuUsage(), site: cpuSeconds(site.child.pid), standin: cpuSeconds(standin.child.pid), postgres: postgresCpuSeconds(port) });
      prepare(n);
      const cpuBefore = cpu();
      const http = await measure(n, concurrency, post);
      const cpuAfter = cpu();
      const perApplication = (a, b) => (a === null || b === null ? null : ((b - a) * 1000) / n);
      const clientUser = cpuAfter.client.user + cpuAfter.client.system - cpuBefore.client.user - cpuBefore.client.system;
      results.http.push({
        concurrency,
        ...http,
        cpuMs: {
          client: clientUser / 1000 / n,
          site: perApplication(cpuBefore.site, cpuAfter.site),
          standin: perApplication(cpuBefore.standin, cpuAfter.standin),
          postgres: perApplication(cpuBefore.postgres, cpuAfter.postgres),
        },
      });
      results.sql.push({ concurrency, ...(await measure(sqlN, concurrency, submitSql)) });
      results.insert.push({ concurrency, ...(await measure(sqlN, concurrency, insertBare)) });
    }
    const stored = (await callRpc(db, identity, 'intake_counts', {})).body.applications - before;
    if (stored !== expected) failures.push(`${expected} applications acknowledged but ${stored} stored`);
  } finally {
    agent?.destroy();
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
  const cpu = (v) => (v === null ? '?' : v.toFixed(2));
  log('\nCPU time per application (ms), by process:');
  log(row(['concurrency', 'clients', 'site server + API function', 'stand-in', 'PostgreSQL']));
  log(row(['---:', '---:', '---:', '---:', '---:']));
  for (const r of results.http) log(row([r.concurrency, cpu(r.cpuMs.client), cpu(r.cpuMs.site), cpu(r.cpuMs.standin), cpu(r.cpuMs.postgres)]));
  log('\nThe SQL submit function against a bare INSERT of the same row, through the same client and pool:');
  log(row(['concurrency', 'submit_complete_application/s', 'p50 ms', 'bare INSERT/s', 'p50 ms', 'ratio (mean time)', 'ratio (throughput)']));
  log(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  results.sql.forEach((s, i) => {
    const b = results.insert[i];
    log(row([s.concurrency, s.perSecond.toFixed(0), ms(s.p50), b.perSecond.toFixed(0), ms(b.p50), `${(s.mean / b.mean).toFixed(2)}×`, `${(b.perSecond / s.perSecond).toFixed(2)}×`]));
  });
}
