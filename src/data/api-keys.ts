import { createHash, randomBytes } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { call } from './rpc.ts';

/**
 * Keys of the JSON API, one per channel (a mini program, an officer's tablet), issued and revoked
 * by the federation: `npm run api-key` calls these today, the staff workspace will later. The key
 * is made here and shown once; the database keeps only its sha256 (supabase/migrations/
 * 20251215000200_intake_api_channels.sql), so it never travels to the database or its logs.
 */
export interface ApiChannel {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type ApiKeyCheck = { ok: true; channelId: string; name: string } | { ok: false; error: 'api_key_unknown' | 'api_key_revoked' };

/** clk_ and 43 characters of base64url: 32 random bytes. */
const KEY = /^clk_[A-Za-z0-9_-]{43}$/;

export const isApiKeyShaped = (key: string) => KEY.test(key);

/** What the database keeps of a key: its sha256, as 64 hex digits. */
export const apiKeyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

interface ChannelRow {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toChannel = (row: ChannelRow): ApiChannel => ({
  id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
});

/**
 * A new key for a channel (its name in the federation's words, 1–100 characters). The key is in
 * the answer and nowhere else: whoever issues it must hand it over now.
 */
export async function issueApiKey(name: string, client?: SupabaseClient): Promise<{ key: string; channel: ApiChannel }> {
  const key = `clk_${randomBytes(32).toString('base64url')}`;
  const row = await call<ChannelRow>('issue_api_key', { p_name: name, p_key_hash: apiKeyHash(key) }, client);
  return { key, channel: toChannel(row) };
}

/** Revoke a channel's key for good (api_key_not_found for an unknown id). */
export async function revokeApiKey(id: string, client?: SupabaseClient): Promise<{ channel: ApiChannel; alreadyRevoked: boolean }> {
  const row = await call<ChannelRow & { already_revoked: boolean }>('revoke_api_key', { p_id: id }, client);
  return { channel: toChannel(row), alreadyRevoked: row.already_revoked };
}

/** Every channel, newest first; never a key. */
export async function listApiKeys(client?: SupabaseClient): Promise<ApiChannel[]> {
  return (await call<ChannelRow[]>('list_api_keys', {}, client)).map(toChannel);
}

/** The channel a request's key belongs to. A key of the wrong shape is unknown without asking. */
export async function checkApiKey(key: string, client?: SupabaseClient): Promise<ApiKeyCheck> {
  if (!isApiKeyShaped(key)) return { ok: false, error: 'api_key_unknown' };
  const row = await call<{ ok: boolean; error?: string; channel_id?: string; name?: string }>('authenticate_api_key', { p_key_hash: apiKeyHash(key) }, client);
  if (row.ok && row.channel_id && row.name) return { ok: true, channelId: row.channel_id, name: row.name };
  return { ok: false, error: row.error === 'api_key_revoked' ? 'api_key_revoked' : 'api_key_unknown' };
}
