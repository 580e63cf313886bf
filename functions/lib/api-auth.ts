import type { ApiKeyCheck } from '../../src/data/api-keys.ts';
import { apiError, unavailable } from './api-responses.ts';

/**
 * Every API request carries its channel's key (issued by the federation: npm run api-key) as
 * `Authorization: Bearer <key>`. Missing, unknown or revoked → 401 with a Chinese message and the
 * WWW-Authenticate header of RFC 6750; the database unreachable → 503. The key is never logged.
 */
export interface AuthDependencies {
  authenticate(key: string): Promise<ApiKeyCheck>;
}

const REALM = 'Bearer realm="api"';
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Keys found valid in the last minute, so that a busy channel's submits do not each cost a round
 * trip to the database before the one that stores the application (measured: README.md,
 * "Benchmark"). Only submits use them, because the submit function checks the channel again in the
 * transaction that stores (public.submit_complete_application: a revoked channel → 401, nothing
 * stored); status lookups always ask. Unknown and revoked keys are never remembered, so a wrong key
 * is refused before its body is read. In memory only, per authenticator (tests give their own).
 */
export const REMEMBER_KEY_MS = 60_000;
const MAX_REMEMBERED = 64;
const remembered = new WeakMap<AuthDependencies['authenticate'], Map<string, { channelId: string; until: number }>>();

function rememberedFor(deps: AuthDependencies) {
  let keys = remembered.get(deps.authenticate);
  if (!keys) remembered.set(deps.authenticate, (keys = new Map()));
  return keys;
}

const bearerKey = (req: Request) => BEARER.exec(req.headers.get('authorization') ?? '')?.[1];

/** Forget a key (its channel was refused by the database after all: revoked in the meantime). */
export function forgetKey(req: Request, deps: AuthDependencies): void {
  const key = bearerKey(req);
  if (key) rememberedFor(deps).delete(key);
}

/** The channel id of the request's key; `forSubmit` may answer from the keys remembered. */
export async function channelOf(req: Request, deps: AuthDependencies, forSubmit = false): Promise<string> {
  const key = bearerKey(req);
  if (!key) throw apiError(401, 'api_key_missing', { 'WWW-Authenticate': REALM });
  const keys = rememberedFor(deps);
  const known = keys.get(key);
  if (forSubmit && known && known.until > Date.now()) return known.channelId;
  let check: ApiKeyCheck;
  try {
    check = await deps.authenticate(key);
  } catch {
    throw unavailable();
  }
  if (check.ok) {
    keys.delete(key);
    if (keys.size >= MAX_REMEMBERED) keys.delete(keys.keys().next().value!);
    keys.set(key, { channelId: check.channelId, until: Date.now() + REMEMBER_KEY_MS });
    return check.channelId;
  }
  keys.delete(key);
  const code = check.error === 'api_key_revoked' ? 'api_key_revoked' : 'api_key_invalid';
  throw apiError(401, code, { 'WWW-Authenticate': `${REALM}, error="invalid_token"` });
}
