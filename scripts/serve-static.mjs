#!/usr/bin/env node
/**
 * Serve the build the way Netlify serves it, for the browser tests and budgets: files
 * from dist/ first (directory → index.html), then the on-demand pages through the SSR
 * function the adapter built (.netlify/v1/functions/ssr), else 404.html with status 404;
 * plus the headers declared in netlify.toml; requests under /api/v1/ go to the applications
 * function (functions/applications.mts, imported directly: Node 22 strips its types). Loopback only.
 * Usage: node scripts/serve-static.mjs [port]
 */
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

/** Header rules from netlify.toml: [{ for: '/*', values: {...} }]. */
async function headerRules() {
  const config = parse(await readFile(join(root, 'netlify.toml'), 'utf8'));
  return (config.headers ?? []).map((rule) => ({
    pattern: new RegExp(`^${rule.for.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
    values: rule.values,
  }));
}

async function resolveFile(pathname) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(dist, safe);
  if (!candidate.startsWith(dist)) return null;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) {
      const index = join(candidate, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    return null;
  }
  return null;
}

/** The adapter's SSR function (Netlify Functions v2: Request → Response), if the build has one. */
async function ssrHandler() {
  const dir = join(root, '.netlify', 'v1', 'functions', 'ssr');
  for (const name of ['ssr.mjs', 'index.mjs', 'main.mjs']) {
    try {
      await stat(join(dir, name));
      const mod = await import(join(dir, name));
      return mod.default;
    } catch {
      /* try the next name */
    }
  }
  return null;
}

async function toRequest(req, url) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  return new Request(url, { method: req.method, headers, body });
}

/**
 * The request body as a web stream that the handler may stop reading early (413): the rest is
 * then drained and discarded, so the connection stays usable for the response.
 */
function bodyStream(req) {
  let done = false;
  const stream = new ReadableStream({
    start(controller) {
      req.on('data', (chunk) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!done) controller.close();
        done = true;
      });
      req.on('error', (error) => {
        if (!done) controller.error(error);
        done = true;
      });
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      done = true;
      req.resume();
    },
  });
  /** Stop feeding the stream (the handler has answered); the rest is drained separately. */
  const release = () => {
    done = true;
  };
  return { stream, release };
}

function drain(req, limit) {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(undefined));
    req.on('close', () => resolve(undefined));
    req.resume();
  });
}

/** The applications API function (Netlify Functions v2), loaded on first use. */
let apiModule;
async function apiHandler() {
  apiModule ??= import('../functions/applications.mts');
  return (await apiModule).default;
}

async function handleApi(req, res, url) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? bodyStream(req) : null;
  const request = new Request(url, {
    method: req.method,
    headers,
    ...(body ? { body: body.stream, duplex: 'half' } : {}),
  });
  // Netlify gives the client's address as context.ip (and x-nf-client-connection-ip); tests set the
  // header to act as different clients.
  const ip = headers.get('x-nf-client-connection-ip') ?? req.socket.remoteAddress ?? 'unknown';
  const handler = await apiHandler();
  const response = await handler(request, { ip, geo: {}, site: {}, deploy: {}, account: {}, server: {}, params: {}, cookies: { get() {}, set() {}, delete() {} }, waitUntil() {}, next() {} });
  // Netlify hands a function the whole request; here the handler may answer (413) before the
  // client has finished sending, so read the rest (up to Netlify's 6 MB) before answering, or the
  // client sees a reset connection instead of the response.
  body?.release();
  await drain(req, 6 * 1024 * 1024);
  return sendResponse(res, response);
}

/** A web Response onto a Node response: status, headers (each cookie its own), the body streamed. */
export async function sendResponse(res, response) {
  const headers = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  // Each cookie is a header of its own (Headers joins them otherwise, and a plain object keeps one).
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // Streamed as Netlify streams a function's ReadableStream body: chunk by chunk, with the
  // client's pace (an export of 10,000 rows is never held whole); a client that goes away cancels
  // the body, which stops reading the database.
  await pipeline(Readable.fromWeb(response.body), res).catch(() => res.destroy());
}

export async function startStaticServer(port = 0) {
  const rules = await headerRules();
  const ssr = await ssrHandler();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    for (const rule of rules) {
      if (rule.pattern.test(url.pathname)) for (const [k, v] of Object.entries(rule.values)) res.setHeader(k, String(v));
    }
    if (url.pathname.startsWith('/api/v1/')) {
      try {
        return await handleApi(req, res, url);
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('API handler failed');
        return;
      }
    }
    // Netlify adds the trailing slash to directory URLs.
    if (!url.pathname.endsWith('/') && !extname(url.pathname)) {
      const dir = await resolveFile(`${url.pathname}/`);
      if (dir) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
        res.end();
        return;
      }
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? await resolveFile(url.pathname) : null;
    if (!file && ssr) {
      // As for the API: tests set x-nf-client-connection-ip to act as different clients.
      const ip = typeof req.headers['x-nf-client-connection-ip'] === 'string' ? req.headers['x-nf-client-connection-ip'] : '127.0.0.1';
      const response = await ssr(await toRequest(req, url), { ip, geo: {}, site: {}, deploy: {}, account: {}, server: {}, params: {}, cookies: { get() {}, set() {}, delete() {} }, waitUntil() {}, next() {} });
      if (response && response.status !== 404) return sendResponse(res, response);
      // An on-demand page's own 404 (e.g. a receipt that cannot be opened) has a page to show; a
      // route nobody handles has no body and gets 404.html below, as on Netlify.
      if (response && response.status === 404 && (response.headers.get('content-type') ?? '').includes('text/html')) {
        const body = await response.clone().text();
        if (body.includes('<main')) return sendResponse(res, response);
      }
    }
    const status = file ? 200 : 404;
    const path = file ?? join(dist, '404.html');
    try {
      const body = await readFile(path);
      res.writeHead(status, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('dist/ is missing: run npm run build first');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actualPort}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startStaticServer(Number(process.argv[2] ?? 4322));
  console.log(`Serving dist/ at ${url}`);
}
