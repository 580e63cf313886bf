import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { startTestStandin } from './database.ts';
import { checkApiKey, issueApiKey, listApiKeys, revokeApiKey } from '../../src/data/api-keys.ts';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';

/**
 * API keys per channel (20251215000200_intake_api_channels.sql) through src/data/api-keys.ts, the
 * module the CLI and later the staff workspace call, over supabase-js and the stand-in.
 */
let local: LocalSupabase;
let server: ReturnType<typeof createSupabaseServerClient>;

beforeAll(async () => {
  local = await startTestStandin();
  server = createSupabaseServerClient({ SUPABASE_URL: local.url, SUPABASE_SECRET_KEY: local.serviceKey });
});
afterAll(() => local.stop());

/** Every value in the channel table, as text (to look for a key in it). */
async function tableText(): Promise<string> {
  const { data, error } = await server.rpc('list_api_keys');
  if (error) throw new Error(error.message);
  return JSON.stringify(data);
}

describe('issuing a key', () => {
  it('gives a 256-bit key once; the database keeps only its sha256, and no list shows it', async () => {
    const { key, channel } = await issueApiKey('  城关镇专职委员平板  ', server);
    expect(key).toMatch(/^clk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
    expect(channel).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: '城关镇专职委员平板', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null });
    const listed = await listApiKeys(server);
    expect(listed.find((c) => c.id === channel.id)).toEqual(channel);
    const text = await tableText();
    expect(text).not.toContain(key);
    expect(text).not.toContain(createHash('sha256').update(key).digest('hex'));
    // Two keys are never alike.
    expect((await issueApiKey('另一个渠道', server)).key).not.toBe(key);
  });

  it('refuses a name that is empty, too long or has control characters', async () => {
    for (const name of ['', '   ', '长'.repeat(101), 'a\nb', 'tab\there']) {
      await expect(issueApiKey(name, server)).rejects.toMatchObject({ code: 'invalid_channel_name' });
    }
    expect((await issueApiKey('长'.repeat(100), server)).channel.name).toHaveLength(100);
  });

  it('refuses anything but a sha256 for the key (the key itself never goes to the database)', async () => {
    for (const hash of ['', 'clk_abc', '0'.repeat(63), 'G'.repeat(64), '0'.repeat(65)]) {
      const { error } = await server.rpc('issue_api_key', { p_name: '渠道', p_key_hash: hash });
      expect(error?.message).toBe('invalid_key_hash');
    }
  });
});

describe('checking a key', () => {
  it('names the channel of a live key and notes when it was used', async () => {
    const { key, channel } = await issueApiKey('小程序', server);
    expect(await checkApiKey(key, server)).toEqual({ ok: true, channelId: channel.id, name: '小程序' });
    const used = (await listApiKeys(server)).find((c) => c.id === channel.id)!;
    expect(Date.parse(used.lastUsedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('knows no other key: unknown, altered, or of the wrong shape (not even asked)', async () => {
    const { key } = await issueApiKey('平板', server);
    const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const other of [altered, `clk_${'A'.repeat(43)}`, '', `${key}x`, ` ${key}`, key.slice(4)]) {
      expect(await checkApiKey(other, server)).toEqual({ ok: false, error: 'api_key_unknown' });
    }
  });
});

describe('revoking a key', () => {
  it('stops the key at once, for good, and says so when asked twice', async () => {
    const { key, channel } = await issueApiKey('丢失的平板', server);
    const revoked = await revokeApiKey(channel.id, server);
    expect(revoked).toEqual({ channel: { ...channel, lastUsedAt: null, revokedAt: expect.any(String) }, alreadyRevoked: false });
    expect(await checkApiKey(key, server)).toEqual({ ok: false, error: 'api_key_revoked' });
    expect(await revokeApiKey(channel.id, server)).toMatchObject({ alreadyRevoked: true, channel: { revokedAt: revoked.channel.revokedAt } });
    expect((await listApiKeys(server)).find((c) => c.id === channel.id)?.revokedAt).toBe(revoked.channel.revokedAt);
  });

  it('refuses an unknown id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '']) {
      await expect(revokeApiKey(id, server)).rejects.toMatchObject({ code: 'api_key_not_found' });
    }
  });
});
