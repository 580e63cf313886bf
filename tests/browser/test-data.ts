import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';

/**
 * Test data in the stand-in's database, for what no page or function may do: dating a 公示
 * in the past to see it leave the board. A loopback-only server in the test run's own process
 * (the global setup), never part of the site or the stand-in; tests post one statement and its
 * parameters. `affected` counts the rows returned: a change says `returning …` to be counted.
 */
export async function startTestDataServer(supabase: LocalSupabase): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', async () => {
      try {
        const { sql, params } = JSON.parse(body) as { sql: string; params?: unknown[] };
        const result = await supabase.db.query(sql, params ?? []);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ rows: result.rows, affected: result.rows.length }));
      } catch (error) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Run one statement on the stand-in's database (test data only). */
export async function testSql<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<{ rows: T[]; affected: number }> {
  const response = await fetch(inject('testDataUrl'), { method: 'POST', body: JSON.stringify({ sql, params }) });
  if (!response.ok) throw new Error(`test data: ${await response.text()}`);
  return (await response.json()) as { rows: T[]; affected: number };
}
