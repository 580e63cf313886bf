import type { SupabaseClient } from '@supabase/supabase-js';
import { ApplicationDataError, toApplicationError } from './application-errors.ts';
import type { Database } from './database.types.ts';
import { getSupabase } from './supabase-client.ts';

/**
 * The SQL functions the API roles may call, by the names the migrations give them
 * (src/data/database.types.ts, in the shape `supabase gen types typescript` writes; a test keeps it
 * equal to the migrations): calling a function that was renamed or dropped fails the type check.
 */
export type FunctionName = keyof Database['public']['Functions'];

/**
 * Call one of the intake SQL functions (supabase/migrations) with supabase.rpc: its value, or an
 * ApplicationDataError (its code; 'unavailable' for anything unexpected). Tests pass a client; by
 * default the shared server client is used.
 */
export async function call<T>(fn: FunctionName, args: Record<string, unknown>, client?: SupabaseClient): Promise<T> {
  const supabase = client ?? (await getSupabase());
  let response;
  try {
    response = await supabase.rpc(fn, args);
  } catch (cause) {
    throw new ApplicationDataError('unavailable', [], { cause });
  }
  if (response.error) throw toApplicationError(response.error);
  return response.data as T;
}
