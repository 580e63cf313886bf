import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import data from '../../../content/calendar.json' with { type: 'json' };
import { CalendarSchema } from '../../../src/domain/content/calendar-schema.ts';
import { buildCalendar, daysBetween, isWorkingDay, WEEKENDS_ONLY } from '../../../src/domain/calendar.ts';
import { addWorkingDays, isWorkingDayInChina, subtractWorkingDays, yearsNotAnnounced } from '../../../src/domain/dates.ts';

/** Real dates from the State Council General Office's notices (content/calendar.json). */
describe('the working-day calendar', () => {
  it('2025 National Day and Mid-Autumn: 1–8 October off, Sunday 28 September and Saturday 11 October worked', () => {
    for (const day of daysBetween('2025-10-01', '2025-10-08')) expect(isWorkingDayInChina(day), day).toBe(false);
    expect(isWorkingDayInChina('2025-09-28')).toBe(true);
    expect(isWorkingDayInChina('2025-10-11')).toBe(true);
    expect(isWorkingDayInChina('2025-09-27')).toBe(false); // an ordinary Saturday
    expect(isWorkingDayInChina('2025-10-12')).toBe(false); // an ordinary Sunday
  });

  it('counts across National Day 2025', () => {
    // Friday 26 September + 5: 28 (Sun, worked), 29, 30, then 9 and 10 October.
    expect(addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    // 30 September + 1 is 9 October, the first working day after the holiday.
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    // 10 October + 1 is Saturday 11 October, a make-up working day.
    expect(addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
    expect(subtractWorkingDays('2025-10-09', 1)).toBe('2025-09-30');
    // Monday 13 October − 5: 11 (Sat, worked), 10, 9 October, 30 and 29 September.
    expect(subtractWorkingDays('2025-10-13', 5)).toBe('2025-09-29');
  });

  it('Spring Festival 2026: 15–23 February off, 14 and 28 February worked', () => {
    for (const day of daysBetween('2026-02-15', '2026-02-23')) expect(isWorkingDayInChina(day), day).toBe(false);
    expect(isWorkingDayInChina('2026-02-14')).toBe(true);
    expect(isWorkingDayInChina('2026-02-28')).toBe(true);
    // Friday 13 February + 1: Saturday 14 February is worked.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    // 14 February + 1: the holiday runs to the 23rd.
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    // 10 working days from 12 February: 13, 14, 24, 25, 26, 27, 28, 2 Mar, 3, 4.
    expect(addWorkingDays('2026-02-12', 10)).toBe('2026-03-04');
    expect(subtractWorkingDays('2026-02-24', 2)).toBe('2026-02-13');
  });

  it('New Year 2026: 1–3 January off, Sunday 4 January worked', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(subtractWorkingDays('2026-01-05', 1)).toBe('2026-01-04');
  });

  it('2027 is not announced: weekends only, and it is said so', () => {
    expect(yearsNotAnnounced(['2026-12-30', '2027-01-04'])).toEqual([2027]);
    expect(yearsNotAnnounced(['2026-10-10'])).toEqual([]);
    // Wednesday 30 December 2026 + 3: 31 December, Friday 1 January 2027 (no holiday known), Monday 4 January.
    expect(addWorkingDays('2026-12-30', 3)).toBe('2027-01-04');
    expect(subtractWorkingDays('2027-01-04', 2)).toBe('2026-12-31');
  });

  it('a weekend-only calendar counts Monday to Friday', () => {
    expect(addWorkingDays('2025-09-26', 5, WEEKENDS_ONLY)).toBe('2025-10-03');
    expect(isWorkingDay(WEEKENDS_ONLY, '2025-10-01')).toBe(true);
  });

  it('every source names its notice and date; every 调休 day is a weekend', () => {
    const parsed = v.parse(CalendarSchema, data);
    expect(parsed.years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(parsed.years[0]?.source.number).toBe('国办发明电〔2024〕12号');
    for (const y of parsed.years) expect(y.source.published).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('refuses a make-up day that is not a weekend, or one inside the holiday, in Chinese', () => {
    const bad = (holiday: object) => v.safeParse(CalendarSchema, { years: [{ year: 2025, source: { title: 't', published: '2024-11-12' }, holidays: [holiday] }] });
    const weekday = bad({ name: '国庆节', from: '2025-10-01', to: '2025-10-08', worked: ['2025-09-29'] });
    expect(weekday.success).toBe(false);
    expect(weekday.issues?.[0]?.message).toBe('国庆节：调休上班的日子应该是星期六或星期日');
    const inside = bad({ name: '国庆节', from: '2025-10-01', to: '2025-10-08', worked: ['2025-10-04'] });
    expect(inside.issues?.[0]?.message).toBe('国庆节：调休上班的日子不能在放假期间');
    const backwards = bad({ name: '春节', from: '2025-02-04', to: '2025-01-28', worked: [] });
    expect(backwards.issues?.[0]?.message).toBe('春节：放假结束日期不能早于开始日期');
    expect(buildCalendar({ years: [] }).off.size).toBe(0);
  });
});
