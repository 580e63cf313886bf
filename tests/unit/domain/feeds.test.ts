import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtom, renderRss, type Feed, type FeedItem } from '../../../src/domain/feeds.ts';

/**
 * A small well-formedness check, enough for the documents renderRss/renderAtom write:
 * one XML declaration, one root, balanced tags, quoted attributes, no raw "<" or "&"
 * in text or attribute values, and no characters XML 1.0 forbids. Returns the problems.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) problems.push('no XML declaration at the very start');
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(xml);
  if (forbidden) problems.push(`character U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML`);
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const rawAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(token)) {
    const [, close, name, attrs, selfClosing, text, strayLt] = m;
    if (strayLt !== undefined) {
      problems.push(`"<" that starts no tag at ${m.index}`);
      continue;
    }
    if (text !== undefined) {
      if (rawAmp.test(text)) problems.push(`raw "&" in text: ${text.trim().slice(0, 40)}`);
      if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${text.trim().slice(0, 40)}`);
      continue;
    }
    if (rawAmp.test(attrs ?? '')) problems.push(`raw "&" in attributes of <${name}>`);
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name as string);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** Text of every <tag>…</tag>, unescaped, in document order. */
function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => unescapeXml(m[1] ?? ''));
}

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const DECL = '<?xml version="1.0" encoding="utf-8"?>\n';

