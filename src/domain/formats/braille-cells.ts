/**
 * 国家通用盲文 (GF 0019-2018, the national common braille scheme for Mandarin, in force
 * since 2018): one syllable → braille cells. The scheme keeps the initials, finals, tone
 * signs and punctuation of 现行盲文 unchanged and adds two things, both implemented here:
 *
 *  1. Every syllable carries its tone, except that in each initial group one tone is
 *     left unwritten (the scheme's "零标记" rule: the same tone for every syllable with that
 *     initial). A syllable with no tone sign therefore reads as its group's omitted tone,
 *     or as a light tone (轻声, never marked).
 *  2. Six 简写字 written with fewer cells: 的 ⠙, 么 ⠍, 你 ⠝, 他 ⠞, 她 ⠞⠁, 它 ⠈⠞.
 *
 * The omitted tone of each group and the few syllables outside the rule are the ones the
 * liblouis table zhcn-cbs.ctb implements (checked against it in tests/unit/formats/braille-liblouis.test.ts).
 * Pure data and functions: no framework, no I/O.
 */

/** A cell written as its dot numbers ("1245"), the way braille standards list them. */
export type Dots = string;

/** Unicode braille for a list of cells ("12-35" → "⠃⠔"); "0" is a blank cell. */
export function dotsToUnicode(cells: readonly Dots[]): string {
  return cells
    .map((d) => String.fromCodePoint(0x2800 + [...d].reduce((bits, n) => (n === '0' ? bits : bits | (1 << (Number(n) - 1))), 0)))
    .join('');
}

const INITIALS: Record<string, Dots> = {
  b: '12', p: '1234', m: '134', f: '124', d: '145', t: '2345', n: '1345', l: '123',
  // g/j, k/q, h/x share a cell: the final tells them apart (j, q, x only come before i and ü).
  g: '1245', j: '1245', k: '13', q: '13', h: '125', x: '125',
  zh: '34', ch: '12345', sh: '156', r: '245', z: '1356', c: '14', s: '234',
};

/** Finals in the scheme's spelling: ü finals after j/q/x/y are written with ü; o and e share a cell. */
const FINALS: Record<string, Dots> = {
  a: '35', o: '26', e: '26', ai: '246', ei: '2346', ao: '235', ou: '12356', an: '1236', en: '356',
  ang: '236', eng: '3456', er: '1235', ong: '256',
  i: '24', ia: '1246', ie: '15', iao: '345', iu: '1256', ian: '146', in: '126', iang: '1346', ing: '16', iong: '1456',
  u: '136', ua: '123456', uo: '135', uai: '13456', ui: '2456', uan: '12456', un: '25', uang: '2356', ueng: '256',
  ü: '346', üe: '23456', üan: '12346', ün: '456',
};

export const TONES: Record<1 | 2 | 3 | 4, Dots> = { 1: '1', 2: '2', 3: '3', 4: '23' };

/** The tone left unwritten in each initial group ('' is the group without an initial). */
const OMITTED_TONE: Record<string, number> = {
  b: 4, p: 2, m: 2, f: 1, d: 4, t: 2, n: 2, l: 4, g: 4, k: 4, h: 2, j: 4, q: 2, x: 4,
  zh: 4, ch: 2, sh: 4, r: 2, z: 4, c: 2, s: 4, '': 4,
};

/**
 * Syllables whose omitted tone differs from their group's: the most frequent words get the
 * bare form (一 yī, 我 wǒ, 有 yǒu, 也 yě, 而/儿 ér); e has every tone written.
 */
const SYLLABLE_OMITTED_TONE: Record<string, number> = { yi: 1, wo: 3, you: 3, ye: 3, er: 2, e: 0 };

/**
 * Syllables whose group tone is written after all, because their bare form belongs to a
 * frequent light-tone suffix: 子 (zi), 了 (le), 头 (tou).
 */
const ALWAYS_MARKED = new Set(['zi4', 'le4', 'tou2']);

/** 简写字: written with fewer cells when read as given. */
export const ABBREVIATIONS: Record<string, Dots[]> = {
  '的:de0': ['145'],
  '么:me0': ['134'],
  '你:ni3': ['1345'],
  '他:ta1': ['2345'],
  '她:ta1': ['2345', '1'],
  '它:ta1': ['4', '2345'],
};

export interface Syllable {
  initial: string;
  /** The final as the scheme spells it (y/w folded in, ü restored after j/q/x). */
  final: string;
  /** 1–4, or 0 for the light tone. */
  tone: number;
}

const INITIAL_RE = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$/;
const Y_FINALS: Record<string, string> = {
  i: 'i', a: 'ia', e: 'ie', o: 'iu', ao: 'iao', ou: 'iu', an: 'ian', in: 'in', ang: 'iang', ing: 'ing', ong: 'iong',
  u: 'ü', ue: 'üe', uan: 'üan', un: 'ün',
};
const W_FINALS: Record<string, string> = { u: 'u', a: 'ua', o: 'uo', ai: 'uai', ei: 'ui', an: 'uan', en: 'un', ang: 'uang', eng: 'ueng' };

