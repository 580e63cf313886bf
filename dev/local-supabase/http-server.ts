import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { identityFromHeaders } from './keys.ts';
import { callRpc } from './rpc.ts';
import { createSerialQueue } from './serial-queue.ts';
import type { SqlDatabase } from './sql.ts';
import type { createAuthHandler } from './auth/server.ts';

type AuthHandler = ReturnType<typeof createAuthHandler>;

const MAX_BODY_BYTES = 256 * 1024;
const RPC_PATH = /^\/rest\/v1\/rpc\/([^/?#]+)$/;

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const postgrestError = (code: string, message: string) => ({ code, message, details: null, hint: null });

export function readBody(req: IncomingMessage): Promise<string> {
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

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One service of the stand-in, mounted under a path prefix as Supabase's gateway mounts them
 * (/rest/v1/, /auth/v1/): it answers the request and resolves, or throws for a 500.
 */
export interface StandinService {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/**
 * PostgREST's part this project uses: POST /rest/v1/rpc/<fn> with JSON arguments; every other
 * /rest/v1/ path is 404. On PGlite (one connection) calls run one at a time; on PostgreSQL they run
 * in parallel on the pool's connections, as PostgREST runs them.
 */
export function restService(db: SqlDatabase): StandinService {
  const run = db.engine === 'pglite' ? createSerialQueue() : <T>(task: () => Promise<T>) => task();
  return {
    prefix: '/rest/v1/',
    async handle(req, res, url) {
      const match = RPC_PATH.exec(url.pathname);
      if (!match?.[1]) return send(res, 404, postgrestError('PGRST000', 'Not supported by the local stand-in'));
      if (req.method !== 'POST') return send(res, 405, postgrestError('PGRST000', 'Only POST is supported'));
      const identity = identityFromHeaders(header(req, 'authorization'), header(req, 'apikey'));
      if (!identity) return send(res, 401, postgrestError('PGRST301', 'Missing or invalid API key'));
      let args: unknown;
      try {
        const text = await readBody(req);
        args = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return send(res, 400, postgrestError('PGRST102', 'Invalid JSON body'));
      }
      let fn: string;
      try {
        fn = decodeURIComponent(match[1]);
      } catch {
        return send(res, 404, postgrestError('PGRST202', 'Could not find the function'));
      }
      const result = await run(() => callRpc(db, identity, fn, args));
      send(res, result.status, result.body);
    },
  };
}

/**
 * The Auth endpoints of auth/server.ts (GoTrue's part the staff workspace calls), under /auth/v1/.
 * Served one at a time whatever the engine: sign-in is rare, and the handler's few statements per
 * request then never interleave.
 */
export function authService(auth: AuthHandler): StandinService {
  const run = createSerialQueue();
  return {
    prefix: '/auth/v1/',
    async handle(req, res, url) {
      let body: Record<string, unknown> = {};
      try {
        const text = await readBody(req);
        const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        return send(res, 400, { code: 400, error_code: 'bad_json', msg: 'Invalid JSON body' });
      }
      const headers = { authorization: header(req, 'authorization'), apikey: header(req, 'apikey') };
      const answer = await run(() => auth(req.method ?? 'GET', url.pathname.slice('/auth/v1'.length), url.searchParams, headers, body));
      if (answer.body === undefined) {
        res.writeHead(answer.status);
        res.end();
      } else send(res, answer.status, answer.body);
    },
  };
}

/**
 * The stand-in's HTTP server: each request goes to the service whose prefix it starts with (404
 * otherwise). Nothing from request or response bodies is ever logged: they hold personal data.
 */
export function createStandinServer(services: StandinService[]): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const service = services.find((s) => url.pathname.startsWith(s.prefix));
      if (!service) return send(res, 404, postgrestError('PGRST000', 'Not supported by the local stand-in'));
      await service.handle(req, res, url);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, postgrestError('PGRST000', 'Local stand-in error'));
      else res.destroy();
    });
  });
}
