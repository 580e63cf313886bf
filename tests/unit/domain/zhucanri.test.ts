import { describe, expect, it } from 'vitest';
import { nextZhucanri, thirdSundayOfMay, zhucanriEditions, zhucanriOf } from '../../../src/domain/zhucanri.ts';

/** Known dates, domain.md §2.5 (2015 corrects seed 000, which says 18 May). */
const KNOWN: [number, number, string][] = [
  [1991, 1, '1991-05-19'],
  [2012, 22, '2012-05-20'],
  [2015, 25, '2015-05-17'],
  [2016, 26, '2016-05-15'],
  [2017, 27, '2017-05-21'],
  [2019, 29, '2019-05-19'],
  [2020, 30, '2020-05-17'],
  [2021, 31, '2021-05-16'],
  [2022, 32, '2022-05-15'],
  [2023, 33, '2023-05-21'],
  [2024, 34, '2024-05-19'],
  [2025, 35, '2025-05-18'],
  [2026, 36, '2026-05-17'],
];

describe('全国助残日 dates', () => {
  it.each(KNOWN)('%i is the %ind, on %s', (year, edition, date) => {
    expect(zhucanriOf(year)).toEqual({ year, edition, date });
  });

  it('is always a Sunday between 15 and 21 May', () => {
    for (const day of zhucanriEditions(2100)) {
      const d = new Date(`${day.date}T00:00:00Z`);
      expect(d.getUTCDay(), day.date).toBe(0);
      expect(d.getUTCMonth()).toBe(4);
      expect(d.getUTCDate()).toBeGreaterThanOrEqual(15);
      expect(d.getUTCDate()).toBeLessThanOrEqual(21);
    }
  });

  it('lists every edition from 1991, numbered by year − 1990', () => {
    const all = zhucanriEditions(2027);
    expect(all).toHaveLength(37);
    expect(all[0]).toEqual({ year: 1991, edition: 1, date: '1991-05-19' });
    expect(all.at(-1)).toEqual({ year: 2027, edition: 37, date: '2027-05-16' });
  });

  it('has none before 1991', () => {
    expect(zhucanriOf(1990)).toBeNull();
  });

  it('finds the next one: the same day counts, the day after moves to next year', () => {
    expect(nextZhucanri('2026-11-22')).toEqual({ year: 2027, edition: 37, date: '2027-05-16' });
    expect(nextZhucanri('2026-05-17').date).toBe('2026-05-17');
    expect(nextZhucanri('2026-05-18').date).toBe('2027-05-16');
    expect(nextZhucanri('2026-01-01').date).toBe('2026-05-17');
  });

  it('rejects what is not a year', () => {
    expect(() => thirdSundayOfMay(2024.5)).toThrow(RangeError);
  });
});
