import { describe, expect, it } from 'vitest';
import { filterQuery, parseFilters } from '../../../../src/lib/staff/queue.ts';
import { site } from '../../../support/journey.ts';

const parse = (query: string) => parseFilters(new URLSearchParams(query), site);

describe('the queue’s filters', () => {
  it('keep only values the filters offer; anything else is dropped, not passed on', () => {
    const { filters, values, errors } = parse("service=certificate&action=renewal&status=needs_info&township=xishan&page=3");
    expect(filters).toEqual({ service: 'certificate', action: 'renewal', status: 'needs_info', township: 'xishan', page: 3 });
    expect(values).toMatchObject({ service: 'certificate', status: 'needs_info' });
    expect(errors).toEqual([]);
    expect(parse("service=x'--&status=<b>&township=nowhere&action=drop&page=-1").filters).toEqual({});
    expect(parse('page=99999999').filters).toEqual({});
  });

  it('read dates written the usual ways, and say so when a date is not one', () => {
    expect(parse('from=2026-11-01&to=２０２６．１２．０１').filters).toMatchObject({ submittedFrom: '2026-11-01', submittedTo: '2026-12-01' });
    expect(parse('from=2026年11月3日').filters).toMatchObject({ submittedFrom: '2026-11-03' });
    const bad = parse('from=2026-02-30&to=soon');
    expect(bad.filters).toEqual({});
    expect(bad.errors).toEqual([{ field: 'from', key: 'staff.queue.dateFormat' }, { field: 'to', key: 'staff.queue.dateFormat' }]);
    expect(bad.values).toEqual({ from: '2026-02-30', to: 'soon' });
  });

  it('“overdue” means untouched for the configured working days', () => {
    const { filters } = parse('overdue=1');
    expect(filters.staleBefore).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
    // On the working-day calendar: 5 working days before Monday 13 October 2025 are 11 (a Saturday
    // worked), 10, 9 October, 30 and 29 September — the National Day holiday does not count.
    expect(parseFilters(new URLSearchParams('overdue=1'), site, '2025-10-13').filters.staleBefore).toBe('2025-09-29T00:00:00+08:00');
    // Before Tuesday 24 February 2026: 14 (Saturday, worked), 13, 12, 11, 10 February.
    expect(parseFilters(new URLSearchParams('overdue=1'), site, '2026-02-24').filters.staleBefore).toBe('2026-02-10T00:00:00+08:00');
  });

  it('carry over to the pager and the status links', () => {
    expect(filterQuery({ service: 'certificate', status: 'accepted' }, { page: '2' })).toBe('?service=certificate&status=accepted&page=2');
    expect(filterQuery({ status: 'accepted', page: '4' }, { status: 'received', page: null })).toBe('?status=received');
    expect(filterQuery({})).toBe('');
  });
});
