import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeptAliveFetch, keptAliveFetch } from '../../../src/data/kept-alive-fetch.ts';

/**
 * The fetch of the server's Supabase clients, against a local HTTP server: what supabase-js sends
 * arrives as sent, what comes back is a standard Response, and every failure is a rejection (the
 * data layer turns it into 503), never a hang or a shortened body.
 */
let server: Server;
let base: string;
const sockets = new Set<string>();
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

function handle(req: IncomingMessage, res: ServerResponse) {
  sockets.add(`${req.socket.remotePort}`);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    switch (req.url) {
      case '/rest/v1/rpc/echo':
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Range': '0-0/*' });
        return res.end(JSON.stringify({ got: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      case '/error':
        res.writeHead(409, 'Conflict', { 'Content-Type': 'application/json' });
        return res.end('{"code":"23505","message":"duplicate"}');
      case '/empty':
        res.writeHead(204);
        return res.end();
      case '/cookies':
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        return res.end('ok');
      case '/silent':
        return; // never answers
      case '/cut':
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      default:
        res.writeHead(404);
        return res.end('not found');
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('keptAliveFetch', () => {
  it('sends the method, headers and body supabase-js gives, and answers a standard Response', async () => {
    const body = JSON.stringify({ p_name: '测试渠道', p_answers: { applicant: { name: '王明' } } });
    const response = await keptAliveFetch(`${base}/rest/v1/rpc/echo`, {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'application/json', apikey: 'k', Authorization: 'Bearer k', Prefer: 'return=representation' }),
      body,
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toBe('0-0/*');
    expect(await response.json()).toEqual({ got: JSON.parse(body) });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/rest/v1/rpc/echo', body });
    expect(request.headers).toMatchObject({ apikey: 'k', authorization: 'Bearer k', prefer: 'return=representation', 'content-length': String(Buffer.byteLength(body)) });
  });

  it('keeps connections alive between calls', async () => {
    sockets.clear();
    for (let i = 0; i < 5; i++) await (await keptAliveFetch(`${base}/rest/v1/rpc/echo`, { method: 'POST', body: '{}' })).text();
    expect(sockets.size).toBe(1);
  });

  it('passes error statuses, empty answers and repeated headers through as they are', async () => {
    const conflict = await keptAliveFetch(`${base}/error`);
    expect([conflict.ok, conflict.status, conflict.statusText]).toEqual([false, 409, 'Conflict']);
    expect(await conflict.json()).toEqual({ code: '23505', message: 'duplicate' });
    const empty = await keptAliveFetch(`${base}/empty`, { method: 'DELETE' });
    expect([empty.status, await empty.text()]).toEqual([204, '']);
    const head = await keptAliveFetch(`${base}/error`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([409, '']);
    expect((await keptAliveFetch(`${base}/cookies`)).headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('rejects when the server cannot be reached, stays silent past the timeout, or cuts the answer short', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(keptAliveFetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

    const quick = createKeptAliveFetch({ timeoutMs: 150 });
    const started = Date.now();
    await expect(quick(`${base}/silent`)).rejects.toThrow(/no answer within 150 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);

    await expect(keptAliveFetch(`${base}/cut`)).rejects.toThrow();
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const call = keptAliveFetch(`${base}/silent`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('given up')), 50);
    await expect(call).rejects.toThrow('given up');
    const aborted = AbortSignal.abort(new Error('before'));
    await expect(keptAliveFetch(`${base}/error`, { signal: aborted })).rejects.toThrow('before');
  });

  it('leaves a Request object or a stream body to the built-in fetch', async () => {
    const viaRequest = await keptAliveFetch(new Request(`${base}/rest/v1/rpc/echo`, { method: 'POST', body: '{"a":1}' }));
    expect(await viaRequest.json()).toEqual({ got: { a: 1 } });
    const stream = new Blob(['{"b":2}']).stream();
    const viaStream = await keptAliveFetch(`${base}/rest/v1/rpc/echo`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await viaStream.json()).toEqual({ got: { b: 2 } });
  });
});
