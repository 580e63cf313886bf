#!/usr/bin/env node
// The export benchmark: seeds N applications (10,000 by default) in the local Supabase stand-in,
// runs in a child process (so the database's memory is not counted), then exports them as CSV and as
// XLSX through the workspace's own code (src/lib/staff/export/handler.ts → src/data/staff.ts →
// supabase-js → HTTP → RLS with a reviewer's token), reading each file to the end as a client would,
// and prints the time, the bytes and this process's peak memory over its baseline (heap and RSS,
// sampled every 5 ms).
//
//   npm run export-bench                 # 10,000 rows
//   npm run export-bench -- --rows 2000 --json
//   npm run export-bench -- --buffered   # also: every row held in memory first, for comparison
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
    buffered: { type: 'boolean', default: false },
    standin: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const site = parse(readFileSync(new URL('../content/site.yaml', import.meta.url), 'utf8'));

if (values.standin) {
  // The child: the stand-in with a reviewer and `rows` applications; tells the parent where it is.
  const { startLocalSupabase } = await import('../dev/local-supabase/start.ts');
  const { seedApplications } = await import('../dev/seed-applications.ts');
  const { makeLocalJwt } = await import('../dev/local-supabase/keys.ts');
  const local = await startLocalSupabase();
  const reviewer = randomUUID();
  await local.db.query(`insert into intake.staff_members (user_id, display_name, role) values ($1, '审核（基准）', 'reviewer')`, [reviewer]);
  await seedApplications(local.db, { count: rows, townships: site.townships.map((t) => t.id), batch: 'bench' });
  const token = makeLocalJwt('authenticated', { sub: reviewer, aal: 'aal2', exp: Math.floor(Date.now() / 1000) + 3600 });
  process.stdout.write(`${JSON.stringify({ url: local.url, anonKey: local.anonKey, serviceKey: local.serviceKey, token })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await local.stop();
    process.exit(0);
  });
} else {
  if (typeof globalThis.gc !== 'function') {
    console.error('Run with node --expose-gc --experimental-transform-types (npm run export-bench does).');
    process.exit(2);
  }
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--standin', '--rows', String(rows)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the stand-in stopped (${code})`)));
  });
  const standin = JSON.parse(line);
  process.env.SUPABASE_URL = standin.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = standin.anonKey;
  process.env.SUPABASE_SECRET_KEY = standin.serviceKey;
  const { staffData } = await import('../src/data/staff.ts');
  const { handleExport, exportLabels } = await import('../src/lib/staff/export/handler.ts');
  const { columnSet, cells, headers } = await import('../src/domain/staff/export-columns.ts');
  const data = staffData(standin.token);

  /** Runs `work` while sampling memory; the peak over the baseline taken after a full GC. */
  async function measure(work) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 50));
    globalThis.gc();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let peakRss = base.rss;
    const sample = () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    };
    const timer = setInterval(sample, 5);
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    sample();
    clearInterval(timer);
    const mb = (n) => Math.round((n / 1024 / 1024) * 10) / 10;
    return { ...result, ms: Math.round(ms), heapDeltaMB: mb(peakHeap - base.heapUsed), rssDeltaMB: mb(peakRss - base.rss) };
  }

  async function streamed(format) {
    const outcome = await handleExport({ fields: { set: 'queue', format, data: 'full' }, filters: {}, filtersValid: true, role: 'reviewer', data, site });
    if (!outcome.response) throw new Error(`export refused: ${JSON.stringify(outcome.errors)}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of outcome.response.body) {
      bytes += chunk.byteLength;
      if (format === 'csv') for (const b of chunk) if (b === 10) lines++;
    }
    return { format, bytes, ...(format === 'csv' ? { rows: lines - 1 } : {}) };
  }

  /** For comparison: every row read into memory first, then the whole workbook built in memory. */
  async function buffered() {
    const ExcelJS = (await import('exceljs')).default;
    const set = columnSet('queue');
    const started = await data.exportStart('queue', 'xlsx', true, {});
    const all = [];
    for (let page = await data.exportRows(started.id, null); page.length; page = await data.exportRows(started.id, { at: all.at(-1).submitted_at, id: all.at(-1).id })) all.push(...page);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('导出');
    const labels = exportLabels(site);
    const { uiText } = await import('../src/i18n/text/index.ts');
    sheet.addRow(headers(set, (k) => uiText[k]));
    all.forEach((r, i) => sheet.addRow(cells(set, r, labels, i).map((c) => (c.kind === 'text' ? c.text : c.kind === 'date' ? c.iso : null))));
    const file = await book.xlsx.writeBuffer();
    return { format: 'xlsx (all in memory)', bytes: file.byteLength, rows: all.length };
  }

  const results = [await measure(() => streamed('csv')), await measure(() => streamed('xlsx'))];
  if (values.buffered) results.push(await measure(buffered));
  child.stdin.end();
  if (values.json) console.log(JSON.stringify({ rows, results }));
  else {
    console.log(`Export of ${rows} applications (queue column set, full data, reviewer), Node ${process.version}:`);
    for (const r of results) console.log(`  ${r.format.padEnd(22)} ${String(r.ms).padStart(6)} ms  ${(r.bytes / 1024 / 1024).toFixed(2).padStart(6)} MB  peak heap +${r.heapDeltaMB} MB  peak RSS +${r.rssDeltaMB} MB`);
  }
}
