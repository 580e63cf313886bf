import type { SupabaseClient } from '@supabase/supabase-js';
import { ApplicationDataError, toApplicationError } from './application-errors.ts';
import { getSupabase } from './supabase-client.ts';

/**
 * Call one of the intake SQL functions (supabase/migrations) with supabase.rpc: its value, or an
 * ApplicationDataError (its code; 'unavailable' for anything unexpected). Tests pass a client; by
 * default the shared server client is used.
 */
export async function call<T>(fn: string, args: Record<string, unknown>, client?: SupabaseClient): Promise<T> {
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
