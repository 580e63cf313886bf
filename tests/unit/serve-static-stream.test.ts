import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendResponse } from '../../scripts/serve-static.mjs';

/**
 * The local server streams a response body as Netlify does: the client gets the first bytes while
 * the body is still being written (an export of 10,000 rows is never held whole). The body here
 * writes its second chunk only after the client has received the first: a server that buffered
 * the body would never answer, and the test would time out.
 */
describe('the local server', () => {
  it('sends a body as it is written', async () => {
    let firstArrived!: () => void;
    const arrived = new Promise<void>((resolve) => { firstArrived = resolve; });
    const server = createServer((_req, res) => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first,'));
          await arrived;
          controller.enqueue(new TextEncoder().encode('second'));
          controller.close();
        },
      });
      void sendResponse(res, new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const text = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the first chunk never arrived: the body was buffered')), 3000);
      get(`http://127.0.0.1:${port}/`, (res) => {
        let all = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          all += chunk;
          if (all === 'first,') firstArrived();
        });
        res.on('end', () => { clearTimeout(timer); resolve(all); });
      }).on('error', reject);
    });
    server.close();
    expect(text).toBe('first,second');
  });
});
