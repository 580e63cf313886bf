import { countWorkingDays, isWorkingDay, unannouncedYears, type WorkingCalendar } from './calendar.ts';
import { CHINA_CALENDAR } from './china-calendar.ts';

/**
 * Dates as the portal writes them, in China Standard Time (UTC+8, no daylight saving): the
 * server's "today" for every rule, and the Chinese way of writing a day.
 */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "2025-05-18" → "2025年5月18日". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The day of a timestamp in China, written the Chinese way ("2026-12-22T15:30:00Z" → "2026年12月22日"). */
export function formatDayOf(timestamp: string): string {
  return formatDate(todayInChina(new Date(timestamp).getTime()));
}

/** A moment as the clock in China shows it, for staff records: "2026-12-22 23:30" (with `seconds`, "…:05"). */
export function formatChinaTime(timestamp: string, seconds = false): string {
  const shifted = new Date(new Date(timestamp).getTime() + 8 * 3600_000).toISOString();
  return shifted.slice(0, seconds ? 19 : 16).replace('T', ' ');
}

/**
 * The date `days` working days after `isoDate` (not counting `isoDate`): weekends, China's public
 * holidays and the weekend days worked instead (调休), from content/calendar.json. A year whose
 * holidays are not announced yet counts weekends only (`unannouncedYears` says which).
 */
export function addWorkingDays(isoDate: string, days: number, calendar: WorkingCalendar = CHINA_CALENDAR): string {
  return countWorkingDays(calendar, isoDate, days, 1);
}

/** The date `days` working days before `isoDate`, by the same calendar. */
export function subtractWorkingDays(isoDate: string, days: number, calendar: WorkingCalendar = CHINA_CALENDAR): string {
  return countWorkingDays(calendar, isoDate, days, -1);
}

/** Whether `isoDate` is a working day in China (by the same calendar). */
export function isWorkingDayInChina(isoDate: string, calendar: WorkingCalendar = CHINA_CALENDAR): boolean {
  return isWorkingDay(calendar, isoDate);
}

/** Of the years of these dates, those counted as weekends only because their holidays are not announced yet. */
export function yearsNotAnnounced(dates: readonly string[], calendar: WorkingCalendar = CHINA_CALENDAR): number[] {
  return unannouncedYears(calendar, dates);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as staff type it — 2026-11-03, 2026.11.3, 2026/11/3, 2026年11月3日, in full-width digits
 * too — as YYYY-MM-DD, or null when it is not a real date.
 */
export function parseTypedDate(input: string): string | null {
  const trimmed = input.trim();
  const parts = trimmed.normalize('NFKC').replace(/日$/, '').split(/[-./年月]/);
  const typed = parts.length === 3 && /^\d{4}$/.test(parts[0]!) ? parts.map((p, i) => (i ? p.padStart(2, '0') : p)).join('-') : trimmed;
  if (!ISO_DAY.test(typed)) return null;
  const ms = Date.parse(`${typed}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(typed) ? typed : null;
}

/**
 * How many working days from `from` to `to` (ISO dates): the fewest n with
 * addWorkingDays(from, n) on or after `to`; 0 when `to` is not later. Defined through
 * addWorkingDays, so it counts the same calendar as every deadline. A step entered on Friday and
 * finished on Monday took 1 working day; one finished the same day, 0.
 */
export function workingDaysBetween(from: string, to: string): number {
  let day = from;
  let n = 0;
  while (day < to) {
    day = addWorkingDays(day, 1);
    n += 1;
  }
  return n;
}
