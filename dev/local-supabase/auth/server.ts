import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { signJwt, verifyJwt } from './jwt.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { newTotpSecret, verifyTotp } from './totp.ts';

/**
 * Exactly the Supabase Auth (GoTrue) endpoints this project calls, for the local stand-in:
 *   POST /auth/v1/token?grant_type=password | refresh_token   sign in, refresh
 *   POST /auth/v1/logout                                     sign out (this session)
 *   GET  /auth/v1/user, PUT /auth/v1/user                    the signed-in user; change the password
 *   POST /auth/v1/factors, /factors/{id}/challenge, /factors/{id}/verify   TOTP MFA (aal2)
 *   POST /auth/v1/admin/users, GET|PUT|DELETE /auth/v1/admin/users/{id}    accounts (service key)
 *   GET /auth/v1/admin/users/{id}/factors, DELETE …/factors/{factor}      a lost authenticator (service key)
 * Passwords are scrypt hashes; access tokens are HS256 JWTs with Supabase's claims (sub, role,
 * aal, amr, session_id), signed with the stand-in's JWT secret, so the REST side can verify them.
 * A real project is the target: this covers the requests supabase-js makes for these calls.
 */
export interface AuthStore {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements at once, no parameters (the schema). */
  exec(sql: string): Promise<unknown>;
}

export interface AuthOptions {
  store: AuthStore;
  jwtSecret: string;
  /** The public base URL (issuer). */
  url: string;
  /** Access token lifetime in seconds (Supabase's default: 3600). */
  accessTokenSeconds?: number;
}

export interface AuthResponse {
  status: number;
  body?: unknown;
}

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string;
  email_confirmed_at: string | null;
  banned_until: string | null;
  user_metadata: Record<string, unknown>;
  app_metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

const SCHEMA = new URL('./schema.sql', import.meta.url);
export async function ensureAuthSchema(store: AuthStore): Promise<void> {
  await store.exec(await readFile(SCHEMA, 'utf8'));
}

