import { pinyin } from 'pinyin-pro';

/**
 * How each character of a text is read, decided in context by pinyin-pro (its dictionary of
 * words resolves most polyphonic characters: 银行 háng, 行动 xíng, 长大 zhǎng, 长度 cháng).
 * Used at build time only, for braille files and the pinyin of easy-read pages.
 * Tones are the dictionary tones: 一 and 不 keep yī and bù (no tone sandhi), as braille and
 * the 汉语拼音正词法 write them.
 */
export interface Reading {
  /** The character as written. */
  char: string;
  /** Pinyin with tone marks ("háng"), or '' when the character is not Chinese. */
  marked: string;
  /** Pinyin with the tone as a number ("hang2", light tone "men0"), or ''. */
  numbered: string;
}

const TONE_MARKS = /[\u0300\u0301\u0304\u030c]/g;

/** "lǜ" → "lü": drop the tone mark, keep the ü. */
function withoutToneMark(marked: string): string {
  return marked.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

export function readings(text: string): Reading[] {
  if (!text) return [];
  return pinyin(text, { type: 'all', toneSandhi: false }).map((item) =>
    item.isZh && item.pinyin
      ? { char: item.origin, marked: item.pinyin, numbered: `${withoutToneMark(item.pinyin)}${item.num}` }
      : { char: item.origin, marked: '', numbered: '' },
  );
}

/** A run of text for ruby markup: Chinese characters with their pinyin, or other text as it is. */
export type RubyRun = { text: string } | { pairs: { base: string; pinyin: string }[] };

/**
 * Text split into runs for <ruby>: consecutive Chinese characters in one run, each with its
 * pinyin. `display` gives the characters to show (the Traditional page passes the converted
 * text): readings always come from the Simplified source, where the dictionary is.
 */
export function rubyRuns(simplified: string, display: (text: string) => string = (t) => t): RubyRun[] {
  const shown = [...display(simplified)];
  const source = readings(simplified);
  // The conversion is character for character (opencc cn → tw); if it ever is not, fall back to plain text.
  if (shown.length !== source.length) return [{ text: shown.join('') }];
  const runs: RubyRun[] = [];
  source.forEach((r, i) => {
    const base = shown[i]!;
    const last = runs.at(-1);
    if (r.marked) {
      if (last && 'pairs' in last) last.pairs.push({ base, pinyin: r.marked });
      else runs.push({ pairs: [{ base, pinyin: r.marked }] });
    } else if (last && 'text' in last) last.text += base;
    else runs.push({ text: base });
  });
  return runs;
}
