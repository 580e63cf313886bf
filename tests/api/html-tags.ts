/**
 * A small HTML tokenizer for one question: which elements and attributes does a page really
 * have? Text inside a quoted attribute value ("<script>" in value="…") is a value, not a tag, as
 * a browser reads it. Enough for checking that injected markup never became markup.
 */
export interface Tag {
  name: string;
  attributes: [string, string][];
  /** The raw text of a <script> or <style> element. */
  raw?: string;
}

export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const nameMatch = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(lt, lt + 40));
    if (!nameMatch) {
      i = lt + 1;
      continue;
    }
    const tag: Tag = { name: nameMatch[1]!.toLowerCase(), attributes: [] };
    let j = lt + nameMatch[0].length;
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j++;
      if (j >= html.length || html[j] === '>') break;
      const attr = /^[^\s"'>/=]+/.exec(html.slice(j, j + 200));
      if (!attr) {
        j++;
        continue;
      }
      j += attr[0].length;
      let value = '';
      while (j < html.length && /\s/.test(html[j]!)) j++;
      if (html[j] === '=') {
        j++;
        while (j < html.length && /\s/.test(html[j]!)) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, j + 1);
          value = html.slice(j + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const unquoted = /^[^\s>]*/.exec(html.slice(j))![0];
          value = unquoted;
          j += unquoted.length;
        }
      }
      tag.attributes.push([attr[0].toLowerCase(), value]);
    }
    i = j + 1;
    if (tag.name === 'script' || tag.name === 'style' || tag.name === 'textarea' || tag.name === 'title') {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
      tag.raw = html.slice(i, close < 0 ? html.length : close);
      i = close < 0 ? html.length : close;
    }
    out.push(tag);
  }
  return out;
}

/** Markup that an injected value turned into: a script containing `marker`, or an on* attribute using it. */
export function injectedMarkup(html: string, marker = 'alert(1)'): string[] {
  const found: string[] = [];
  for (const tag of tags(html)) {
    if (tag.name === 'script' && tag.raw?.includes(marker)) found.push(`<script>${tag.raw.slice(0, 60)}`);
    for (const [name, value] of tag.attributes) {
      if (name.startsWith('on') && value.includes(marker.slice(0, 5))) found.push(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
      if ((name === 'href' || name === 'src' || name === 'action') && /^\s*javascript:/i.test(value)) found.push(`<${tag.name} ${name}="${value.slice(0, 60)}">`);
    }
    if (tag.name === 'svg' && tag.attributes.some(([n]) => n === 'onload')) found.push('<svg onload>');
  }
  return found;
}
