import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No real person's name from the seed documents appears in the content or in sample
 * data. The names are kept only as SHA-256 hashes (tests/fixtures/seed-name-hashes.txt),
 * so the repository never stores them; every 2–4 character run of text is hashed and looked up.
 */
const root = new URL('../../', import.meta.url).pathname;
const hashes = new Set(
  readFileSync(join(root, 'tests/fixtures/seed-name-hashes.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{64}$/.test(l)),
);
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.(md|ya?ml|json|ts|astro)$/.test(name) ? [full] : [];
  });
}

/** Every name-length run of Chinese characters that hashes to a seed name. */
function namesIn(text: string): string[] {
  const found: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff\u{20000}-\u{2ffff}·]+/gu) ?? []) {
    const chars = [...run];
    for (let size = 2; size <= 4; size++) {
      for (let i = 0; i + size <= chars.length; i++) {
        const candidate = chars.slice(i, i + size).join('');
        if (hashes.has(sha256(candidate))) found.push(candidate);
      }
    }
  }
  return found;
}

describe('no real names from the seeds', () => {
  it('the denylist is loaded', () => {
    expect(hashes.size).toBeGreaterThan(10);
  });

  it('the check finds a listed name when one is present', () => {
    // Self-test with a name that is hashed here on the fly, not stored anywhere.
    const probe = '甲乙丙';
    hashes.add(sha256(probe));
    expect(namesIn(`这里有${probe}的名字`)).toEqual([probe]);
    hashes.delete(sha256(probe));
  });

  for (const dir of ['content', 'tests/fixtures/content', 'src']) {
    it(`none in ${dir}/`, () => {
      const hits = files(join(root, dir)).flatMap((file) => namesIn(readFileSync(file, 'utf8')).map((n) => `${file.slice(root.length)}: ${n.length}-character name`));
      expect(hits).toEqual([]);
    });
  }
});
