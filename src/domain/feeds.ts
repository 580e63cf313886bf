/**
 * RSS 2.0 and Atom 1.0 documents for the news. Pure functions: the routes pass in
 * absolute URLs and the text; escaping happens here, once.
 */
export interface FeedItem {
  title: string;
  url: string;
  /** YYYY-MM-DD */
  date: string;
  summary: string;
  categories: readonly string[];
}

export interface Feed {
  title: string;
  description: string;
  /** The HTML page that lists the items. */
  siteUrl: string;
  /** The feed's own URL. */
  feedUrl: string;
  language: string;
  /** Who publishes the feed (Atom requires an author). */
  author: string;
  items: readonly FeedItem[];
}

/** Characters XML 1.0 cannot contain at all; a pasted control character would break the feed. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Publication dates are days; feeds want a time, so use midnight China Standard Time. */
function toRfc822(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toUTCString();
}

function toRfc3339(date: string): string {
  return `${date}T00:00:00+08:00`;
}

export function renderRss(feed: Feed): string {
  const items = feed.items
    .map(
      (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(item.url)}</link>
      <guid isPermaLink="true">${escapeXml(item.url)}</guid>
      <pubDate>${toRfc822(item.date)}</pubDate>
      <description>${escapeXml(item.summary)}</description>
${item.categories.map((c) => `      <category>${escapeXml(c)}</category>`).join('\n')}
    </item>`,
    )
    .join('\n');
  const latest = feed.items[0]?.date;
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.siteUrl)}</link>
    <atom:link href="${escapeXml(feed.feedUrl)}" rel="self" type="application/rss+xml"/>
    <description>${escapeXml(feed.description)}</description>
    <language>${escapeXml(feed.language)}</language>
${latest ? `    <lastBuildDate>${toRfc822(latest)}</lastBuildDate>\n` : ''}${items}
  </channel>
</rss>
`;
}

export function renderAtom(feed: Feed): string {
  const entries = feed.items
    .map(
      (item) => `  <entry>
    <title>${escapeXml(item.title)}</title>
    <link href="${escapeXml(item.url)}"/>
    <id>${escapeXml(item.url)}</id>
    <updated>${toRfc3339(item.date)}</updated>
    <summary>${escapeXml(item.summary)}</summary>
${item.categories.map((c) => `    <category term="${escapeXml(c)}"/>`).join('\n')}
  </entry>`,
    )
    .join('\n');
  const updated = feed.items[0]?.date ?? '1970-01-01';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">
  <title>${escapeXml(feed.title)}</title>
  <subtitle>${escapeXml(feed.description)}</subtitle>
  <link href="${escapeXml(feed.siteUrl)}"/>
  <link rel="self" href="${escapeXml(feed.feedUrl)}"/>
  <id>${escapeXml(feed.feedUrl)}</id>
  <author><name>${escapeXml(feed.author)}</name></author>
  <updated>${toRfc3339(updated)}</updated>
${entries}
</feed>
`;
}
