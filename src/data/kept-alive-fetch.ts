import http from 'node:http';
import https from 'node:https';

/**
 * The fetch of the server's Supabase clients (the intake client, src/data/supabase-client.ts, and
 * each staff member's, src/data/staff-auth.ts): node:http(s) over kept-alive connections, answering
 * a standard Response. supabase-js only ever calls fetch(url, { method, headers, body: string }),
 * and for that the built-in fetch (undici) costs about 0.2 ms more CPU per call (web streams,
 * WebIDL checks, its own connection pool), a call being a whole API submit's database round trip
 * (measured: README.md, "Benchmark"). Anything else (a Request object, a stream body) goes to the
 * built-in fetch unchanged.
 *
 * A call that gets no answer within CALL_TIMEOUT_MS fails (the data layer answers 503), so a
 * database that hangs never holds a request for longer than that.
 */
export const CALL_TIMEOUT_MS = 30_000;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** Statuses whose Response may not have a body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A fetch as above whose calls fail after `timeoutMs` without an answer. */
export function createKeptAliveFetch({ timeoutMs = CALL_TIMEOUT_MS }: { timeoutMs?: number } = {}): typeof fetch {
  return (input, init = {}) => {
    const body = init.body;
    const plain = typeof input === 'string' || input instanceof URL;
    if (!plain || (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))) return fetch(input, init);
    const url = new URL(input);
    const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
    if (!agent) return fetch(input, init);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const bytes = body == null ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (bytes) headers['content-length'] = String(bytes.byteLength);
    const signal = init.signal ?? undefined;

    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        // The connection lost before the whole answer came: a failure, never a shortened body.
        res.on('close', () => {
          if (!res.complete) reject(new Error('connection closed before the answer was complete'));
        });
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          const hasBody = !NULL_BODY.has(status) && method !== 'HEAD';
          try {
            resolve(new Response(hasBody ? Buffer.concat(chunks) : null, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
          } catch (error) {
            reject(error);
          }
        });
      });
      const onAbort = () => req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.end(bytes);
    });
  };
}

export const keptAliveFetch = createKeptAliveFetch();
