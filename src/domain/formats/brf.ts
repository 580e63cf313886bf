import { dotsToUnicode, numberCells, unicodeToBrailleAscii } from './braille-cells.ts';
import { toChineseBraille } from './chinese-braille.ts';

/**
 * A braille-ready file (.brf): Braille ASCII, 40 cells a line and 25 lines a page, the size
 * embossers and braille displays take by default. Line 25 of every page carries the page
 * number at its right end (a braille number, ⠼ and digits); lines end in CR LF and pages in
 * a form feed, as embossers expect.
 */
export const CELLS_PER_LINE = 40;
export const LINES_PER_PAGE = 25;
const TEXT_LINES = LINES_PER_PAGE - 1;

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
}

/** Fill words into lines of at most `width` cells; a word longer than a line is split. */
function wrap(braille: string, firstIndent: number): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  for (let word of braille.split(' ').filter(Boolean)) {
    while ([...word].length > CELLS_PER_LINE) {
      if (line.trim()) lines.push(line);
      const cells = [...word];
      lines.push(cells.slice(0, CELLS_PER_LINE).join(''));
      word = cells.slice(CELLS_PER_LINE).join('');
      line = '';
    }
    const needed = (line.trim() ? 1 : 0) + [...word].length;
    if ([...line].length + needed > CELLS_PER_LINE) {
      lines.push(line);
      line = word;
    } else line += line.trim() ? ` ${word}` : word;
  }
  if (line.trim()) lines.push(line);
  return lines;
}

/** The lines of one block: headings start four cells in and have a blank line above; text two. */
function blockLines(block: TextBlock): string[] {
  const braille = toChineseBraille(block.text);
  if (!braille) return [];
  if (block.kind === 'heading') return ['', ...wrap(braille, 4)];
  return wrap(braille, 2);
}

function pageNumberLine(page: number): string {
  const number = dotsToUnicode(numberCells(String(page)));
  return ' '.repeat(CELLS_PER_LINE - [...number].length) + number;
}

/** The pages as Unicode braille lines (page number line included), for checking and for tests. */
export function paginate(blocks: readonly TextBlock[]): string[][] {
  const pages: string[][] = [];
  let current: string[] = [];
  const finish = () => {
    while (current.length < TEXT_LINES) current.push('');
    pages.push([...current, pageNumberLine(pages.length + 1)]);
    current = [];
  };
  for (const block of blocks) {
    // A heading never ends a page: it moves to the next one with its first lines of text.
    if (block.kind === 'heading' && current.length >= TEXT_LINES - 3) finish();
    for (const line of blockLines(block)) {
      if (current.length === 0 && line === '') continue;
      current.push(line);
      if (current.length === TEXT_LINES) finish();
    }
  }
  if (current.length > 0 || pages.length === 0) finish();
  return pages;
}

/** The whole .brf file. */
export function toBrf(blocks: readonly TextBlock[]): string {
  return paginate(blocks)
    .map((page) => `${page.map((line) => unicodeToBrailleAscii(line).trimEnd()).join('\r\n')}\r\n\f`)
    .join('');
}

/** A file size as the page shows it: "860 B", "3.2 KB". */
export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
