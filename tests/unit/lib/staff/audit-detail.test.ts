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
    // A detail of the wrong shape says nothing rather than something wrong.
    [row('decide', { to: 5 }), ''],
    [row('list', { rows: 'many' }), ''],
  ])('%o → %s', (r, expected) => {
    expect(auditDetail(r, t, nameOf)).toBe(expected);
  });
});