/** GoTrue's error shape (supabase-js reads error_code and msg). */
const fail = (status: number, errorCode: string, msg: string): AuthResponse => ({ status, body: { code: status, error_code: errorCode, msg } });
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createAuthHandler(options: AuthOptions) {
  const { store, jwtSecret } = options;
  const lifetime = options.accessTokenSeconds ?? 3600;
  const issuer = () => `${options.url}/auth/v1`;

  const banned = (u: UserRow) => u.banned_until !== null && new Date(u.banned_until).getTime() > Date.now();

  async function factorsOf(userId: string) {
    const { rows } = await store.query<{ id: string; friendly_name: string | null; factor_type: string; status: string; created_at: string; updated_at: string }>(
      `select id, friendly_name, factor_type, status, created_at, updated_at from auth.mfa_factors where user_id = $1 order by created_at`, [userId]);
    return rows;
  }

  async function userJson(u: UserRow) {
    return {
      id: u.id, aud: 'authenticated', role: 'authenticated', email: u.email, phone: '',
      email_confirmed_at: u.email_confirmed_at, confirmed_at: u.email_confirmed_at, last_sign_in_at: u.last_sign_in_at,
      app_metadata: { provider: 'email', providers: ['email'], ...u.app_metadata }, user_metadata: u.user_metadata,
      identities: [], created_at: u.created_at, updated_at: u.updated_at, banned_until: u.banned_until,
      factors: await factorsOf(u.id), is_anonymous: false,
    };
  }

  async function session(u: UserRow, sessionId: string, aal: 'aal1' | 'aal2', methods: string[]) {
    const now = Math.floor(Date.now() / 1000);
    const refresh = randomBytes(24).toString('base64url');
    await store.query(`insert into auth.refresh_tokens (token_hash, session_id) values ($1, $2)`, [tokenHash(refresh), sessionId]);
    const access = signJwt({
      aud: 'authenticated', exp: now + lifetime, iat: now, iss: issuer(), sub: u.id, email: u.email, phone: '',
      app_metadata: { provider: 'email', providers: ['email'], ...u.app_metadata }, user_metadata: u.user_metadata,
      role: 'authenticated', aal, amr: methods.map((method) => ({ method, timestamp: now })), session_id: sessionId, is_anonymous: false,
    }, jwtSecret);
    return { access_token: access, token_type: 'bearer', expires_in: lifetime, expires_at: now + lifetime, refresh_token: refresh, user: await userJson(u) };
  }

  async function user(id: string): Promise<UserRow | undefined> {
    return (await store.query<UserRow>(`select * from auth.users where id = $1`, [id])).rows[0];
  }

  /** The signed-in caller: a valid access token of a live session, a user who is not banned. */
  async function caller(authorization: string | undefined) {
    const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const claims = token ? verifyJwt(token, jwtSecret) : null;
    if (!claims || claims['role'] !== 'authenticated' || typeof claims['sub'] !== 'string' || typeof claims['session_id'] !== 'string') return null;
    const live = await store.query(`select 1 from auth.sessions where id = $1 and user_id = $2 and not revoked`, [claims['session_id'], claims['sub']]);
    if (live.rows.length === 0) return null;
    const u = await user(claims['sub']);
    return u && !banned(u) ? { user: u, claims } : null;
  }

  const isService = (authorization: string | undefined, apikey: string | undefined) => {
    const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? apikey;
    return token ? verifyJwt(token, jwtSecret)?.['role'] === 'service_role' : false;
  };

  return async function handle(method: string, path: string, search: URLSearchParams, headers: Record<string, string | undefined>, body: Record<string, unknown>): Promise<AuthResponse> {
    const auth = headers['authorization'];

    if (method === 'POST' && path === '/token') {
      const grant = search.get('grant_type');
      if (grant === 'password') {
        const email = String(body['email'] ?? '').trim().toLowerCase();
        const u = (await store.query<UserRow>(`select * from auth.users where email = $1`, [email])).rows[0];
        if (!u || !(await verifyPassword(String(body['password'] ?? ''), u.encrypted_password))) return fail(400, 'invalid_credentials', 'Invalid login credentials');
        if (banned(u)) return fail(400, 'user_banned', 'User is banned');
        await store.query(`update auth.users set last_sign_in_at = now() where id = $1`, [u.id]);
        const { rows } = await store.query<{ id: string }>(`insert into auth.sessions (user_id) values ($1) returning id`, [u.id]);
        return { status: 200, body: await session(u, rows[0]!.id, 'aal1', ['password']) };
      }
      if (grant === 'refresh_token') {
        const hash = tokenHash(String(body['refresh_token'] ?? ''));
        const { rows } = await store.query<{ session_id: string; user_id: string; aal: 'aal1' | 'aal2' }>(
          `update auth.refresh_tokens t set revoked = true from auth.sessions s
           where t.token_hash = $1 and not t.revoked and s.id = t.session_id and not s.revoked
           returning t.session_id, s.user_id, s.aal`, [hash]);
        const row = rows[0];
        const u = row ? await user(row.user_id) : undefined;
        if (!row || !u || banned(u)) return fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
        return { status: 200, body: await session(u, row.session_id, row.aal, row.aal === 'aal2' ? ['password', 'totp'] : ['password']) };
      }
      return fail(400, 'unsupported_grant_type', 'unsupported grant_type');
    }

    if (path.startsWith('/admin/')) {
      if (!isService(auth, headers['apikey'])) return fail(403, 'not_admin', 'User not allowed');
      if (method === 'POST' && path === '/admin/users') {
        const email = String(body['email'] ?? '').trim().toLowerCase();
        const password = String(body['password'] ?? '');
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) return fail(400, 'validation_failed', 'Unable to validate email address: invalid format');
        if (password.length < 8) return fail(422, 'weak_password', 'Password should be at least 8 characters.');
        try {
          const { rows } = await store.query<UserRow>(
            `insert into auth.users (email, encrypted_password, email_confirmed_at, user_metadata, app_metadata)
             values ($1, $2, case when $3 then now() end, $4, $5) returning *`,
            [email, await hashPassword(password), body['email_confirm'] === true, JSON.stringify(body['user_metadata'] ?? {}), JSON.stringify(body['app_metadata'] ?? {})]);
          return { status: 200, body: await userJson(rows[0]!) };
        } catch {
          return fail(422, 'email_exists', 'A user with this email address has already been registered');
        }
      }
      const match = /^\/admin\/users\/([0-9a-f-]{36})(?:\/factors(?:\/([0-9a-f-]{36}))?)?$/.exec(path);
      if (!match || !UUID.test(match[1]!)) return fail(404, 'not_found', 'Not found');
      const u = await user(match[1]!);
      if (!u) return fail(404, 'user_not_found', 'User not found');
      if (path.includes('/factors')) {
        // An authenticator lost with its phone: listed and removed by an administrator.
        if (method === 'GET' && !match[2]) return { status: 200, body: await factorsOf(u.id) };
        if (method === 'DELETE' && match[2]) {
          const { rows } = await store.query<{ id: string }>(`delete from auth.mfa_factors where id = $1 and user_id = $2 returning id`, [match[2], u.id]);
          if (!rows[0]) return fail(404, 'mfa_factor_not_found', 'Factor not found');
          await store.query(`update auth.sessions set revoked = true where user_id = $1`, [u.id]);
          return { status: 200, body: { id: rows[0].id } };
        }
        return fail(405, 'method_not_allowed', 'Method not allowed');
      }
      if (method === 'GET') return { status: 200, body: await userJson(u) };
      if (method === 'DELETE') {
        await store.query(`delete from auth.users where id = $1`, [u.id]);
        return { status: 200, body: {} };
      }
      if (method === 'PUT') {
        if (typeof body['password'] === 'string') {
          if (body['password'].length < 8) return fail(422, 'weak_password', 'Password should be at least 8 characters.');
          await store.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [u.id, await hashPassword(body['password'])]);
        }
        if (typeof body['ban_duration'] === 'string') {
          // "none" lifts a ban; anything else bans for a long time (the project bans until re-enabled).
          const until = body['ban_duration'] === 'none' ? null : new Date(Date.now() + 100 * 365 * 86400_000).toISOString();
          await store.query(`update auth.users set banned_until = $2, updated_at = now() where id = $1`, [u.id, until]);
          if (until) await store.query(`update auth.sessions set revoked = true where user_id = $1`, [u.id]);
        }
        if (body['user_metadata'] && typeof body['user_metadata'] === 'object') {
          await store.query(`update auth.users set user_metadata = user_metadata || $2::jsonb, updated_at = now() where id = $1`, [u.id, JSON.stringify(body['user_metadata'])]);
        }
        return { status: 200, body: await userJson((await user(u.id))!) };
      }
      return fail(405, 'method_not_allowed', 'Method not allowed');
    }

    const me = await caller(auth);
    if (!me) return fail(401, 'bad_jwt', 'invalid JWT: unable to parse or verify signature, token is expired or session is revoked');
    const sessionId = String(me.claims['session_id']);

    if (method === 'POST' && path === '/logout') {
      const scope = search.get('scope') ?? 'global';
      if (scope === 'others') await store.query(`update auth.sessions set revoked = true where user_id = $1 and id <> $2`, [me.user.id, sessionId]);
      else if (scope === 'local') await store.query(`update auth.sessions set revoked = true where id = $1`, [sessionId]);
      else await store.query(`update auth.sessions set revoked = true where user_id = $1`, [me.user.id]);
      return { status: 204 };
    }
    if (path === '/user' && method === 'GET') return { status: 200, body: await userJson(me.user) };
    if (path === '/user' && method === 'PUT') {
      if (typeof body['password'] === 'string') {
        if (body['password'].length < 8) return fail(422, 'weak_password', 'Password should be at least 8 characters.');
        if (await verifyPassword(body['password'], me.user.encrypted_password)) return fail(422, 'same_password', 'New password should be different from the old password.');
        await store.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [me.user.id, await hashPassword(body['password'])]);
      }
      if (body['data'] && typeof body['data'] === 'object') {
        await store.query(`update auth.users set user_metadata = user_metadata || $2::jsonb, updated_at = now() where id = $1`, [me.user.id, JSON.stringify(body['data'])]);
      }
      return { status: 200, body: await userJson((await user(me.user.id))!) };
    }

    if (method === 'POST' && path === '/factors') {
      if (body['factor_type'] !== 'totp') return fail(422, 'mfa_factor_type_not_supported', 'Only TOTP factors are supported here');
      // An unverified factor left over from an enrolment that was not finished is replaced.
      await store.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified'`, [me.user.id]);
      const secret = newTotpSecret();
      const { rows } = await store.query<{ id: string }>(
        `insert into auth.mfa_factors (user_id, friendly_name, secret) values ($1, $2, $3) returning id`,
        [me.user.id, typeof body['friendly_name'] === 'string' ? body['friendly_name'] : null, secret]);
      const issuerName = typeof body['issuer'] === 'string' ? body['issuer'] : 'localhost';
      const uri = `otpauth://totp/${encodeURIComponent(issuerName)}:${encodeURIComponent(me.user.email)}?secret=${secret}&issuer=${encodeURIComponent(issuerName)}`;
      return { status: 200, body: { id: rows[0]!.id, type: 'totp', friendly_name: body['friendly_name'] ?? null, totp: { qr_code: '<svg xmlns="http://www.w3.org/2000/svg"/>', secret, uri } } };
    }
    const factor = /^\/factors\/([0-9a-f-]{36})\/(challenge|verify)$/.exec(path);
    if (method === 'POST' && factor && UUID.test(factor[1]!)) {
      const f = (await store.query<{ id: string; secret: string; status: string }>(
        `select id, secret, status from auth.mfa_factors where id = $1 and user_id = $2`, [factor[1], me.user.id])).rows[0];
      if (!f) return fail(404, 'mfa_factor_not_found', 'Factor not found');
      if (factor[2] === 'challenge') {
        const { rows } = await store.query<{ id: string; created_at: string }>(`insert into auth.mfa_challenges (factor_id) values ($1) returning id, created_at`, [f.id]);
        return { status: 200, body: { id: rows[0]!.id, type: 'totp', expires_at: Math.floor(new Date(rows[0]!.created_at).getTime() / 1000) + 300 } };
      }
      const challengeId = String(body['challenge_id'] ?? '');
      const challenge = UUID.test(challengeId) ? (await store.query<{ id: string }>(
        `update auth.mfa_challenges set verified_at = now()
         where id = $1 and factor_id = $2 and verified_at is null and created_at > now() - interval '5 minutes' returning id`,
        [challengeId, f.id])).rows[0] : undefined;
      if (!challenge) return fail(422, 'mfa_challenge_expired', 'Challenge not found or expired');
      if (!verifyTotp(f.secret, String(body['code'] ?? ''))) return fail(422, 'mfa_verification_failed', 'Invalid TOTP code entered');
      await store.query(`update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1`, [f.id]);
      await store.query(`update auth.sessions set aal = 'aal2' where id = $1`, [sessionId]);
      return { status: 200, body: await session(me.user, sessionId, 'aal2', ['password', 'totp']) };
    }
    return fail(404, 'not_found', 'Not supported by the local stand-in');
  };
}
