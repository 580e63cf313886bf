import type { QueueFilters } from '../../data/staff.ts';
import { ACTIONS, isServiceId } from '../../domain/applications/catalogue.ts';
import type { SiteConfig } from '../../domain/content/site-schema.ts';
import { parseTypedDate, subtractWorkingDays, todayInChina } from '../../domain/dates.ts';

/**
 * The queue's filters, read from the query string. They hold no personal data (service, status,
 * township, dates), so they may be a GET form and a link; searching by name or ID number is a
 * POST. A value that is not one the filters offer is dropped, a date that is not a date is said.
 */
export const STATUSES = [
  'received', 'accepted', 'needs_info', 'assessment', 'public_notice', 'review', 'pricing', 'approval', 'fitting',
  'follow_up', 'production', 'completed', 'refused', 'rejected', 'withdrawn',
] as const;

export interface ParsedFilters {
  filters: QueueFilters;
  /** As shown in the form (what was typed). */
  values: Record<string, string>;
  errors: { field: 'from' | 'to'; key: 'staff.queue.dateFormat' }[];
}


export function parseFilters(search: URLSearchParams, site: SiteConfig, today = todayInChina()): ParsedFilters {
  const get = (name: string) => (search.get(name) ?? '').trim().slice(0, 40);
  const values: Record<string, string> = {};
  const filters: QueueFilters = {};
  const errors: ParsedFilters['errors'] = [];
  const service = get('service');
  if (isServiceId(service)) filters.service = values['service'] = service;
  const action = get('action');
  if (action && Object.values(ACTIONS).some((list) => list.includes(action))) filters.action = values['action'] = action;
  const status = get('status');
  if ((STATUSES as readonly string[]).includes(status)) filters.status = values['status'] = status;
  const township = get('township');
  if (site.townships.some((t) => t.id === township)) filters.township = values['township'] = township;
  for (const [name, key] of [['from', 'submittedFrom'], ['to', 'submittedTo']] as const) {
    if (!get(name)) continue;
    values[name] = get(name);
    const typed = parseTypedDate(get(name));
    if (typed) filters[key] = typed;
    else errors.push({ field: name, key: 'staff.queue.dateFormat' });
  }
  if (search.get('overdue') === '1') {
    values['overdue'] = '1';
    filters.staleBefore = `${subtractWorkingDays(today, site.applications.overdueWorkingDays)}T00:00:00+08:00`;
  }
  const page = Number(get('page'));
  if (Number.isInteger(page) && page > 1 && page < 10_000) filters.page = page;
  return { filters, values, errors };
}

/** The query string of these filters on another page (the pager), or with one value changed. */
export function filterQuery(values: Record<string, string>, change: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...change })) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}
