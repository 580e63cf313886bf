#!/usr/bin/env node
/**
 * Serve the build the way Netlify serves it: what `npm start` runs, and what the built-site tests,
 * pa11y and Lighthouse test. Files from dist/ first (directory → index.html), then the on-demand
 * pages through the SSR function the adapter built (.netlify/v1/functions/ssr), else 404.html with
 * status 404; plus the headers declared in netlify.toml; requests under /api/v1/ go to the
 * applications function (functions/applications.mts, imported directly: Node 22 strips its types).
 * Loopback only.
 *
 * Like Netlify's edge, it answers every request and never goes down on a bad one: a request target
 * or Host header that is not a URL, or a path that does not decode, is 400; TRACE, TRACK and CONNECT
 * are 405 before any function runs; anything a function throws is a 500 for that request only.
 *
 * Usage: node scripts/serve-static.mjs [port]   (prints "Serving dist/ at <url>")
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
/** Methods the Fetch API refuses to carry, which Netlify's edge refuses too. */
const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);
/** A Host header: a name or an IP literal, and an optional port (RFC 3986, without userinfo). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

class BadRequest extends Error {}

/** Header rules from netlify.toml: [{ for: '/*', values: {...} }]. */
async function headerRules() {
  const config = parse(await readFile(join(root, 'netlify.toml'), 'utf8'));
  return (config.headers ?? []).map((rule) => ({
    pattern: new RegExp(`^${rule.for.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
    values: rule.values,
  }));
}

/**
 * The request's URL from its target and Host header, as Netlify reads it. Origin-form ("/path")
 * and absolute-form ("http://host/path") targets; anything else, or a Host that is not one, is a
 * bad request.
 */
function requestUrl(req) {
  const target = req.url ?? '';
  const host = req.headers.host ?? '';
  let url;
  if (target.startsWith('/')) {
    if (!HOST.test(host)) throw new BadRequest('bad host');
    url = new URL(`http://${host}${target}`);
  } else if (/^https?:\/\//i.test(target)) {
    url = new URL(target);
  } else {
    throw new BadRequest('bad target');
  }
  return url;
}

/** A page path must decode to find a file (the API function reads its own paths, and answers in JSON). */
function checkPath(url) {
  try {
    decodeURIComponent(url.pathname);
  } catch {
    throw new BadRequest('bad path');
  }
}

async function resolveFile(pathname) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  if (safe.includes('\0')) return null;
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

/** The request's headers for a web Request (a header the Fetch API cannot carry is a bad request). */
function webHeaders(req) {
  const headers = new Headers();
  try {
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  } catch {
    throw new BadRequest('bad header');
  }
  return headers;
}

async function toRequest(req, url) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  return new Request(url, { method: req.method, headers: webHeaders(req), body });
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

/** The context Netlify gives a function (the parts this project reads). */
const functionContext = (ip) => ({ ip, geo: {}, site: {}, deploy: {}, account: {}, server: {}, params: {}, cookies: { get() {}, set() {}, delete() {} }, waitUntil() {}, next() {} });

/** A declared body small enough to read whole first, as Netlify hands it to a function. */
const BUFFERED_BODY_BYTES = 256 * 1024;

async function readWhole(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function handleApi(req, res, url) {
  const headers = webHeaders(req);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const declared = Number(req.headers['content-length']);
  // A small body with a length is read whole (cheaper than a web stream); anything else streams,
  // so that the function can refuse it (413) without this server holding all of it.
  const small = hasBody && req.headers['transfer-encoding'] === undefined && Number.isInteger(declared) && declared <= BUFFERED_BODY_BYTES;
  const body = hasBody && !small ? bodyStream(req) : null;
  const request = new Request(url, {
    method: req.method,
    headers,
    ...(small ? { body: await readWhole(req) } : {}),
    ...(body ? { body: body.stream, duplex: 'half' } : {}),
  });
  // Netlify gives the client's address as context.ip (and x-nf-client-connection-ip); tests set the
  // header to act as different clients.
  const ip = headers.get('x-nf-client-connection-ip') ?? req.socket.remoteAddress ?? 'unknown';
  const handler = await apiHandler();
  const response = await handler(request, functionContext(ip));
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

function sendText(res, status, text, extra = {}) {
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(text);
}

async function handle(req, res, { rules, ssr }) {
  if (REFUSED_METHODS.has(req.method)) return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, POST, OPTIONS' });
  const url = requestUrl(req);
  for (const rule of rules) {
    if (rule.pattern.test(url.pathname)) for (const [k, v] of Object.entries(rule.values)) res.setHeader(k, String(v));
  }
  if (url.pathname.startsWith('/api/v1/')) return handleApi(req, res, url);
  checkPath(url);
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
    const response = await ssr(await toRequest(req, url), functionContext(ip));
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
  let body;
  try {
    body = await readFile(path);
  } catch {
    return sendText(res, 500, 'dist/ is missing: run npm run build first');
  }
  res.writeHead(status, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export async function startStaticServer(port = 0, { host = '127.0.0.1' } = {}) {
  const context = { rules: await headerRules(), ssr: await ssrHandler() };
  const server = createServer((req, res) => {
    handle(req, res, context).catch((error) => {
      if (error instanceof BadRequest) return sendText(res, 400, 'Bad Request');
      // A function failed: this request gets a 500, the server carries on. Only the error's name
      // is logged (never a request's content).
      console.error(`[serve-static] ${req.method} failed: ${error?.name ?? typeof error}`);
      sendText(res, 500, 'Internal Server Error');
    });
  });
  // What Node's parser cannot read at all (a broken request line or header) gets a 400 too.
  server.on('clientError', (error, socket) => {
    if (!socket.writable || socket.destroyed) return socket.destroy();
    const status = error?.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host}:${actualPort}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server, url } = await startStaticServer(Number(process.argv[2] ?? 4322));
  console.log(`Serving dist/ at ${url}`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
