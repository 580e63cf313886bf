import type { AuditRow } from '../../data/staff.ts';
import type { staffText } from '../../i18n/text/staff.ts';
import type { noticesText } from '../../i18n/text/notices.ts';

/**
 * What an audit entry did, in a few words for the audit page: the status decided, who an
 * application was given to, whose account was changed, how many rows a list showed. Names come
 * from the staff list the page already has; the log itself holds only ids.
 */
type StaffKey = keyof typeof staffText | keyof typeof noticesText;
type Translate = (key: StaffKey, values?: Record<string, string | number>) => string;

export function auditDetail(row: AuditRow, t: Translate, nameOf: (userId: string) => string | undefined): string {
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
    default:
      return '';
  }
}
