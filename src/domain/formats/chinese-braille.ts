import {
  ABBREVIATIONS, PUNCTUATION, PUNCTUATION_ALIASES, dotsToUnicode, letterCells, numberCells, syllableCells, type Dots,
} from './braille-cells.ts';
import { readings, type Reading } from './readings.ts';

/**
 * Chinese text → 国家通用盲文 (GF 0019-2018) as Unicode braille, words separated by blank
 * cells (分词连写). Readings come from pinyin-pro in context; word boundaries from the
 * platform's dictionary segmenter (Intl.Segmenter, ICU), with the structural and aspect
 * particles joined to the word before them, as Chinese braille writes them (我们的 国土).
 * A blank in the result is an ASCII space; everything else is a braille cell.
 */

const HAN = /\p{Script=Han}/u;
/** Written together with the word before them, never after a blank. */
const JOINS_PREVIOUS = new Set(['的', '地', '得', '了', '着', '过', '们', '吗', '呢', '吧', '啊', '么']);

const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });

/** Full-width digits and letters as ASCII, so they are brailled as numbers and letters. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function characterCells(r: Reading): Dots[] {
  return ABBREVIATIONS[`${r.char}:${r.numbered}`] ?? syllableCells(r.numbered) ?? [];
}

type Token = { kind: 'word' | 'number' | 'latin' | 'punct' | 'space'; cells: Dots[]; space?: boolean; text: string };

function tokens(text: string): Token[] {
  const all = readings(text);
  const out: Token[] = [];
  let offset = 0;
  for (const { segment } of segmenter.segment(text)) {
    const chars = [...segment];
    const rs = all.slice(offset, offset + chars.length);
    offset += chars.length;
    if (/^\s+$/.test(segment)) out.push({ kind: 'space', cells: [], text: segment });
    else if (/^[0-9]+(?:\.[0-9]+)?$/.test(segment)) out.push({ kind: 'number', cells: numberCells(segment), text: segment });
    else if (/^[A-Za-z]+$/.test(segment)) out.push({ kind: 'latin', cells: chars.flatMap(letterCells), text: segment });
    else if (chars.every((c) => HAN.test(c))) out.push({ kind: 'word', cells: rs.flatMap(characterCells), text: segment });
    else {
      // Punctuation, symbols, or a mix the segmenter kept together: one character at a time.
      for (const [i, c] of chars.entries()) {
        const p = PUNCTUATION[PUNCTUATION_ALIASES[c] ?? c];
        if (p) out.push({ kind: 'punct', cells: p.cells, space: p.space, text: c });
        else if (HAN.test(c)) out.push({ kind: 'word', cells: characterCells(rs[i]!), text: c });
        else if (/[0-9]/.test(c)) out.push({ kind: 'number', cells: numberCells(c), text: c });
        else if (/[A-Za-z]/.test(c)) out.push({ kind: 'latin', cells: letterCells(c), text: c });
        else if (/\s/.test(c)) out.push({ kind: 'space', cells: [], text: c });
      }
    }
  }
  return out;
}

/** One paragraph of text as Unicode braille (ASCII spaces between words). */
export function toChineseBraille(text: string): string {
  const parts: string[] = [];
  let blank = false;
  let previous: Token | undefined;
  for (const token of tokens(halfWidth(text))) {
    if (token.kind === 'space') { blank = parts.length > 0; continue; }
    const joins =
      (token.kind === 'word' && previous?.kind === 'word' && JOINS_PREVIOUS.has([...token.text][0]!)) ||
      token.kind === 'punct' ||
      (token.kind === 'number' && previous?.kind === 'number');
    const afterOpening = previous?.kind === 'punct' && !previous.space;
    if (parts.length > 0 && (blank || (!joins && !afterOpening))) parts.push(' ');
    parts.push(dotsToUnicode(token.cells));
    // After a number, a blank keeps the next cells from being read as more digits (⠃ b is also 2).
    blank = Boolean(token.space) || token.kind === 'number';
    previous = token;
  }
  return parts.join('').replace(/ {2,}/g, ' ').trim();
}
