import { describe, expect, it } from 'vitest';
import { queueRowDeadline, stepDeadline } from '../../../../src/lib/staff/deadlines.ts';
import { site } from '../../../support/journey.ts';

const app = (status: string, enteredAt: string, closed: string | null = null) => ({
  service: 'certificate', status, closed_at: closed,
  history: [
    { status: 'received', note: null, internal_note: null, actor: null, actor_name: null, at: '2025-09-01T02:00:00Z' },
    { status, note: null, internal_note: null, actor: null, actor_name: null, at: enteredAt },
  ],
});

describe('the deadline of a step (审核 within 10 working days)', () => {
  it('counts the calendar from the day the application entered the step, in China', () => {
    // Entered review on Friday 26 September 2025 (10:00 in China): 28 September and 11 October are
    // worked, 1–8 October off → the 10th working day is Thursday 16 October.
    const d = stepDeadline(app('review', '2025-09-26T02:00:00Z'), site, '2025-10-10');
    expect(d).toEqual({ from: '2025-09-26', due: '2025-10-16', days: 10, overdue: false, note: null });
    expect(stepDeadline(app('review', '2025-09-26T02:00:00Z'), site, '2025-10-17')?.overdue).toBe(true);
    // 23:30 on 25 September UTC is already the 26th in China.
    expect(stepDeadline(app('review', '2025-09-25T16:30:00Z'), site, '2025-10-10')?.from).toBe('2025-09-26');
  });

  it('says when the deadline falls in a year whose holidays are not announced', () => {
    const d = stepDeadline(app('review', '2026-12-24T02:00:00Z'), site, '2026-12-24');
    expect(d?.due).toBe('2027-01-07');
    expect(d?.note).toBe('2027 年的放假安排尚未公布，按周末计算。');
  });

  it('is none for a step without one, or a closed application', () => {
    expect(stepDeadline(app('assessment', '2025-09-26T02:00:00Z'), site)).toBeNull();
    expect(stepDeadline(app('review', '2025-09-26T02:00:00Z', '2025-09-30T02:00:00Z'), site)).toBeNull();
  });
});

describe('the same deadline for a queue row (status_since instead of the history)', () => {
  const row = (status: string, since: string, closed: string | null = null) => ({ service: 'certificate', status, status_since: since, closed_at: closed });

  it('is the application page\'s deadline, overdue on the same day', () => {
    for (const today of ['2025-10-10', '2025-10-16', '2025-10-17']) {
      expect(queueRowDeadline(row('review', '2025-09-26T02:00:00Z'), site, today)).toEqual(stepDeadline(app('review', '2025-09-26T02:00:00Z'), site, today));
    }
    expect(queueRowDeadline(row('review', '2025-09-26T02:00:00Z'), site, '2025-10-17')?.overdue).toBe(true);
  });

  it('is none for a step without one, a closed application, or a time that is not one', () => {
    expect(queueRowDeadline(row('received', '2025-09-26T02:00:00Z'), site)).toBeNull();
    expect(queueRowDeadline(row('review', '2025-09-26T02:00:00Z', '2025-09-30T02:00:00Z'), site)).toBeNull();
    expect(queueRowDeadline(row('review', 'not a time'), site)).toBeNull();
  });
});
