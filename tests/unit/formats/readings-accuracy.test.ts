import { describe, expect, it } from 'vitest';
import { readings } from '../../../src/domain/formats/readings.ts';
import { toChineseBraille } from '../../../src/domain/formats/chinese-braille.ts';
import { isPolyphonic, referenceBraille, referenceSet } from './reference-set.ts';

/**
 * How often the build reads a polyphonic character right, measured on a reference set of
 * phrases with known readings (tests/fixtures/readings-reference.tsv). The same readings feed
 * the braille files and the pinyin of easy-read pages, so one figure covers both.
 */
const items = referenceSet();
const rows = items.map((item) => {
  const got = readings(item.text).filter((r) => r.numbered).map((r) => r.numbered);
  return { item, got };
});

describe('readings of polyphonic characters in context', () => {
  it('the reference set is well formed: one reading per Chinese character', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    for (const { text, chars, pinyin } of items) expect(pinyin.length, text).toBe(chars.length);
  });

  it('reads at least 95% of the polyphonic characters right (the figure is printed)', () => {
    let poly = 0, polyRight = 0, all = 0, allRight = 0;
    const wrong: string[] = [];
    for (const { item, got } of rows) {
      item.chars.forEach((c, i) => {
        const right = got[i] === item.pinyin[i];
        all++;
        if (right) allRight++;
        if (isPolyphonic(c)) {
          poly++;
          if (right) polyRight++;
        }
        if (!right) wrong.push(`${item.text}: ${c} ${got[i]} (should be ${item.pinyin[i]})`);
      });
    }
    console.log(`Readings: ${polyRight}/${poly} polyphonic characters right (${((100 * polyRight) / poly).toFixed(1)}%), ${allRight}/${all} characters in all (${((100 * allRight) / all).toFixed(1)}%). Wrong: ${wrong.join('; ')}`);
    expect(poly).toBeGreaterThan(150);
    expect(polyRight / poly).toBeGreaterThanOrEqual(0.95);
  });

  it('the braille of each phrase is the braille of its readings (phrases read right come out cell for cell right)', () => {
    let right = 0;
    for (const { item, got } of rows) {
      const braille = toChineseBraille(item.text).replace(/ /g, '');
      const readRight = got.every((p, i) => p === item.pinyin[i]);
      if (readRight) expect(braille, item.text).toBe(referenceBraille(item));
      if (braille === referenceBraille(item)) right++;
    }
    console.log(`Braille: ${right}/${items.length} reference phrases exactly right (${((100 * right) / items.length).toFixed(1)}%)`);
  });
});

describe('grammar rules over the dictionary', () => {
  const read = (text: string) => readings(text).map((r) => r.numbered).filter(Boolean).join(' ');
  it('只 is zhǐ unless it is a measure word', () => {
    expect(read('部分项目只面向低保家庭')).toContain('zhi3 mian4');
    expect(read('两只手')).toBe('liang3 zhi1 shou3');
  });
  it('得 after a pronoun is děi ("must"); 得了 stays dé', () => {
    expect(read('你得带身份证')).toBe('ni3 dei3 dai4 shen1 fen4 zheng4');
    expect(read('他得了第一名')).toContain('de2 le0');
  });
});

describe('pinyin for the Traditional page', () => {
  it('shows converted characters over the readings of the Simplified source', async () => {
    const { rubyRuns } = await import('../../../src/domain/formats/readings.ts');
    const { toTraditional } = await import('../../../src/i18n/traditional.ts');
    const runs = rubyRuns('头发长了，去银行。', toTraditional);
    const pairs = runs.flatMap((r) => ('pairs' in r ? r.pairs : []));
    expect(pairs.map((p) => p.base).join('')).toBe('頭髮長了去銀行');
    expect(pairs.map((p) => p.pinyin).join(' ')).toBe('tóu fa cháng le qù yín háng');
    expect(runs.map((r) => ('text' in r ? r.text : r.pairs.map((p) => p.base).join(''))).join('')).toBe(toTraditional('头发长了，去银行。'));
  });
});
