import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The server client: a deployed site must never quietly fall back to the embedded stand-in
 * (that would accept applications into memory and lose them).
 */
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('getSupabase', () => {
  it('refuses to run in production without SUPABASE_URL and SUPABASE_SECRET_KEY', async () => {
    vi.stubEnv('SUPABASE_URL', '');
    vi.stubEnv('SUPABASE_SECRET_KEY', '');
    vi.stubEnv('CONTEXT', 'production');
    const { getSupabase } = await import('../../src/data/supabase-client.ts');
    await expect(getSupabase()).rejects.toThrow('SUPABASE_URL and SUPABASE_SECRET_KEY must be set in production');
  });

  it('createSupabaseServerClient needs both variables', async () => {
    const { createSupabaseServerClient } = await import('../../src/data/supabase-client.ts');
    expect(() => createSupabaseServerClient({ SUPABASE_URL: 'https://x.supabase.co' })).toThrow('SUPABASE_URL and SUPABASE_SECRET_KEY must be set');
  });
});
