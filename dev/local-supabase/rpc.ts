import type { RequestIdentity } from './keys.ts';
import { identifier, literal, type SqlDatabase } from './sql.ts';

/** A PostgREST-like response: status and JSON body. */
export interface RpcResponse {
  status: number;
  body: unknown;
}

export interface PostgrestErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

function notFound(): RpcResponse {
  return { status: 404, body: { code: 'PGRST202', message: 'Could not find the function', details: null, hint: null } };
}

function errorResponse(status: number, body: PostgrestErrorBody): RpcResponse {
  return { status, body };
}

/**
 * HTTP status for a Postgres error, as PostgREST maps it (docs.postgrest.org, "HTTP Status Codes").
 * The portal turns every non-P0001 error into its own "service unavailable" answer; the statuses
 * matter to anyone calling the stand-in directly.
 */
export function statusForSqlState(code: string, role: RequestIdentity['role']): number {
  if (code === '42501') return role === 'anon' ? 401 : 403; // insufficient_privilege
  if (code === '23503' || code === '23505') return 409; // foreign key, unique violation
  if (code === '25006') return 405; // read_only_sql_transaction
  if (code === '42883' || code === '42P01') return 404; // undefined function, table
  if (code === '53400') return 500;
  if (code.startsWith('08') || code.startsWith('53')) return 503; // connection, insufficient resources
  if (code.startsWith('0L') || code.startsWith('0P') || code.startsWith('28')) return 403;
  if (code === 'P0001' || code.startsWith('22') || code.startsWith('23')) return 400;
  return 500;
}

/**
 * The answer when the database could not be reached at all (refused, reset, timed out): 503, as
 * PostgREST answers PGRST000/PGRST001, so a caller knows to retry.
 */
export function unreachable(): RpcResponse {
  return { status: 503, body: { code: 'PGRST001', message: 'Database client error', details: null, hint: null } };
}

interface FunctionSignature {
  names: string[];
  types: string[];
  /** How many trailing arguments have defaults. */
  defaults: number;
}

/**
 * The signatures of public functions, read once per database and function name, as PostgREST
 * keeps a schema cache: looking them up in the catalog on every request cost 15% of a call on
 * PostgreSQL. reloadSchema() forgets them (PostgREST: NOTIFY pgrst, 'reload schema').
 */
const schemaCache = new WeakMap<SqlDatabase, Map<string, Promise<FunctionSignature[]>>>();

export function reloadSchema(db: SqlDatabase): void {
  schemaCache.delete(db);
}

async function signatures(db: SqlDatabase, fn: string): Promise<FunctionSignature[]> {
  let cache = schemaCache.get(db);
  if (!cache) schemaCache.set(db, (cache = new Map()));
  let found = cache.get(fn);
  if (!found) {
    found = db
      .query<FunctionSignature>(
        `select coalesce(p.proargnames, '{}') as names,
                array(select format_type(t, null) from unnest(p.proargtypes) as t) as types,
                p.pronargdefaults as defaults
         from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = $1 and p.prokind = 'f'`,
        [fn],
      )
      .then((r) => r.rows);
    cache.set(fn, found);
    // Unknown names are not remembered (anyone may send any name), nor a failed lookup.
    found.then(
      (rows) => rows.length === 0 && cache.delete(fn),
      () => cache.delete(fn),
    );
  }
  return found;
}

/** The overload of public.<fn> that the given argument names can call, as PostgREST chooses it. */
async function findSignature(db: SqlDatabase, fn: string, given: string[]): Promise<FunctionSignature | undefined> {
  return (await signatures(db, fn)).find(
    (sig) =>
      given.every((name) => sig.names.includes(name)) &&
      sig.names.slice(0, sig.names.length - sig.defaults).every((name) => given.includes(name)),
  );
}

/**
 * The request's role and JWT claims, as PostgREST sets them: for the transaction (local = true), or
 * for the session of a connection kept for this identity (batchAs). Either way the function sees
 * the same current_user, auth.role() and auth.jwt(). The role is a checked name, the claims a literal.
 */
function identityStatement(identity: RequestIdentity, local: boolean): string {
  return `select set_config('role', ${literal(identity.role)}, ${local}), set_config('request.jwt.claims', ${literal(JSON.stringify(identity.claims))}, ${local})`;
}

/**
 * The call: public.<fn>(name => value, …) with the arguments taken from the JSON body by
 * json_to_record, as PostgREST does, so each is converted to its parameter type (a JSON string given
 * for a jsonb parameter stays a JSON string). The function name is a checked identifier, everything
 * else is a literal.
 */
function callStatement(fn: string, sig: FunctionSignature, args: Record<string, unknown>): string {
  const given = Object.keys(args);
  const used = sig.names.filter((name) => given.includes(name));
  const call = used.map((name) => `${identifier(name)} => _.${identifier(name)}`).join(', ');
  const columns = used.map((name) => `${identifier(name)} ${sig.types[sig.names.indexOf(name)]}`).join(', ');
  const from = used.length > 0 ? ` from json_to_record(${literal(JSON.stringify(args))}::json) as _(${columns})` : '';
  return `select to_jsonb(public.${identifier(fn)}(${call})) as result${from}`;
}

/**
 * Call public.<fn>(name => value, …) as PostgREST does for POST /rest/v1/rpc/<fn>, returning the
 * function's value. On PGlite the caller must serialise calls (one connection).
 */
export async function callRpc(db: SqlDatabase, identity: RequestIdentity, fn: string, args: unknown): Promise<RpcResponse> {
  if (!IDENTIFIER.test(fn)) return notFound();
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return errorResponse(400, { code: 'PGRST102', message: 'Expected a JSON object of arguments', details: null, hint: null });
  }
  const given = Object.keys(args);
  if (!given.every((name) => IDENTIFIER.test(name))) return notFound();
  try {
    const sig = await findSignature(db, fn, given);
    if (!sig) return notFound();
    // One round trip, one transaction: the identity is set by the statement before the call (the
    // EXECUTE privilege is checked when a statement starts), or already, for the session.
    const call = callStatement(fn, sig, args as Record<string, unknown>);
    const rows = db.batchAs
      ? await db.batchAs<{ result: unknown }>(JSON.stringify([identity.role, identity.claims]), identityStatement(identity, false), call)
      : await db.batch<{ result: unknown }>(`${identityStatement(identity, true)};\n${call}`);
    return { status: 200, body: rows[0]?.result ?? null };
  } catch (error) {
    const e = error as { code?: unknown; message?: string; detail?: string; hint?: string };
    // No SQLSTATE: the database was not reached (refused, reset, timed out, a lost connection).
    if (typeof e.code !== 'string' || !SQLSTATE.test(e.code)) return unreachable();
    return errorResponse(statusForSqlState(e.code, identity.role), {
      code: e.code,
      message: e.message ?? '',
      details: e.detail || null,
      hint: e.hint ?? null,
    });
  }
}