describe('the well-formedness check itself', () => {
  it('accepts well-formed XML', () => {
    expect(xmlProblems(`${DECL}<a x="1 &amp; 2"><b>&lt;&#38;&#x26;</b><c/></a>\n`)).toEqual([]);
  });

  it.each([
    ['a raw &', `${DECL}<a>残疾人 & 家属</a>`],
    ['a raw & in an attribute', `${DECL}<a href="/?a=1&b=2"/>`],
    ['a raw <', `${DECL}<a>1 < 2</a>`],
    ['crossed tags', `${DECL}<a><b></a></b>`],
    ['an unclosed tag', `${DECL}<a><b></a>`],
    ['two roots', `${DECL}<a/><b/>`],
    ['no declaration', '<a/>'],
    ['a control character', `${DECL}<a>\u000b</a>`],
  ])('rejects %s', (_what, xml) => {
    expect(xmlProblems(xml)).not.toEqual([]);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('escapes & first, so it does not double-escape its own output', () => {
    expect(escapeXml('&lt;')).toBe('&amp;lt;');
    expect(unescapeXml(escapeXml('& < > " \''))).toBe('& < > " \'');
  });

  it('leaves Chinese and full-width punctuation as they are', () => {
    const text = '残疾人证办理：“免费”！（含代办）';
    expect(escapeXml(text)).toBe(text);
  });
});

const ORIGIN = 'https://canlian.example.org';
const TRICKY = `残疾人 & 家属 <专场> "招聘会" '报名'`;

const ITEMS: FeedItem[] = [
  {
    title: TRICKY,
    url: `${ORIGIN}/news/2025-job-fair/?from=rss&lang=zh`,
    date: '2025-05-18',
    summary: '岗位 > 180 个，残疾人 & 家属均可到场。详见“招聘须知”。',
    categories: ['助残日', '就业'],
  },
  {
    title: '2024年工作回顾',
    url: `${ORIGIN}/news/2024-annual-review/`,
    date: '2024-12-31',
    summary: '一年来，本会为 1901 名残疾人发放补贴。',
    categories: [],
  },
];

const FEED: Feed = {
  title: '示例县残联 新闻动态',
  description: '示例县残疾人联合会的工作动态 & 全国助残日活动',
  siteUrl: `${ORIGIN}/news/`,
  feedUrl: `${ORIGIN}/news/rss.xml`,
  language: 'zh-Hans',
  author: '示例县残疾人联合会',
  items: ITEMS,
};

describe('renderRss', () => {
  const rss = renderRss(FEED);

  it('is well-formed XML, escaping & < > " \' in titles, summaries and links', () => {
    expect(xmlProblems(rss)).toEqual([]);
    expect(rss).toContain('<title>残疾人 &amp; 家属 &lt;专场&gt; &quot;招聘会&quot; &apos;报名&apos;</title>');
    expect(rss).toContain(`<link>${ORIGIN}/news/2025-job-fair/?from=rss&amp;lang=zh</link>`);
  });

  it('gives back the exact text once unescaped', () => {
    expect(texts(rss, 'title')).toEqual([FEED.title, TRICKY, '2024年工作回顾']);
    expect(texts(rss, 'description')).toEqual([FEED.description, ITEMS[0]?.summary, ITEMS[1]?.summary]);
    expect(texts(rss, 'link')).toEqual([FEED.siteUrl, ITEMS[0]?.url, ITEMS[1]?.url]);
    expect(texts(rss, 'guid')).toEqual([ITEMS[0]?.url, ITEMS[1]?.url]);
  });

  it('is an RSS 2.0 channel with its language and self link', () => {
    expect(rss).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0" xmlns:atom="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(rss).toContain('<language>zh-Hans</language>');
    expect(rss).toContain(`<atom:link href="${ORIGIN}/news/rss.xml" rel="self" type="application/rss+xml"/>`);
    expect(rss.match(/<item>/g)).toHaveLength(2);
  });

  it('dates are RFC 822, for midnight China Standard Time (16:00 GMT the day before)', () => {
    const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
    const pubDates = texts(rss, 'pubDate');
    expect(pubDates).toEqual(['Sat, 17 May 2025 16:00:00 GMT', 'Mon, 30 Dec 2024 16:00:00 GMT']);
    for (const d of pubDates) expect(d).toMatch(rfc822);
    expect(Date.parse(pubDates[0] as string)).toBe(Date.parse('2025-05-18T00:00:00+08:00'));
  });

  it('lastBuildDate is the newest (first) item', () => {
    expect(texts(rss, 'lastBuildDate')).toEqual(['Sat, 17 May 2025 16:00:00 GMT']);
  });

  it('writes one <category> per tag, and none for an item without tags', () => {
    expect(texts(rss, 'category')).toEqual(['助残日', '就业']);
    const second = rss.slice(rss.lastIndexOf('<item>'));
    expect(second).not.toContain('<category');
  });

  it('an empty feed is still a well-formed channel, with no items and no lastBuildDate', () => {
    const empty = renderRss({ ...FEED, items: [] });
    expect(xmlProblems(empty)).toEqual([]);
    expect(empty).not.toContain('<item>');
    expect(empty).not.toContain('lastBuildDate');
    expect(texts(empty, 'title')).toEqual([FEED.title]);
  });
});

describe('renderAtom', () => {
  const atom = renderAtom({ ...FEED, feedUrl: `${ORIGIN}/news/atom.xml` });

  it('is well-formed XML, escaping & < > " \' in text and attributes', () => {
    expect(xmlProblems(atom)).toEqual([]);
    expect(atom).toContain('<title>残疾人 &amp; 家属 &lt;专场&gt; &quot;招聘会&quot; &apos;报名&apos;</title>');
    expect(atom).toContain(`<link href="${ORIGIN}/news/2025-job-fair/?from=rss&amp;lang=zh"/>`);
  });

  it('gives back the exact text once unescaped', () => {
    expect(texts(atom, 'title')).toEqual([FEED.title, TRICKY, '2024年工作回顾']);
    expect(texts(atom, 'subtitle')).toEqual([FEED.description]);
    expect(texts(atom, 'summary')).toEqual([ITEMS[0]?.summary, ITEMS[1]?.summary]);
    expect(texts(atom, 'id')).toEqual([`${ORIGIN}/news/atom.xml`, ITEMS[0]?.url, ITEMS[1]?.url]);
  });

  it('is an Atom feed with its language, site link and self link', () => {
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans">');
    expect(atom).toContain(`<link href="${ORIGIN}/news/"/>`);
    expect(atom).toContain(`<link rel="self" href="${ORIGIN}/news/atom.xml"/>`);
    expect(atom.match(/<entry>/g)).toHaveLength(2);
  });

  it('dates are RFC 3339 at midnight +08:00; the feed is updated as of the newest item', () => {
    expect(texts(atom, 'updated')).toEqual(['2025-05-18T00:00:00+08:00', '2025-05-18T00:00:00+08:00', '2024-12-31T00:00:00+08:00']);
  });

  it('writes categories as term attributes, and none for an item without tags', () => {
    expect([...atom.matchAll(/<category term="([^"]*)"\/>/g)].map((m) => m[1])).toEqual(['助残日', '就业']);
    expect(atom.slice(atom.lastIndexOf('<entry>'))).not.toContain('<category');
  });

  it('escapes a category that needs it', () => {
    const out = renderAtom({ ...FEED, items: [{ ...ITEMS[1] as FeedItem, categories: ['"无障碍" & 出行'] }] });
    expect(xmlProblems(out)).toEqual([]);
    expect(out).toContain('<category term="&quot;无障碍&quot; &amp; 出行"/>');
  });

  it('an empty feed is well-formed, with no entries and a fixed updated date', () => {
    const empty = renderAtom({ ...FEED, items: [] });
    expect(xmlProblems(empty)).toEqual([]);
    expect(empty).not.toContain('<entry>');
    expect(texts(empty, 'updated')).toEqual(['1970-01-01T00:00:00+08:00']);
  });

  // RFC 4287 §4.1.1: atom:feed MUST contain an atom:author unless every entry has one.
  it('names an author, as RFC 4287 requires', () => {
    expect(atom).toMatch(/<author>\s*<name>[^<]+<\/name>/);
  });
});

// Characters XML 1.0 forbids (U+0000–U+001F except tab, line feed and carriage return), e.g. a
// manual line break pasted from Word (U+000B), are dropped so the feeds stay well-formed.
describe('characters XML does not allow', () => {
  const pasted = { ...ITEMS[1] as FeedItem, summary: '第一行\u000b第二行' };

  it('RSS stays well-formed when a summary has a vertical tab', () => {
    expect(xmlProblems(renderRss({ ...FEED, items: [pasted] }))).toEqual([]);
  });

  it('Atom stays well-formed when a summary has a vertical tab', () => {
    expect(xmlProblems(renderAtom({ ...FEED, items: [pasted] }))).toEqual([]);
  });
});

describe('feed dates and the machine time zone', () => {
  it('RSS and Atom dates are the same wherever the build runs', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'UTC']) {
        process.env.TZ = tz;
        const feed = { ...FEED, items: [ITEMS[0] as FeedItem] };
        expect(texts(renderRss(feed), 'pubDate'), tz).toEqual(['Sat, 17 May 2025 16:00:00 GMT']);
        expect(texts(renderAtom(feed), 'updated'), tz).toEqual(['2025-05-18T00:00:00+08:00', '2025-05-18T00:00:00+08:00']);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
