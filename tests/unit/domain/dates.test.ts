import { describe, expect, it } from 'vitest';
import { addWorkingDays, formatChinaTime, formatDate, formatDayOf, subtractWorkingDays, todayInChina } from '../../../src/domain/dates.ts';

describe('formatDate', () => {
  it.each([
    ['2025-05-18', '2025年5月18日'],
    ['2026-01-01', '2026年1月1日'],
    ['2024-12-31', '2024年12月31日'],
    ['2024-02-29', '2024年2月29日'],
    ['1991-05-19', '1991年5月19日'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it('writes no leading zeros', () => {
    expect(formatDate('2025-03-08')).not.toMatch(/年0|月0/);
  });
});

describe('the day in China', () => {
  it('turns at 16:00 UTC, midnight in China', () => {
    expect(todayInChina(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(todayInChina(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('writes a timestamp as its day in China', () => {
    expect(formatDayOf('2026-12-22T17:30:00Z')).toBe('2026年12月23日');
    expect(formatDayOf('2026-12-22T15:30:00Z')).toBe('2026年12月22日');
  });
});

describe('working days', () => {
  it('counts over weekends', () => {
    expect(addWorkingDays('2026-11-20', 5)).toBe('2026-11-27'); // Friday → next Friday
    expect(addWorkingDays('2026-11-22', 5)).toBe('2026-11-27'); // Sunday → Friday
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
  });
});

describe('staff records', () => {
  it('show a moment on the clock in China', () => {
    expect(formatChinaTime('2026-12-01T16:30:05Z')).toBe('2026-12-02 00:30');
    expect(formatChinaTime('2026-12-01T16:30:05Z', true)).toBe('2026-12-02 00:30:05');
  });

  it('count working days back for “overdue” (Monday to Friday)', () => {
    expect(subtractWorkingDays('2026-12-07', 5)).toBe('2026-11-30'); // Monday → the Monday before
    expect(subtractWorkingDays('2026-12-05', 1)).toBe('2026-12-04'); // Saturday → Friday
    expect(subtractWorkingDays('2026-12-01', 0)).toBe('2026-12-01');
  });
});
