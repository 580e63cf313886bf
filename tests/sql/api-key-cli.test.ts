import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSupabase } from '../../dev/local-supabase/start.ts';
import { startTestStandin } from './database.ts';
import { checkApiKey } from '../../src/data/api-keys.ts';
import { createSupabaseServerClient } from '../../src/data/supabase-client.ts';

/**
 * `npm run api-key` (scripts/api-key.mjs) as the federation runs it: a separate process, pointed at
 * a database by SUPABASE_URL and SUPABASE_SECRET_KEY, printing in Chinese.
 */
const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/api-key.mjs', import.meta.url).pathname;
let local: LocalSupabase;

beforeAll(async () => {
  local = await startTestStandin();
});
afterAll(() => local.stop());

async function cli(args: string[], env: Record<string, string> = { SUPABASE_URL: local.url, SUPABASE_SECRET_KEY: local.serviceKey }) {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('npm run api-key', () => {
  it('issues a key shown once, lists the channel without it, revokes it, and the key stops working', async () => {
    const issued = await cli(['issue', '城关镇', '专职委员平板']);
    expect(issued.code).toBe(0);
    const key = /密钥：(clk_[A-Za-z0-9_-]{43})/.exec(issued.out)?.[1];
    const id = /编号：([0-9a-f-]{36})/.exec(issued.out)?.[1];
    expect(key && id).toBeTruthy();
    expect(issued.out).toContain('已为渠道“城关镇 专职委员平板”发放接口密钥');
    expect(issued.out).toContain('只显示这一次');
    const server = createSupabaseServerClient({ SUPABASE_URL: local.url, SUPABASE_SECRET_KEY: local.serviceKey });
    expect(await checkApiKey(key!, server)).toMatchObject({ ok: true, channelId: id });

    const listed = await cli(['list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${id} \\| 城关镇 专职委员平板 \\| \\d{4}年\\d{1,2}月\\d{1,2}日 \\d\\d:\\d\\d \\| \\d{4}年.* \\| 在用`));
    expect(listed.out).not.toContain(key);

    const revoked = await cli(['revoke', id!]);
    expect(revoked).toMatchObject({ code: 0, out: expect.stringContaining('已停用渠道“城关镇 专职委员平板”的接口密钥') });
    expect(await checkApiKey(key!, server)).toEqual({ ok: false, error: 'api_key_revoked' });
    expect((await cli(['revoke', id!])).out).toContain('已经停用过了');
    expect((await cli(['list'])).out).toMatch(/停用\n?$/);
  });

  it('refuses what it cannot do, in Chinese, with exit codes 1 and 2', async () => {
    expect(await cli(['revoke', '00000000-0000-4000-8000-000000000000'])).toMatchObject({ code: 1, out: expect.stringContaining('没有编号为') });
    expect(await cli(['issue', '长'.repeat(101)])).toMatchObject({ code: 1, out: expect.stringContaining('1 到 100 个字') });
    for (const args of [[], ['issue'], ['revoke'], ['delete', 'x'], ['revoke', 'a', 'b']]) {
      expect(await cli(args)).toMatchObject({ code: 2, out: expect.stringContaining('用法') });
    }
    expect(await cli(['list'], {})).toMatchObject({ code: 2, out: expect.stringContaining('SUPABASE_URL') });
    expect(await cli(['list'], { SUPABASE_URL: 'http://127.0.0.1:9', SUPABASE_SECRET_KEY: local.serviceKey })).toMatchObject({
      code: 1, out: expect.stringContaining('连不上数据库'),
    });
  });
});
