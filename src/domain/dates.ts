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

/** The date `days` working days after `isoDate`: Monday to Friday (public holidays are not known here yet). */
export function addWorkingDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
}

/** The date `days` working days before `isoDate` (Monday–Friday). */
export function subtractWorkingDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() - 1);
    const day = date.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10);
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
