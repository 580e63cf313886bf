import type { AuditRow } from '../../data/staff.ts';
import type { UiKey } from '../../i18n/text/index.ts';

/**
 * What an audit entry did, in a few words for the audit page: the status decided, who an
 * application was given to, whose account was changed, how many rows a list showed. Names come
 * from the staff list the page already has; the log itself holds only ids.
 */
type StaffKey = UiKey;
type Translate = (key: UiKey, values?: Record<string, string | number>) => string;

/** An export's filters in words: 乡镇（街道）：城关镇；状态：已提交 (ids the page cannot name stay ids). */
function exportFilters(filters: unknown, t: Translate, townshipOf: (id: string) => string | undefined): string {
  if (!filters || typeof filters !== 'object') return '';
  const f = filters as Record<string, unknown>;
  const str = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : null);
  const parts: string[] = [];
  const add = (label: UiKey, value: string | null | undefined) => value && parts.push(`${t(label)}：${value}`);
  // A key the text does not have (a value since retired) reads as its id.
  const word = (key: string, id: string | null) => (id ? (t(key as UiKey) as string | undefined) ?? id : null);
  add('staff.queue.service', word(`apply.service.${str('service')}`, str('service')));
  add('staff.queue.status', word(`staff.status.${str('status')}`, str('status')));
  add('staff.queue.township', str('township') && (townshipOf(str('township')!) ?? str('township')));
  add('staff.queue.from', str('submitted_from'));
  add('staff.queue.to', str('submitted_to'));
  if (str('stale_before')) parts.push(t('staff.audit.detail.export.overdue'));
  return parts.join('；');
}

export function auditDetail(row: AuditRow, t: Translate, nameOf: (userId: string) => string | undefined, townshipOf: (id: string) => string | undefined = () => undefined): string {
  const d = row.detail;
  const name = (id: unknown) => (typeof id === 'string' ? nameOf(id) ?? t('staff.audit.detail.unknownStaff') : t('staff.audit.detail.nobody'));
  switch (row.action) {
    case 'decide':
      return typeof d['to'] === 'string' ? t('staff.audit.detail.decide', { status: t(`staff.status.${d['to']}` as StaffKey) }) : '';
    case 'assign':
      return t('staff.audit.detail.assign', { name: name(d['to']) });
    case 'staff_create':
    case 'staff_update':
    case 'staff_factor_reset':
      return name(d['user']) + (d['active'] === false ? t('staff.audit.detail.disabled') : '');
    case 'notice_objection':
      return typeof d['outcome'] === 'string' ? t('staff.audit.detail.objection', { outcome: t(`staff.notice.outcome.${d['outcome']}` as StaffKey) }) : '';
    case 'list':
    case 'search':
      return typeof d['rows'] === 'number' ? t('staff.audit.detail.rows', { rows: d['rows'] }) : '';
    case 'export': {
      if (typeof d['column_set'] !== 'string' || typeof d['rows'] !== 'number') return '';
      const set = (t(`staff.export.set.${d['column_set']}` as UiKey) as string | undefined) ?? d['column_set'];
      const what = t('staff.audit.detail.export', {
        set, rows: d['rows'],
        masked: t(d['masked'] === false ? 'staff.audit.detail.export.full' : 'staff.audit.detail.export.masked'),
        format: String(d['format'] ?? '').toUpperCase(),
      });
      const filters = exportFilters(d['filters'], t, townshipOf);
      return filters ? `${what}；${t('staff.audit.detail.export.filters', { filters })}` : what;
    }
    default:
      return '';
  }
}
