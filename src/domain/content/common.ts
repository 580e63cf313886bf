import * as v from 'valibot';

/** Non-empty text after trimming; `what` names the field in the Chinese error message. */
export const text = (what: string) =>
  v.pipe(
    v.string(`${what}必须是文字`),
    v.trim(),
    v.nonEmpty(`${what}不能为空`),
  );

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
    v.union(
      [v.string(), v.date()],
      `${what}必须是日期，格式为 YYYY-MM-DD`,
    ),
    v.transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim())),
    v.check(isRealDate, `${what}必须是真实的日期，格式为 YYYY-MM-DD，例如 2025-05-18`),
  );

/** An absolute https link (sources) or a site-internal path starting with "/". */
export const link = (what: string) =>
  v.pipe(
    text(what),
    v.check(
      (value) => value.startsWith('/') || /^https:\/\/[^\s]+$/.test(value),
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
  v.pipe(v.array(item, `${what}必须是列表`), v.minLength(1, `${what}至少要有一项`));

/** Turn valibot issues into "path: message" lines a content editor can act on. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return path ? `${path}：${issue.message}` : issue.message;
  });
}
