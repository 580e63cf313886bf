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

/** The channel id of the request's key. */
export async function channelOf(req: Request, deps: AuthDependencies): Promise<string> {
  const match = BEARER.exec(req.headers.get('authorization') ?? '');
  if (!match) throw apiError(401, 'api_key_missing', { 'WWW-Authenticate': REALM });
  let check: ApiKeyCheck;
  try {
    check = await deps.authenticate(match[1]!);
  } catch {
    throw unavailable();
  }
  if (check.ok) return check.channelId;
  const code = check.error === 'api_key_revoked' ? 'api_key_revoked' : 'api_key_invalid';
  throw apiError(401, code, { 'WWW-Authenticate': `${REALM}, error="invalid_token"` });
}
