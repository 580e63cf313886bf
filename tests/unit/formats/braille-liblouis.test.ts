import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { polyphonic } from 'pinyin-pro';
import { dotsToUnicode, syllableCells } from '../../../src/domain/formats/braille-cells.ts';
import { toChineseBraille } from '../../../src/domain/formats/chinese-braille.ts';
import { readCollection } from '../../content-files.ts';
import { referenceBraille, referenceSet } from './reference-set.ts';

/**
 * liblouis (Debian's liblouis-bin, table zhcn-cbs.ctb: 国家通用盲文) as an independent reference.
 * Used here only: the build never runs it, so it also works on Netlify. scripts/ensure-chromium.sh
 * installs it with the browser for `npm test`.
 */
const TABLE = '/usr/share/liblouis/tables/zhcn-cbs.ctb';

function liblouis(lines: string[]): string[] {
  const out = execFileSync('lou_translate', ['--forward', `unicode.dis,${TABLE}`], {
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return out.split('\n').slice(0, lines.length);
}

describe('against liblouis zhcn-cbs', () => {
  it('liblouis and its table are installed (apt-get install liblouis-bin)', () => {
    expect(existsSync(TABLE)).toBe(true);
  });

  it('agrees cell for cell on the characters with one reading in the shipped content (≥ 99%)', () => {
    const text = [...readCollection('policies'), ...readCollection('news')].map((f) => f.body + JSON.stringify(f.data)).join('');
    const chars = [...new Set([...text].filter((c) => /\p{Script=Han}/u.test(c)))].filter((c) => polyphonic(c, { type: 'array' })[0]?.length === 1);
    const louis = liblouis(chars);
    const differ = chars.filter((c, i) => toChineseBraille(c) !== louis[i]);
    console.log(`liblouis agreement on ${chars.length} single-reading characters of the content: ${chars.length - differ.length} (${(100 * (1 - differ.length / chars.length)).toFixed(1)}%); differ: ${differ.map((c) => `${c} ours ${toChineseBraille(c)} liblouis ${louis[chars.indexOf(c)]}`).join('; ')}`);
    expect(chars.length).toBeGreaterThan(500);
    expect(differ.length / chars.length).toBeLessThanOrEqual(0.01);
  });

  it('reads polyphonic characters in context better than liblouis on the reference set', () => {
    const items = referenceSet();
    const louis = liblouis(items.map((i) => i.text)).map((b) => b.replace(/[ ⠀]/g, ''));
    const ours = items.map((i) => toChineseBraille(i.text).replace(/ /g, ''));
    const right = (got: string[]) => got.filter((b, i) => b === referenceBraille(items[i]!)).length;
    console.log(`Reference phrases exactly right in braille: ours ${right(ours)}/${items.length}, liblouis zhcn-cbs ${right(louis)}/${items.length}`);
    expect(right(ours)).toBeGreaterThan(right(louis));
  });

  it('spells a character of every initial group and every special syllable as liblouis does', () => {
    // A few characters with one reading each, covering every initial group and the special syllables.
    const sample: [string, string][] = [
      ['波', 'bo1'], ['爬', 'pa2'], ['帕', 'pa4'], ['门', 'men2'], ['飞', 'fei1'], ['服', 'fu2'], ['低', 'di1'], ['动', 'dong4'],
      ['投', 'tou2'], ['您', 'nin2'], ['老', 'lao3'], ['国', 'guo2'], ['快', 'kuai4'], ['话', 'hua4'], ['今', 'jin1'],
      ['去', 'qu4'], ['学', 'xue2'], ['钟', 'zhong1'], ['船', 'chuan2'], ['是', 'shi4'], ['人', 'ren2'], ['字', 'zi4'],
      ['从', 'cong2'], ['四', 'si4'], ['一', 'yi1'], ['我', 'wo3'], ['有', 'you3'], ['也', 'ye3'], ['二', 'er4'], ['鹅', 'e2'],
      ['月', 'yue4'], ['爱', 'ai4'], ['五', 'wu3'], ['用', 'yong4'],
    ];
    const louis = liblouis(sample.map(([c]) => c));
    sample.forEach(([c, p], i) => expect(dotsToUnicode(syllableCells(p)!), `${c} ${p}`).toBe(louis[i]));
  });
});
