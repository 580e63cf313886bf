import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PGlite } from '@electric-sql/pglite';
import { identityFromHeaders } from './keys.ts';
import { callRpc } from './rpc.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { createAuthHandler } from './auth/server.ts';

type AuthHandler = ReturnType<typeof createAuthHandler>;

const MAX_BODY_BYTES = 256 * 1024;
const RPC_PATH = /^\/rest\/v1\/rpc\/([^/?#]+)$/;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The part of Supabase's API this project uses: POST /rest/v1/rpc/<fn> with JSON arguments, and
 * the Auth endpoints of auth/server.ts under /auth/v1/. Everything else is 404. Requests are
 * served one at a time (PGlite is single-connection). Nothing from request or response bodies is
 * ever logged: they hold personal data.
 */
export function createStandinServer(db: PGlite, auth?: AuthHandler): Server {
  const enqueue = createSerialQueue();
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (auth && url.pathname.startsWith('/auth/v1/')) {
        let body: Record<string, unknown> = {};
        try {
          const text = await readBody(req);
          const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        } catch {
          return send(res, 400, { code: 400, error_code: 'bad_json', msg: 'Invalid JSON body' });
        }
        const headers = { authorization: header(req, 'authorization'), apikey: header(req, 'apikey') };
        const answer = await enqueue(() => auth(req.method ?? 'GET', url.pathname.slice('/auth/v1'.length), url.searchParams, headers, body));
        return answer.body === undefined ? (res.writeHead(answer.status), res.end()) : send(res, answer.status, answer.body);
      }
      const match = RPC_PATH.exec(url.pathname);
      if (!match?.[1]) return send(res, 404, { code: 'PGRST000', message: 'Not supported by the local stand-in', details: null, hint: null });
      if (req.method !== 'POST') return send(res, 405, { code: 'PGRST000', message: 'Only POST is supported', details: null, hint: null });
      const identity = identityFromHeaders(header(req, 'authorization'), header(req, 'apikey'));
      if (!identity) return send(res, 401, { code: 'PGRST301', message: 'Missing or invalid API key', details: null, hint: null });
      let args: unknown;
      try {
        const text = await readBody(req);
        args = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return send(res, 400, { code: 'PGRST102', message: 'Invalid JSON body', details: null, hint: null });
      }
      const fn = decodeURIComponent(match[1]);
      const result = await enqueue(() => callRpc(db, identity, fn, args));
      send(res, result.status, result.body);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { code: 'PGRST000', message: 'Local stand-in error', details: null, hint: null });
      else res.destroy();
    });
  });
}
