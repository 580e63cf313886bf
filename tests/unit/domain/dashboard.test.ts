import { describe, expect, it } from 'vitest';
import { dashboardFigures, median, parsePeriod, percent, type DashboardCounts } from '../../../src/domain/staff/dashboard.ts';
import { workingDaysBetween } from '../../../src/domain/dates.ts';

describe('workingDaysBetween', () => {
  it.each([
    ['2026-11-02', '2026-11-02', 0], // same day
    ['2026-11-02', '2026-11-04', 2], // Mon → Wed
    ['2026-11-06', '2026-11-09', 1], // Fri → Mon: the weekend does not count
    ['2026-11-07', '2026-11-09', 1], // Sat → Mon
    ['2026-11-04', '2026-11-09', 3], // Wed → Mon
    ['2026-11-09', '2026-11-02', 0], // backwards: nothing
  ])('%s → %s is %i working days', (from, to, days) => {
    expect(workingDaysBetween(from, to)).toBe(days);
  });
});

describe('median and percent', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([2, 1])).toBe(1.5);
  });
  it('rounds a share to a whole percentage, none of nothing', () => {
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });
  it('offers 30, 90 and 365 days, 30 for anything else', () => {
    expect(parsePeriod('90')).toBe(90);
    expect(parsePeriod('7')).toBe(30);
    expect(parsePeriod(null)).toBe(30);
  });
});

describe('dashboardFigures', () => {
  const counts: DashboardCounts = {
    applications: [
      { service: 'certificate', status: 'accepted', township: 'dongfeng', channel: 'online', n: 1 },
      { service: 'certificate', status: 'assessment', township: 'chengguan', channel: 'online', n: 1 },
      { service: 'certificate', status: 'received', township: 'chengguan', channel: 'counter', n: 1 },
      { service: 'transit-card', status: 'received', township: 'chengguan', channel: 'api', n: 2 },
    ],
    overdue: [{ service: 'certificate', n: 2 }],
    steps: [
      { service: 'certificate', status: 'accepted', entered: '2026-11-04', left: '2026-11-09' },
      { service: 'certificate', status: 'received', entered: '2026-11-02', left: '2026-11-04' },
      { service: 'certificate', status: 'received', entered: '2026-11-06', left: '2026-11-09' },
    ],
    journeys: [
      { service: 'certificate', channel: 'api', started: 0, submitted: 1 },
      { service: 'certificate', channel: 'counter', started: 1, submitted: 1 },
      { service: 'certificate', channel: 'online', started: 3, submitted: 2 },
    ],
    satisfaction: [
      { service: 'certificate', rating: 'satisfied', n: 1 },
      { service: 'certificate', rating: 'very_dissatisfied', n: 1 },
      { service: 'certificate', rating: 'very_satisfied', n: 2 },
    ],
    pages: [{ page: '/policies/certificate/', yes: 2, no: 1 }, { page: '/news/some-news/', yes: 0, no: 1 }],
    reasons: [{ reason: 'missing', n: 1 }, { reason: 'unclear', n: 1 }],
  };
  const f = dashboardFigures(counts, ['certificate', 'assistive-devices', 'transit-card'], ['received', 'accepted', 'assessment'], ['chengguan', 'dongfeng', 'xishan']);

  it('totals per service, status and township, every service and township listed', () => {
    expect(f.total).toBe(5);
    expect(f.byService).toEqual([{ key: 'certificate', n: 3 }, { key: 'assistive-devices', n: 0 }, { key: 'transit-card', n: 2 }]);
    expect(f.byTownship).toEqual([{ key: 'chengguan', n: 4 }, { key: 'dongfeng', n: 1 }, { key: 'xishan', n: 0 }]);
    expect(f.byStatus).toEqual([
      { status: 'received', byService: { certificate: 1, 'assistive-devices': 0, 'transit-card': 2 }, n: 3 },
      { status: 'accepted', byService: { certificate: 1, 'assistive-devices': 0, 'transit-card': 0 }, n: 1 },
      { status: 'assessment', byService: { certificate: 1, 'assistive-devices': 0, 'transit-card': 0 }, n: 1 },
    ]);
  });

  it('counts web forms and the API as digital, the counter as assisted', () => {
    expect(f.byChannel).toEqual([{ key: 'online', n: 2 }, { key: 'api', n: 2 }, { key: 'counter', n: 1 }]);
    expect(f.digitalShare).toBe(80);
  });

  it('takes the median working days of each step, in the order of the process', () => {
    expect(f.steps).toEqual([
      { service: 'certificate', status: 'received', count: 2, medianDays: 1.5 },
      { service: 'certificate', status: 'accepted', count: 1, medianDays: 3 },
    ]);
  });

  it('rates the online journeys only: submitted of started', () => {
    expect(f.journeys[0]).toEqual({ service: 'certificate', started: 3, submitted: 2, rate: 67 });
    expect(f.journeys[1]).toEqual({ service: 'assistive-devices', started: 0, submitted: 0, rate: null });
    expect(f.completion).toMatchObject({ started: 3, submitted: 2, rate: 67 });
  });

  it('gives satisfaction as the share of 非常满意 and 满意, and usefulness as the share of yes', () => {
    expect(f.ratings.map((r) => r.n)).toEqual([2, 1, 0, 0, 1]);
    expect(f.ratingTotal).toBe(4);
    expect(f.satisfied).toBe(75);
    expect(f.useful).toEqual({ yes: 2, no: 2, share: 50 });
    expect(f.reasons).toEqual([{ key: 'unclear', n: 1 }, { key: 'missing', n: 1 }, { key: 'wrong', n: 0 }, { key: 'hard_to_use', n: 0 }, { key: 'other', n: 0 }]);
    expect(f.pages.map((p) => p.page)).toEqual(['/policies/certificate/', '/news/some-news/']);
  });
});
