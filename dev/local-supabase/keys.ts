import { signJwt, verifyJwt } from './auth/jwt.ts';

/**
 * API keys and tokens of the local Supabase stand-in: HS256 JWTs signed with the stand-in's JWT
 * secret, as a Supabase project signs its legacy API keys and Auth's access tokens. The secret
 * is the Supabase CLI's well-known local default (or LOCAL_SUPABASE_JWT_SECRET): these keys open
 * only a stand-in on 127.0.0.1, and a real project rejects them. Every token the stand-in is given
 * is verified (signature and expiry), so a staff member's token cannot be forged or altered.
 */
export type ApiRole = 'anon' | 'authenticated' | 'service_role';
const ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

export const LOCAL_JWT_SECRET = process.env['LOCAL_SUPABASE_JWT_SECRET'] || 'super-secret-jwt-token-with-at-least-32-characters-long';

/** A signed local JWT for a role; extra claims (e.g. sub, aal) are merged into the payload. */
export function makeLocalJwt(role: ApiRole, claims: Record<string, unknown> = {}): string {
  return signJwt({ iss: 'supabase-local-standin', iat: Math.floor(Date.now() / 1000), ...claims, role }, LOCAL_JWT_SECRET);
}

export const LOCAL_ANON_KEY = makeLocalJwt('anon');
export const LOCAL_SERVICE_KEY = makeLocalJwt('service_role');

export interface RequestIdentity {
  role: ApiRole;
  claims: Record<string, unknown>;
}

/** The claims of a valid token that names a known role, or null. */
export function readLocalJwt(token: string): RequestIdentity | null {
  const claims = verifyJwt(token, LOCAL_JWT_SECRET);
  const role = claims?.['role'];
  if (!claims || typeof role !== 'string' || !ROLES.includes(role)) return null;
  return { role: role as ApiRole, claims };
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
