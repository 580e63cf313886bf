import type { CalendarData, CalendarYear } from './content/calendar-schema.ts';

/**
 * Working days in China: Monday to Friday, minus the public holidays, plus the weekend days
 * worked instead (调休), as the State Council General Office announces them year by year. A year
 * not yet announced counts weekends only; `unannouncedYears` lets a page say so.
 */
export interface WorkingCalendar {
  /** Days off on a weekday or weekend, from the notices. */
  readonly off: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  readonly worked: ReadonlySet<string>;
  /** The years whose notice is known, with their source. */
  readonly years: ReadonlyMap<number, CalendarYear>;
}

const DAY = 86_400_000;
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = toMs(from); ms <= toMs(to); ms += DAY) out.push(toIso(ms));
  return out;
}

export function buildCalendar(data: CalendarData): WorkingCalendar {
  const off = new Set<string>();
  const worked = new Set<string>();
  for (const year of data.years) {
    for (const holiday of year.holidays) {
      for (const day of daysBetween(holiday.from, holiday.to)) off.add(day);
      for (const day of holiday.worked) worked.add(day);
    }
  }
  return { off, worked, years: new Map(data.years.map((y) => [y.year, y])) };
}

/** A weekend-only calendar: what counting was before any notice is known. */
export const WEEKENDS_ONLY: WorkingCalendar = { off: new Set(), worked: new Set(), years: new Map() };

export function isWorkingDay(calendar: WorkingCalendar, iso: string): boolean {
  if (calendar.worked.has(iso)) return true;
  if (calendar.off.has(iso)) return false;
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * The date `days` working days after (`step` 1) or before (`step` -1) `isoDate`, not counting
 * `isoDate` itself: 5 working days after Friday 26 September 2025 is Friday 10 October (Sunday 28
 * September worked, 1–8 October off).
 */
export function countWorkingDays(calendar: WorkingCalendar, isoDate: string, days: number, step: 1 | -1): string {
  let ms = toMs(isoDate);
  let left = days;
  while (left > 0) {
    ms += step * DAY;
    if (isWorkingDay(calendar, toIso(ms))) left -= 1;
  }
  return toIso(ms);
}

/** Of the years of `dates`, those whose holidays are not yet known (counted as weekends only). */
export function unannouncedYears(calendar: WorkingCalendar, dates: readonly string[]): number[] {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  return years.filter((y) => !calendar.years.has(y));
}
