import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/lib/format.ts';

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

  it('does not depend on the time zone of the machine (no day shift west or east of UTC)', () => {
    // A Date-based implementation would show 2025年5月17日 in Los Angeles for "2025-05-18".
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(formatDate('2025-05-18'), tz).toBe('2025年5月18日');
        expect(formatDate('2025-01-01'), tz).toBe('2025年1月1日');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
