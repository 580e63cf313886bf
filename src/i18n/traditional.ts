import * as OpenCC from 'opencc-js';
import { HANT_PREFIX } from './locales.ts';

/**
 * Simplified → Traditional (Taiwan standard characters, no vocabulary swaps: official
 * terms such as 信息 or 残疾人证 keep their wording, only the characters change).
 */
export const toTraditional: (text: string) => string = OpenCC.Converter({ from: 'cn', to: 'tw' });

/**
 * Elements that must stay in Simplified inside a Traditional page: anything marked
 * lang="zh-Hans" (the link back to the Simplified page is written in Simplified so
 * readers of Simplified recognise it). Kept simple on purpose: such elements hold text only.
 */
const KEEP_SIMPLIFIED = /<([a-z][a-z0-9]*)\b[^>]*\slang="zh-Hans"[^>]*>[^<]*<\/\1>/g;

/** Paths that are files, not pages, and exist once for both scripts. */
const SHARED_ASSET = /^\/(?:_astro|pagefind|favicon|prefs\.js|fonts|images|robots\.txt|sitemap)/;

function localizeUrl(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  if (path === HANT_PREFIX || path.startsWith(`${HANT_PREFIX}/`) || SHARED_ASSET.test(path)) return path;
  return `${HANT_PREFIX}${path}`;
}

/**
 * Point site-internal links and form actions at the Traditional pages, except links
 * that name their own language with hreflang (the script switch, alternate links).
 */
export function localizeLinks(html: string): string {
  return html.replace(/<(a|form|link)\b[^>]*>/g, (tag) => {
    if (/\shreflang=/.test(tag)) return tag;
    if (tag.startsWith('<link') && !/\srel="(?:alternate|prev|next)"/.test(tag)) return tag;
    return tag.replace(/\s(href|action)="([^"]*)"/, (_m, attr: string, url: string) => ` ${attr}="${localizeUrl(url)}"`);
  });
}

/** Convert a whole rendered page to Traditional Chinese and mark its language. */
export function convertPageToTraditional(html: string): string {
  const kept: string[] = [];
  const masked = html.replace(KEEP_SIMPLIFIED, (element) => {
    kept.push(element);
    return `\u0000${kept.length - 1}\u0000`;
  });
  const converted = localizeLinks(toTraditional(masked))
    .replace(/<html([^>]*)\slang="zh-Hans"/, '<html$1 lang="zh-Hant"');
  return converted.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

/** Convert a feed (RSS/Atom XML): text to Traditional, own links to the Traditional pages. */
export function convertFeedToTraditional(xml: string, origin: string): string {
  const converted = toTraditional(xml);
  if (!origin) return converted.replace(/xml:lang="zh-Hans"|<language>zh-Hans<\/language>/g, (m) => m.replace('zh-Hans', 'zh-Hant'));
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return converted
    .replace(new RegExp(`${escaped}(/(?!zh-hant/)[^"<\\s]*)`, 'g'), (_m, path: string) => `${origin}${localizeUrl(path)}`)
    .replace(/xml:lang="zh-Hans"|<language>zh-Hans<\/language>/g, (m) => m.replace('zh-Hans', 'zh-Hant'));
}
