import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The schemas are wired into Astro's build: a content folder with one broken file
 * (a policy summary of three sentences) makes `astro sync` — the content step of
 * `astro build` — fail, naming the file, the field and the reason in Chinese.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('a broken content file fails the build', () => {
  it('names the file, the field and the reason', () => {
    const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], {
      cwd: root,
      env: { ...process.env, PORTAL_CONTENT_DIR: 'tests/fixtures/broken-site', ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    // Astro colours its output in some terminals (and under CI=true): compare the plain text.
    const output = `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
    expect(result.status).not.toBe(0);
    expect(output).toContain('summary: 摘要最多两句话');
    expect(output).toContain('tests/fixtures/broken-site/policies/living-subsidy.md');
  }, 120_000);
});
