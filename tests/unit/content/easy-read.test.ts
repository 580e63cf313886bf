import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import * as v from 'valibot';
import { countSentences } from '../../../src/domain/content/common.ts';
import { GlossarySchema, termsUsedIn } from '../../../src/domain/content/glossary-schema.ts';
import type { Policy } from '../../../src/domain/content/policy-schema.ts';
import { CONTENT_DIR, readCollection } from '../../content-files.ts';

/**
 * Easy-read versions are for readers with intellectual disability. Measurable bounds:
 * one sentence per point, at most 20 characters (punctuation and spaces not counted),
 * at most 14 on average per guide; hard words explained on the page.
 */
const MAX_CHARS = 20;
const MAX_AVERAGE = 14;
/** Words an easy-read reader may not know: if used, the page's word list must explain them. */
const HARD_WORDS = ['残联', '低保', '低保边缘', '特困', '专职委员', '残协', '公示', '监护人', '评残', '托养', '辅具', '工作日'];

const length = (sentence: string) => [...sentence.replace(/[\s\p{P}]/gu, '')].length;
const glossary = v.parse(GlossarySchema, parseYaml(readFileSync(`${CONTENT_DIR}glossary.yaml`, 'utf8'))).terms;
const guides = readCollection('policies').map((e) => ({ slug: e.slug, easyRead: (e.data as Policy).easyRead }));

describe('easy-read versions', () => {
  it('there is one for every guide', () => {
    expect(guides.length).toBeGreaterThan(15);
    for (const g of guides) expect(g.easyRead.length, g.slug).toBeGreaterThanOrEqual(3);
  });

  for (const guide of guides) {
    describe(guide.slug, () => {
      const points = guide.easyRead.flatMap((s) => s.points);

      it(`every point is one sentence of at most ${MAX_CHARS} characters`, () => {
        const tooLong = points.filter((p) => length(p) > MAX_CHARS);
        const notOne = points.filter((p) => countSentences(p) !== 1 || !/[。！？]$/.test(p));
        expect(tooLong).toEqual([]);
        expect(notOne).toEqual([]);
      });

      it(`sentences average at most ${MAX_AVERAGE} characters`, () => {
        const average = points.reduce((sum, p) => sum + length(p), 0) / points.length;
        expect(average).toBeLessThanOrEqual(MAX_AVERAGE);
      });

      it('every hard word it uses is explained in its word list', () => {
        const text = guide.easyRead.flatMap((s) => [s.heading, ...s.points]).join('\n');
        const explained = new Set(termsUsedIn(text, glossary).flatMap((t) => [t.term, ...t.aliases]));
        const unexplained = HARD_WORDS.filter((w) => text.includes(w) && !explained.has(w));
        expect(unexplained).toEqual([]);
      });
    });
  }

  it('the word list itself is easy to read', () => {
    for (const entry of glossary) {
      expect(length(entry.plain), entry.term).toBeLessThanOrEqual(MAX_CHARS);
      expect(countSentences(entry.plain), entry.term).toBe(1);
    }
  });

  it('termsUsedIn finds a term by its alias', () => {
    expect(termsUsedIn('到便民服务中心办理。', glossary).map((t) => t.term)).toEqual(['乡镇窗口']);
  });
});
