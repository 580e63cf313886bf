import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { SiteSchema, type SiteConfig } from '../../src/domain/content/site-schema.ts';
import { journeyContext } from '../../src/domain/applications/context.ts';
import { todayInChina } from '../../src/domain/dates.ts';
import { currentPolicy } from '../../src/lib/policy.ts';
import { clientIpOf as clientIpFrom, clientKeyOf } from '../../src/lib/client-key.ts';
import { ApiError, apiError, errorResponse, unavailable } from './api-responses.ts';
import { channelOf, forgetKey, type AuthDependencies } from './api-auth.ts';
import { COLLECTION, submit, type SubmitDependencies } from './api-submit.ts';
import { lookup, type LookupDependencies } from './api-lookup.ts';

/**
 * The JSON intake API (for channels other than the web forms: a WeChat mini program, a village
 * officer's tablet), as a plain Request → Response function so it can run as a Netlify Function,
 * in the local server and in tests alike.
 *
 *   POST /api/v1/applications              a whole application at once (Idempotency-Key header)
 *   GET  /api/v1/applications/{reference}  its status (X-Id-Number-Last4 header)
 *
 * Every request needs its channel's key (Authorization: Bearer, api-auth.ts), checked first (a
 * submit may be answered from the keys found valid in the last minute: the database checks the
 * channel again as it stores).
 * Nothing from a request body, a key or a lookup fact is ever logged: only the status and an error code.
 */
export { dataErrorToApiError, MAX_BODY_BYTES } from './api-responses.ts';
export type { SubmitInput } from './api-submit.ts';

/** What the handler needs from the data layer (tests replace it to reach the failure paths). */
export interface ApiDependencies extends SubmitDependencies, LookupDependencies, AuthDependencies {
  log(line: string): void;
}

export interface HandleOptions {
  /** The caller's IP address (throttling key, hashed before it leaves this module). */
  clientIp: string;
  deps?: Partial<ApiDependencies>;
}

let sitePromise: Promise<SiteConfig> | undefined;

/** content/site.yaml, resolved from the working directory (Netlify: included_files), validated once. */
export function loadSite(path = join(process.cwd(), 'content', 'site.yaml')): Promise<SiteConfig> {
  sitePromise ??= readFile(path, 'utf8').then((text) => v.parse(SiteSchema, parseYaml(text)));
  sitePromise.catch(() => {
    sitePromise = undefined;
  });
  return sitePromise;
}

// The data layer is loaded on first use (tests that replace it never load supabase-js), once: an
// import() of a module already loaded still resolves it again, measurably, on every call.
let applicationsData: Promise<typeof import('../../src/data/applications.ts')> | undefined;
let apiKeysData: Promise<typeof import('../../src/data/api-keys.ts')> | undefined;

const defaultDeps: ApiDependencies = {
  async submit(input) {
    const data = await (applicationsData ??= import('../../src/data/applications.ts'));
    return data.submitCompleteApplication(input as Parameters<typeof data.submitCompleteApplication>[0]);
  },
  async lookup(input) {
    const data = await (applicationsData ??= import('../../src/data/applications.ts'));
    return data.lookupStatus(input);
  },
  async authenticate(key) {
    const keys = await (apiKeysData ??= import('../../src/data/api-keys.ts'));
    return keys.checkApiKey(key);
  },
  async context() {
    return journeyContext(await loadSite(), todayInChina(), await currentPolicy());
  },
  log(line) {
    console.warn(line);
  },
};

export async function handleApplicationsRequest(req: Request, options: HandleOptions): Promise<Response> {
  const deps: ApiDependencies = { ...defaultDeps, ...options.deps };
  let response: Response;
  try {
    response = await route(req, options.clientIp, deps);
  } catch (error) {
    response = errorResponse(error instanceof ApiError ? error : unavailable());
    if (!(error instanceof ApiError)) deps.log(`[api] unexpected ${error instanceof Error ? error.name : typeof error}`);
  }
  // Only the status and the error code: never a body, a header value or a reference.
  if (response.status >= 500) {
    const code = await response.clone().json().then((b: { error?: { code?: string } }) => b.error?.code ?? '', () => '');
    deps.log(`[api] ${req.method} ${response.status} ${code}`);
  }
  return response;
}

async function route(req: Request, clientIp: string, deps: ApiDependencies): Promise<Response> {
  const channelId = await channelOf(req, deps, req.method === 'POST');
  const pathname = new URL(req.url).pathname.replace(/\/+$/, '');
  if (pathname === COLLECTION) {
    if (req.method !== 'POST') throw apiError(405, 'method_not_allowed', { Allow: 'POST' });
    try {
      return await submit(req, { clientKey: clientKeyOf(clientIp), channelId }, deps);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'api_key_revoked') forgetKey(req, deps);
      throw error;
    }
  }
  if (pathname.startsWith(`${COLLECTION}/`) && !pathname.slice(COLLECTION.length + 1).includes('/')) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw apiError(405, 'method_not_allowed', { Allow: 'GET, HEAD' });
    const response = await lookup(req, pathname.slice(COLLECTION.length + 1), clientIp, deps);
    return req.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
  }
  throw apiError(404, 'not_found');
}

/** Netlify's context.ip, else the header Netlify sets, else 'unknown'. */
export function clientIpOf(req: Request, context?: { ip?: string | undefined } | null): string {
  return clientIpFrom(context?.ip, req.headers);
}
