import type { TextBlock } from './brf.ts';

/**
 * The text of a guide's or news item's markdown body as blocks (headings, paragraphs, list
 * items), for the braille file. The content uses plain markdown: headings, paragraphs, lists,
 * links and emphasis; links keep their text, images their alt text.
 */
export function markdownBlocks(markdown: string): TextBlock[] {
  const inline = (s: string) =>
    s
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
      .replace(/<[^>]+>/g, '')
      .trim();
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: inline(paragraph.join('')) });
    paragraph = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) { flush(); blocks.push({ kind: 'heading', text: inline(heading[1]!) }); }
    else if (item) { flush(); blocks.push({ kind: 'item', text: inline(item[1]!) }); }
    else paragraph.push(line);
  }
  flush();
  return blocks.filter((b) => b.text);
}
