import { describe, expect, it } from 'vitest';
import { auditDetail } from '../../../../src/lib/staff/audit-detail.ts';
import { useTranslations } from '../../../../src/i18n/index.ts';
import type { AuditRow } from '../../../../src/data/staff.ts';

const t = useTranslations('zh-Hans');
const row = (action: string, detail: Record<string, unknown>): AuditRow =>
  ({ at: '2026-12-01T01:00:00Z', actor: 'a', actor_name: '窗口甲', actor_role: 'clerk', action, application: null, reference: null, detail });
const names: Record<string, string> = { u1: '审核乙' };
const nameOf = (id: string) => names[id];

describe('what an audit entry did, in words', () => {
  it.each([
    [row('decide', { to: 'needs_info', version: 2 }), '改为“需补正”'],
    [row('assign', { to: 'u1' }), '交给 审核乙'],
    [row('assign', { to: null }), '交给 无人（取消分配）'],
    [row('staff_update', { user: 'u1', active: false }), '审核乙（停用）'],
    [row('staff_create', { user: 'gone' }), '（已不在名单中的账号）'],
    [row('search', { rows: 3 }), '看到 3 条'],
    [row('open', {}), ''],
    [row('export', { export: 'e1', column_set: 'queue', format: 'csv', filters: { township: 'chengguan', status: 'received', submitted_from: '2026-01-01' }, rows: 12, masked: true }),
      '申请列表（按筛选条件），12 条，已遮盖，CSV；筛选：状态：已提交（待受理）；乡镇（街道）：城关镇；提交日期从：2026-01-01'],
    [row('export', { column_set: 'certificate-issue', format: 'xlsx', filters: { services: ['certificate'], stale_before: '2026-01-01T00:00:00+08:00' }, rows: 3, masked: false }),
      '残疾人证发证名单，3 条，含完整信息，XLSX；筛选：只看超期的'],
    [row('export', { column_set: 'retired-set', format: 'csv', filters: { service: 'retired' }, rows: 0, masked: true }), 'retired-set，0 条，已遮盖，CSV；筛选：服务：retired'],
    [row('export', { column_set: 'queue' }), ''],
    // A detail of the wrong shape says nothing rather than something wrong.
    [row('decide', { to: 5 }), ''],
    [row('list', { rows: 'many' }), ''],
  ])('%o → %s', (r, expected) => {
    expect(auditDetail(r, t, nameOf, (id) => (id === 'chengguan' ? '城关镇' : undefined))).toBe(expected);
  });
});
