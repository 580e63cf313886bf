/**
 * The exactly-once check under load: N whole applications sent with concurrency C, about 10% of
 * them sent again later with the same Idempotency-Key (a client's retry) and about 5% sent twice at
 * the same moment (a double tap). Then every acknowledged (201/200) application must be stored
 * exactly once: the row counts grow by exactly the number of distinct keys, every repeat got the
 * first reference, and each reference is found by a status lookup with its applicant's fact.
 * Returns the report lines and the violations (none when all is well).
 */
import { randomBytes } from 'node:crypto';
import { application, clientAddress, idNumber, percentile, runPool } from './load-workload.mjs';

export async function loadCheck({ n, concurrency, send, counts, apiKey }) {
  const jobs = Array.from({ length: n }, (_, i) => ({
    i,
    key: `load-${randomBytes(12).toString('base64url')}`,
    body: JSON.stringify(application(i)),
    fact: idNumber(i).slice(-4),
    address: clientAddress(i),
    retry: i % 10 === 3, // sent again after the first answer
    double: i % 20 === 7, // sent twice at once
    results: [],
  }));

  const latencies = [];
  async function submit(job) {
    const started = performance.now();
    let status = 0;
    let reference = null;
    let code = null;
    try {
      const response = await send(
        new Request('http://localhost/api/v1/applications', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': job.key, Authorization: `Bearer ${apiKey}`, 'X-Nf-Client-Connection-Ip': job.address },
          body: job.body,
        }),
      );
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

  const before = counts ? await counts() : null;
  const started = performance.now();
  await runPool(
    jobs.map((job) => async () => {
      if (job.double) await Promise.all([submit(job), submit(job)]);
      else await submit(job);
      if (job.retry) await submit(job);
    }),
    concurrency,
  );
  const elapsed = (performance.now() - started) / 1000;

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
  await runPool(
    [...acknowledged].map(([reference, job]) => async () => {
      const response = await send(
        new Request(`http://localhost/api/v1/applications/${reference}`, { headers: { 'X-Id-Number-Last4': job.fact, Authorization: `Bearer ${apiKey}`, 'X-Nf-Client-Connection-Ip': job.address } }),
      );
      const body = await response.json().catch(() => ({}));
      if (response.status !== 200 || body.reference !== reference || body.service !== JSON.parse(job.body).service) {
        lookupFailures.push(`${reference}: HTTP ${response.status} ${body.error?.code ?? ''}`.trim());
      }
    }),
    concurrency,
  );
  for (const failure of lookupFailures) violations.push(`lookup ${failure}`);

  const retries = jobs.filter((j) => j.retry).length;
  const doubles = jobs.filter((j) => j.double).length;
  const lines = [
    `  ${n} applications, ${retries} retried later with the same key, ${doubles} sent twice at once: ${latencies.length} requests, concurrency ${concurrency}`,
    `  ${elapsed.toFixed(2)} s, ${(latencies.length / elapsed).toFixed(1)} requests/s; latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
    `  ${acknowledged.size} distinct references acknowledged; ${acknowledged.size - lookupFailures.length} found by status lookup`,
    before && after
      ? `  rows: applications +${after.applications - before.applications}, status events +${after.statusEvents - before.statusEvents}, drafts +${after.drafts - before.drafts}`
      : '  rows: not checked (no database access given for --url)',
  ];
  return { lines, violations };
}