/** Parse a numbered pinyin syllable ("lü4", "lv4", "zhong1", "men0", "men"). Null if it is not one. */
export function parseSyllable(numbered: string): Syllable | null {
  const m = /^([a-zü]+?)([0-5])?$/.exec(numbered.toLowerCase().replace(/v/g, 'ü'));
  if (!m) return null;
  const tone = Number(m[2] ?? 0) % 5;
  const [, rawInitial = '', rest = ''] = INITIAL_RE.exec(m[1]!)!;
  let initial = rawInitial;
  let final = rest;
  if (initial === 'y') { initial = ''; final = Y_FINALS[rest] ?? ''; }
  else if (initial === 'w') { initial = ''; final = W_FINALS[rest] ?? ''; }
  else if ((initial === 'j' || initial === 'q' || initial === 'x') && rest.startsWith('u')) final = `ü${rest.slice(1)}`;
  if (/^(zh|ch|sh|r|z|c|s)$/.test(initial) && final === 'i') final = '';
  if (final !== '' && !(final in FINALS)) return null;
  if (final === '' && !/^(zh|ch|sh|r|z|c|s)$/.test(initial)) return null;
  return { initial, final, tone };
}

/** The syllable as Hanyu Pinyin spells it, without the tone (for the exception tables). */
function spelling(numbered: string): string {
  return numbered.toLowerCase().replace(/[0-5]$/, '').replace(/v/g, 'ü');
}

/** Whether the tone sign is written for this syllable under GF 0019-2018. */
export function toneIsWritten(numbered: string, syllable: Syllable): boolean {
  if (syllable.tone === 0) return false;
  const key = spelling(numbered);
  if (ALWAYS_MARKED.has(`${key}${syllable.tone}`)) return true;
  const omitted = SYLLABLE_OMITTED_TONE[key] ?? OMITTED_TONE[syllable.initial];
  return syllable.tone !== omitted;
}

/** One syllable in cells, or null when it is not a Mandarin syllable the scheme spells. */
export function syllableCells(numbered: string): Dots[] | null {
  const s = parseSyllable(numbered);
  if (!s) return null;
  const cells: Dots[] = [];
  if (s.initial) cells.push(INITIALS[s.initial]!);
  if (s.final) cells.push(FINALS[s.final]!);
  if (toneIsWritten(numbered, s)) cells.push(TONES[s.tone as 1 | 2 | 3 | 4]);
  return cells;
}

/** Digits: the number sign ⠼ then the letters a–j, one sign per run of digits. */
const DIGITS: Record<string, Dots> = { 1: '1', 2: '12', 3: '14', 4: '145', 5: '15', 6: '124', 7: '1245', 8: '125', 9: '24', 0: '245' };
export const NUMBER_SIGN: Dots = '3456';

export function numberCells(digits: string): Dots[] {
  const cells: Dots[] = [NUMBER_SIGN];
  for (const ch of digits) cells.push(ch === '.' ? '46' : DIGITS[ch] ?? '');
  return cells.filter(Boolean);
}

/** Latin letters as in English braille, with the capital sign ⠠ before a capital. */
const LETTERS = 'a1 b12 c14 d145 e15 f124 g1245 h125 i24 j245 k13 l123 m134 n1345 o135 p1234 q12345 r1235 s234 t2345 u136 v1236 w2456 x1346 y13456 z1356';
const LETTER_CELLS: Record<string, Dots> = Object.fromEntries(LETTERS.split(' ').map((e) => [e[0]!, e.slice(1)]));

export function letterCells(letter: string): Dots[] {
  const lower = letter.toLowerCase();
  const cell = LETTER_CELLS[lower];
  if (!cell) return [];
  return lower === letter ? [cell] : ['6', cell];
}

/**
 * Chinese braille punctuation (unchanged from 现行盲文). `space` says a blank cell follows,
 * which keeps the next syllable from being read as part of the sign.
 */
export const PUNCTUATION: Record<string, { cells: Dots[]; space?: boolean }> = {
  '。': { cells: ['5', '23'], space: true },
  '，': { cells: ['5'], space: true },
  '、': { cells: ['4'], space: true },
  '；': { cells: ['56'], space: true },
  '：': { cells: ['36'], space: true },
  '？': { cells: ['5', '3'], space: true },
  '！': { cells: ['56', '2'], space: true },
  '（': { cells: ['56', '3'] },
  '）': { cells: ['6', '23'], space: true },
  '〔': { cells: ['56', '3'] },
  '〕': { cells: ['6', '23'], space: true },
  '【': { cells: ['56', '23'] },
  '】': { cells: ['56', '23'], space: true },
  '《': { cells: ['5', '36'] },
  '》': { cells: ['36', '2'], space: true },
  '“': { cells: ['45'] },
  '”': { cells: ['45'], space: true },
  '‘': { cells: ['45', '45'] },
  '’': { cells: ['45', '45'], space: true },
  '—': { cells: ['6', '36'] },
  '…': { cells: ['5', '5', '5'] },
  '·': { cells: ['5'] },
  '-': { cells: ['36'] },
  '/': { cells: ['34'] },
  '%': { cells: ['3456', '245', '356'] },
};

/** ASCII and full-width forms that mean the same Chinese punctuation. */
export const PUNCTUATION_ALIASES: Record<string, string> = {
  ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '"': '“',
  '～': '-', '~': '-', '－': '-', '–': '-', '／': '/', '％': '%',
};

/**
 * North American Braille ASCII, the character set of .brf files: the ASCII character for
 * each of the 64 cells, indexed by the cell's dot bits (dot 1 = 1 … dot 6 = 32).
 */
const BRAILLE_ASCII = ' A1B\'K2L@CIF/MSP"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)=';

/** Unicode braille (six-dot cells and spaces) → Braille ASCII for a .brf file. */
export function unicodeToBrailleAscii(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code >= 0x2800 && code <= 0x283f) return BRAILLE_ASCII[code - 0x2800]!;
      return ch === ' ' || ch === '\n' ? ch : ' ';
    })
    .join('');
}
