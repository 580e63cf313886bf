import { readFileSync } from 'node:fs';
import { polyphonic } from 'pinyin-pro';
import { ABBREVIATIONS, dotsToUnicode, syllableCells } from '../../../src/domain/formats/braille-cells.ts';

/** One phrase of tests/fixtures/readings-reference.tsv: its text and the reading of each Chinese character. */
export interface ReferenceItem { text: string; chars: string[]; pinyin: string[] }

const HAN = /\p{Script=Han}/u;

export function referenceSet(): ReferenceItem[] {
  const file = new URL('../../fixtures/readings-reference.tsv', import.meta.url);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [text = '', readings = ''] = line.split('\t');
      return { text, chars: [...text].filter((c) => HAN.test(c)), pinyin: readings.trim().split(/\s+/).map((p) => p.replace(/v/g, 'ü')) };
    });
}

/** Whether a character has more than one reading at all (pinyin-pro's dictionary). */
export const isPolyphonic = (char: string) => (polyphonic(char, { type: 'array' })[0]?.length ?? 0) > 1;

/** The braille the reference readings give, cell for cell, without word spaces. */
export function referenceBraille(item: ReferenceItem): string {
  return item.chars
    .map((c, i) => dotsToUnicode(ABBREVIATIONS[`${c}:${item.pinyin[i]}`] ?? syllableCells(item.pinyin[i]!) ?? []))
    .join('');
}
