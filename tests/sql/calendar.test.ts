import type { SqlDatabase } from '../../dev/local-supabase/sql.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import data from '../../content/calendar.json' with { type: 'json' };
import { daysBetween } from '../../src/domain/calendar.ts';
import { addWorkingDays, isWorkingDayInChina } from '../../src/domain/dates.ts';
import { freshDatabase } from './database.ts';

/**
 * The calendar the database counts with (migration 20251220000100) is content/calendar.json, the
 * one definition: the same years, sources, holidays and make-up days, and the same answers as the
 * TypeScript addWorkingDays on every day from December 2024 to January 2028.
 */
let db: SqlDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

describe('the calendar in SQL', () => {
  it('has exactly the years and sources of content/calendar.json', async () => {
    const { rows } = await db.query<{ year: number; title: string; number: string | null; published: string }>(
      `select year, source_title as title, source_number as number, to_char(published, 'YYYY-MM-DD') as published
       from intake.calendar_years order by year`,
    );
    expect(rows).toEqual(data.years.map((y) => ({
      year: y.year, title: y.source.title, number: 'number' in y.source ? y.source.number : null, published: y.source.published,
    })));
  });

  it('has exactly the holidays and make-up days of content/calendar.json', async () => {
    const { rows } = await db.query<{ year: number; name: string; from: string; to: string; worked: string[] }>(
      `select year, name, to_char(from_day, 'YYYY-MM-DD') as from, to_char(to_day, 'YYYY-MM-DD') as to,
              array(select to_char(w, 'YYYY-MM-DD') from unnest(worked) w order by w) as worked
       from intake.calendar_holidays order by from_day`,
    );
    const expected = data.years.flatMap((y) => y.holidays.map((h) => ({ year: y.year, name: h.name, from: h.from, to: h.to, worked: [...h.worked].sort() })));
    expect(rows).toEqual(expected.sort((a, b) => a.from.localeCompare(b.from)));
  });

  it('says the same working days as TypeScript, and counts the same deadlines, 2024-12 to 2028-01', async () => {
    const days = daysBetween('2024-12-01', '2028-01-31');
    const { rows } = await db.query<{ day: string; working: boolean; plus1: string; plus5: string; plus10: string }>(
      `select to_char(d, 'YYYY-MM-DD') as day, intake.is_working_day(d::date) as working,
              to_char(intake.add_working_days(d::date, 1), 'YYYY-MM-DD') as plus1,
              to_char(intake.add_working_days(d::date, 5), 'YYYY-MM-DD') as plus5,
              to_char(intake.add_working_days(d::date, 10), 'YYYY-MM-DD') as plus10
       from generate_series('2024-12-01'::date, '2028-01-31'::date, interval '1 day') d order by d`,
    );
    expect(rows.length).toBe(days.length);
    const differ = rows.filter((r) =>
      r.working !== isWorkingDayInChina(r.day) || r.plus1 !== addWorkingDays(r.day, 1) || r.plus5 !== addWorkingDays(r.day, 5) || r.plus10 !== addWorkingDays(r.day, 10));
    expect(differ).toEqual([]);
    // And on the dates the notices name.
    expect(rows.find((r) => r.day === '2025-09-30')?.plus1).toBe('2025-10-09');
    expect(rows.find((r) => r.day === '2025-10-11')?.working).toBe(true);
  });
});
