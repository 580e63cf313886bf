import * as OpenCC from 'opencc-js';
import { HANT_PREFIX } from './locales.ts';
import { TRADITIONAL_TERMS } from './traditional-terms.ts';

const toTraditionalCharacters: (text: string) => string = OpenCC.Converter({ from: 'cn', to: 'tw' });
const TERM = new RegExp(
  Object.keys(TRADITIONAL_TERMS).sort((a, b) => b.length - a.length).join('|'),
  'g',
);

/**
 * Simplified → Traditional: first the explicit table of terms where Traditional usage differs
 * (traditional-terms.ts: 显示设置 → 顯示設定, 读屏软件 → 螢幕閱讀器), then opencc's character
 * conversion (Taiwan standard characters; official terms such as 信息 or 残疾人证 keep their
 * wording). Text already in Traditional passes through unchanged, so converting twice is safe.
 */
export function toTraditional(text: string): string {
  return traditionalQuotes(toTraditionalCharacters(text.replace(TERM, (term) => TRADITIONAL_TERMS[term] ?? term)));
}

/**
 * Quotation marks as Traditional Chinese writes them: “…” → 「…」 and, inside, ‘…’ → 『…』 —
 * pairs only, and single quotes only around Chinese (an English apostrophe stays).
 */
const CJK = '[\u3400-\u9fff\uf900-\ufaff]';
export function traditionalQuotes(text: string): string {
  return text
    .replace(/“([^“”<>]*)”/g, '「$1」')
    .replace(new RegExp(`‘([^‘’<>]*${CJK}[^‘’<>]*)’`, 'g'), '『$1』');
}

/**
 * What the conversion must never touch inside a Traditional page:
 *  - elements marked lang="zh-Hans" (the link back to the Simplified page, written in Simplified
 *    so its readers recognise it) or translate="no" (what a person typed, shown back to them on a
 *    check page: a name or an address is kept exactly as written). Such elements hold text only;
 *  - form values: every value="…" attribute (option ids, and the text a person typed, re-shown
 *    after an error) and the contents of a <textarea>. Converting them would change what the
 *    form sends: a Simplified name would come back Traditional, an option would stop matching.
 */
const KEEP_ELEMENT = /<([a-z][a-z0-9]*)\b[^>]*\s(?:lang="zh-Hans"|translate="no")[^>]*>[^<]*<\/\1>/g;
/**
 * Text a component already converted with its context (the pinyin of easy-read pages: each
 * character is its own <ruby>, so converting them one by one here would lose the phrase and
 * turn 卡里 into 卡裡). PinyinText marks it data-script="converted".
 */
const KEEP_CONVERTED = /<span data-script="converted">[\s\S]*?<\/span>/g;
const KEEP_TEXTAREA = /(<textarea\b[^>]*>)([^<]*)(<\/textarea>)/g;
/**
 * Scripts and stylesheets inside the page, exactly as built: the CSP allows each by the hash of
 * its text, so converting a character in one would block it. (Text a script shows comes from
 * the page's markup or data attributes, which are converted.) JSON data blocks are data for
 * scripts and convert like text.
 */
const KEEP_CODE = /<(script|style)\b(?![^>]*type="application\/json")[^>]*>[\s\S]*?<\/\1>/g;
const KEEP_VALUE = /(<(?:input|option|button|textarea|select)\b[^>]*?\svalue=")([^"]*)(")/g;

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
  const keep = (text: string) => {
    kept.push(text);
    return `\u0000${kept.length - 1}\u0000`;
  };
  const masked = html
    .replace(KEEP_CODE, (element) => keep(element))
    .replace(KEEP_CONVERTED, (element) => keep(element))
    .replace(KEEP_ELEMENT, (element) => keep(element))
    .replace(KEEP_TEXTAREA, (_m, open: string, body: string, close: string) => `${open}${keep(body)}${close}`)
    .replace(KEEP_VALUE, (_m, before: string, value: string, after: string) => `${before}${keep(value)}${after}`);
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
