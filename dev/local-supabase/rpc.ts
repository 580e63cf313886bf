import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { RequestIdentity } from './keys.ts';

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

function notFound(): RpcResponse {
  return { status: 404, body: { code: 'PGRST202', message: 'Could not find the function', details: null, hint: null } };
}

function errorResponse(status: number, body: PostgrestErrorBody): RpcResponse {
  return { status, body };
}

/** HTTP status for a Postgres error, as PostgREST maps it (for the codes this project meets). */
export function statusForSqlState(code: string, role: RequestIdentity['role']): number {
  if (code === '42501') return role === 'anon' ? 401 : 403; // insufficient_privilege
  if (code === '23505') return 409; // unique_violation
  if (code === '42883') return 404; // undefined_function
  if (code === 'P0001' || code.startsWith('22') || code.startsWith('23')) return 400;
  return 500;
}

interface FunctionSignature {
  names: string[];
  types: string[];
  /** How many trailing arguments have defaults. */
  defaults: number;
}

/** The overload of public.<fn> that the given argument names can call, as PostgREST chooses it. */
async function findSignature(tx: Transaction, fn: string, given: string[]): Promise<FunctionSignature | undefined> {
  const { rows } = await tx.query<FunctionSignature>(
    `select coalesce(p.proargnames, '{}') as names,
            array(select format_type(t, null) from unnest(p.proargtypes) as t) as types,
            p.pronargdefaults as defaults
     from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = $1 and p.prokind = 'f'`,
    [fn],
  );
  return rows.find(
    (sig) =>
      given.every((name) => sig.names.includes(name)) &&
      sig.names.slice(0, sig.names.length - sig.defaults).every((name) => given.includes(name)),
  );
}

/**
 * Call public.<fn>(name => value, …) as PostgREST does for POST /rest/v1/rpc/<fn>: in one
 * transaction, with the request's role and JWT claims set locally, returning the function's value.
 * The caller must serialise calls (one PGlite connection).
 */
export async function callRpc(db: PGlite, identity: RequestIdentity, fn: string, args: unknown): Promise<RpcResponse> {
  if (!IDENTIFIER.test(fn)) return notFound();
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return errorResponse(400, { code: 'PGRST102', message: 'Expected a JSON object of arguments', details: null, hint: null });
  }
  const given = Object.keys(args);
  if (!given.every((name) => IDENTIFIER.test(name))) return notFound();
  try {
    const result = await db.transaction(async (tx) => {
      const sig = await findSignature(tx, fn, given);
      if (!sig) return undefined;
      await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
        identity.role,
        JSON.stringify(identity.claims),
      ]);
      // Arguments are taken from the JSON body with json_to_record, as PostgREST does, so each is
      // converted to its parameter type (a JSON string given for a jsonb parameter stays a JSON string).
      const used = sig.names.filter((name) => given.includes(name));
      const call = used.map((name) => `"${name}" => _."${name}"`).join(', ');
      const columns = used.map((name) => `"${name}" ${sig.types[sig.names.indexOf(name)]}`).join(', ');
      const from = used.length > 0 ? ` from json_to_record($1::json) as _(${columns})` : '';
      return tx.query<{ result: unknown }>(
        `select to_jsonb(public."${fn}"(${call})) as result${from}`,
        used.length > 0 ? [JSON.stringify(args)] : [],
      );
    });
    if (!result) return notFound();
    return { status: 200, body: result.rows[0]?.result ?? null };
  } catch (error) {
    const e = error as { code?: string; message?: string; detail?: string; hint?: string };
    if (!e.code) throw error;
    return errorResponse(statusForSqlState(e.code, identity.role), {
      code: e.code,
      message: e.message ?? '',
      details: e.detail || null,
      hint: e.hint ?? null,
    });
  }
}
