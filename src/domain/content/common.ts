import * as v from 'valibot';

/** Characters XML and most readers cannot carry: control characters other than tab and newlines. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Non-empty text after trimming; `what` names the field in the Chinese error message
 * (and, as the schema's title, in the message for a missing field).
 */
export const text = (what: string) =>
  v.pipe(
    v.string(`${what}必须是文字`),
    v.title(what),
    v.trim(),
    v.nonEmpty(`${what}不能为空`),
    v.check((value) => !CONTROL_CHARS.test(value), `${what}含有看不见的控制字符（常见于从文档中复制粘贴），请删除后重新输入`),
  );

/** The human name of a field: the title its schema carries, else its key. */
interface Piped { type?: string; title?: string; pipe?: Piped[]; wrapped?: Piped }
function labelOf(schema: unknown, key: string): string {
  const s = schema as Piped | undefined;
  const title = s?.pipe?.find((item) => item.type === 'title')?.title;
  if (title) return title;
  const inner = s?.pipe?.[0] ?? s?.wrapped;
  return inner && inner !== s ? labelOf(inner, key) : key;
}

/**
 * An object whose missing fields are reported in Chinese by their name
 * ("缺少“谁可以申请”"), not with valibot's English default.
 */
export function fields<E extends v.ObjectEntries>(entries: E) {
  return v.object(entries, (issue) => {
    const key = issue.path?.at(-1)?.key;
    if (issue.input === undefined && typeof key === 'string') return `缺少必填项“${labelOf(entries[key], key)}”`;
    return '这里应该是一组字段（键: 值）';
  });
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * A calendar date written YYYY-MM-DD. YAML parsers may hand us a Date object
 * (unquoted dates), so both forms are accepted and normalised to the string.
 */
export const isoDate = (what: string) =>
  v.pipe(
    v.custom<string>(
      (value) => typeof value === 'string',
      (issue) =>
        issue.input instanceof Date
          ? `${what}要写在引号里，例如 "2025-05-18"（不加引号时，写错的日期会被悄悄改成别的日子）`
          : `${what}必须是日期，格式为 YYYY-MM-DD`,
    ),
    v.title(what),
    v.transform((value) => value.trim()),
    v.check(isRealDate, `${what}必须是真实的日期，格式为 YYYY-MM-DD，例如 2025-05-18`),
  );

/** An absolute https link (sources) or a site-internal path starting with "/". */
export const link = (what: string) =>
  v.pipe(
    text(what),
    v.check(
      (value) => (value.startsWith('/') && !value.startsWith('//')) || /^https:\/\/[^\s]+$/.test(value),
      `${what}必须以 https:// 开头，或是以 / 开头的站内路径`,
    ),
  );

/** Count sentences by their end marks (。！？!?), counting trailing text without one. */
export function countSentences(value: string): number {
  return value
    .split(/[。！？!?]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0).length;
}

export const nonEmptyList = <T extends v.GenericSchema>(item: T, what: string) =>
  v.pipe(v.array(item, `${what}必须是列表`), v.title(what), v.minLength(1, `${what}至少要有一项`));

/** Turn valibot issues into "path: message" lines a content editor can act on. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}：${issue.message}` : issue.message;
  });
}

/** A path on this site ("/media/…"): videos and captions are served from here, never another origin. */
const sitePath = (what: string, extension: RegExp, hint: string) =>
  v.pipe(
    text(what),
    v.check((value) => value.startsWith('/') && !value.startsWith('//'), `${what}必须是以 / 开头的站内路径（本站不从其他网站加载内容）`),
    v.check((value) => extension.test(value.split(/[?#]/)[0]!), `${what}${hint}`),
  );

/**
 * A video on a page. Captions are required (WCAG 1.2.2): a WebVTT file in Chinese, shown by
 * the player's own captions button. A transcript is recommended for deafblind readers.
 */
export const Video = fields({
  src: sitePath('视频地址', /\.(mp4|webm)$/i, '必须是 .mp4 或 .webm 文件'),
  title: text('视频标题'),
  captions: sitePath('视频字幕文件 captions', /\.vtt$/i, '必须是 WebVTT 字幕文件（.vtt）'),
  poster: v.optional(sitePath('视频封面', /\.(jpe?g|png|webp|avif)$/i, '必须是图片文件')),
  transcript: v.optional(text('视频文字稿')),
});

/** A sign-language (手语) version of the page: a video page on this site or elsewhere. */
export const SignLanguage = fields({
  href: link('手语视频链接'),
  label: v.optional(text('手语视频链接文字')),
});
