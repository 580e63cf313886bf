/**
 * API keys of the local Supabase stand-in. They are UNSIGNED JWTs (alg "none"): the stand-in listens
 * on 127.0.0.1 only and reads the role from the payload without checking a signature. They are
 * worthless anywhere else, and a real Supabase project rejects them.
 *
 *   anon key:         payload {"iss":"supabase-local-standin","role":"anon"}
 *   service_role key: payload {"iss":"supabase-local-standin","role":"service_role"}
 */
export type ApiRole = 'anon' | 'authenticated' | 'service_role';
const ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

function base64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

/** An unsigned local JWT for a role; extra claims (e.g. sub) are merged into the payload. */
export function makeLocalJwt(role: ApiRole, claims: Record<string, unknown> = {}): string {
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iss: 'supabase-local-standin', ...claims, role }));
  return `${header}.${payload}.`;
}

export const LOCAL_ANON_KEY = makeLocalJwt('anon');
export const LOCAL_SERVICE_KEY = makeLocalJwt('service_role');

export interface RequestIdentity {
  role: ApiRole;
  claims: Record<string, unknown>;
}

/** The claims of a JWT whose payload names a known role, or null. */
export function readLocalJwt(token: string): RequestIdentity | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const role = (claims as Record<string, unknown>)['role'];
    if (typeof role !== 'string' || !ROLES.includes(role)) return null;
    return { role: role as ApiRole, claims: claims as Record<string, unknown> };
  } catch {
    return null;
  }
}

/**
 * The identity of a request, as PostgREST behind Supabase's gateway decides it: the
 * Authorization bearer JWT if present, otherwise the apikey header. Null when neither is valid.
 */
export function identityFromHeaders(authorization: string | undefined, apikey: string | undefined): RequestIdentity | null {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return readLocalJwt(bearer);
  return apikey ? readLocalJwt(apikey) : null;
}
