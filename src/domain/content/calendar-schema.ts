import * as v from 'valibot';
import { fields, isoDate, text } from './common.ts';

/**
 * The working-day calendar (content/calendar.json): per year, the State Council General Office's
 * holiday notice — the days off (放假) and the weekend days worked instead (调休上班). A year that is
 * not listed has not been announced: weekends only, and pages that show a date in it say so.
 */
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const isWeekend = (iso: string) => weekday(iso) === 0 || weekday(iso) === 6;

const Holiday = v.pipe(
  fields({
    /** 元旦, 春节, …: as the notice names it. */
    name: text('节日名称'),
    /** The first and last day off, inclusive. */
    from: isoDate('放假开始日期'),
    to: isoDate('放假结束日期'),
    /** Weekend days worked instead (调休上班). */
    worked: v.array(isoDate('调休上班日期'), '调休上班日期必须是一组日期'),
  }),
  v.check((h) => h.from <= h.to, (issue) => `${issue.input.name}：放假结束日期不能早于开始日期`),
  v.check((h) => h.worked.every(isWeekend), (issue) => `${issue.input.name}：调休上班的日子应该是星期六或星期日`),
  v.check((h) => h.worked.every((d) => d < h.from || d > h.to), (issue) => `${issue.input.name}：调休上班的日子不能在放假期间`),
);

const Year = v.pipe(
  fields({
    year: v.pipe(v.number('年份必须是数字'), v.integer('年份必须是整数'), v.minValue(2000, '年份不能早于 2000'), v.maxValue(2100, '年份不能晚于 2100')),
    /** Where the days come from: the notice's title, its number (文号) where known, and when it was published. */
    source: fields({
      title: text('通知标题'),
      number: v.optional(text('文号')),
      published: isoDate('发布日期'),
      note: v.optional(text('来源说明')),
    }),
    holidays: v.array(Holiday, '放假安排必须是一组节日'),
  }),
  v.check(
    (y) => y.holidays.every((h) => [h.from, h.to, ...h.worked].every((d) => d.startsWith(`${y.year}-`) || d.startsWith(`${y.year - 1}-12`) || d.startsWith(`${y.year + 1}-01`))),
    (issue) => `${issue.input.year} 年的放假日期应该在这一年（最多跨到相邻的年末年初）`,
  ),
);

export const CalendarSchema = v.pipe(
  fields({ years: v.array(Year, '年份必须是一组年度安排') }),
  v.check((c) => new Set(c.years.map((y) => y.year)).size === c.years.length, '有重复的年份'),
);

export type CalendarData = v.InferOutput<typeof CalendarSchema>;
export type CalendarYear = CalendarData['years'][number];
