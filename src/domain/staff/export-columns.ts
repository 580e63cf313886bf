import type { exportText } from '../../i18n/text/export.ts';

/**
 * What an export holds: the fields the database returns for each row (public.staff_export_rows,
 * masked there unless the export was started with full data), and the column sets — the
 * federation's upward reports — as data: a set is a list of field ids and, where the report is
 * about one service or stage, the services and statuses it selects. One declaration; the CSV and
 * XLSX writers, the form on the queue and the tests all read it.
 */
export type ExportKey = keyof typeof exportText;

/** One row as staff_export_rows returns it. */
export interface ExportRow {
  id: string;
  reference: string;
  service: string;
  action: string | null;
  status: string;
  township: string | null;
  channel: string;
  submitted_at: string;
  updated_at: string;
  closed_at: string | null;
  name: string | null;
  id_number: string;
  /** Null in a masked export (as birth_date and address). */
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  certificate_number: string | null;
  category: string | null;
  grade: string | null;
  phone: string | null;
  address: string | null;
  agent_name: string | null;
  agent_relationship: string | null;
  devices: string[] | null;
  economic_status: string | null;
  pickup_point: string | null;
  delivery_method: string | null;
  production_at: string | null;
}

/** Names of the federation's configured things, and the UI's words, for turning ids into text. */
export interface ExportLabels {
  text: (key: string) => string | undefined;
  township: (id: string) => string | undefined;
  device: (id: string) => string | undefined;
  pickupPoint: (id: string) => string | undefined;
}

/** A cell: text, or a day (YYYY-MM-DD in China time) that XLSX writes as a date. */
export type ExportCell = { kind: 'text'; text: string } | { kind: 'date'; iso: string } | { kind: 'empty' };

export interface ExportField {
  header: ExportKey;
  cell: (row: ExportRow, labels: ExportLabels, index: number) => ExportCell;
}

const text = (value: string | null | undefined): ExportCell => (value ? { kind: 'text', text: value } : { kind: 'empty' });
/** The day of a timestamp in China (UTC+8, no daylight saving). */
export const chinaDay = (timestamp: string) => new Date(new Date(timestamp).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const day = (timestamp: string | null): ExportCell => (timestamp ? { kind: 'date', iso: chinaDay(timestamp) } : { kind: 'empty' });
/** A UI word by key, or the id itself when there is none (a value the vocabulary has since lost). */
const word = (labels: ExportLabels, key: string, id: string | null) => text(id ? labels.text(key) ?? id : null);

export const EXPORT_FIELDS = {
  seq: { header: 'staff.export.col.seq', cell: (_r, _l, i) => text(String(i + 1)) },
  reference: { header: 'staff.export.col.reference', cell: (r) => text(r.reference) },
  service: { header: 'staff.export.col.service', cell: (r, l) => word(l, `apply.service.${r.service}`, r.service) },
  action: { header: 'staff.export.col.action', cell: (r, l) => word(l, `apply.action.${r.service}.${r.action}`, r.action) },
  name: { header: 'staff.export.col.name', cell: (r) => text(r.name) },
  sex: { header: 'staff.export.col.sex', cell: (r, l) => word(l, `staff.export.sex.${r.sex}`, r.sex) },
  birthDate: { header: 'staff.export.col.birthDate', cell: (r) => (r.birth_date ? { kind: 'date', iso: r.birth_date } : { kind: 'empty' }) },
  idNumber: { header: 'staff.export.col.idNumber', cell: (r) => text(r.id_number) },
  certificateNumber: { header: 'staff.export.col.certificateNumber', cell: (r) => text(r.certificate_number) },
  category: { header: 'staff.export.col.category', cell: (r, l) => word(l, `apply.category.${r.category}`, r.category) },
  grade: { header: 'staff.export.col.grade', cell: (r, l) => word(l, `staff.export.grade.${r.grade}`, r.grade) },
  township: { header: 'staff.export.col.township', cell: (r, l) => text(r.township ? l.township(r.township) ?? r.township : null) },
  address: { header: 'staff.export.col.address', cell: (r) => text(r.address) },
  phone: { header: 'staff.export.col.phone', cell: (r) => text(r.phone) },
  agentName: { header: 'staff.export.col.agentName', cell: (r) => text(r.agent_name) },
  agentRelationship: { header: 'staff.export.col.agentRelationship', cell: (r, l) => word(l, `apply.agent.relationship.${r.agent_relationship}`, r.agent_relationship) },
  devices: { header: 'staff.export.col.devices', cell: (r, l) => text((r.devices ?? []).map((d) => l.device(d) ?? d).join('、')) },
  economicStatus: { header: 'staff.export.col.economicStatus', cell: (r, l) => word(l, `apply.household.${r.economic_status}`, r.economic_status) },
  delivery: { header: 'staff.export.col.delivery', cell: (r, l) => word(l, `apply.delivery.${r.delivery_method}`, r.delivery_method) },
  pickupPoint: { header: 'staff.export.col.pickupPoint', cell: (r, l) => text(r.pickup_point ? l.pickupPoint(r.pickup_point) ?? r.pickup_point : null) },
  status: { header: 'staff.export.col.status', cell: (r, l) => word(l, `staff.status.${r.status}`, r.status) },
  channel: { header: 'staff.export.col.channel', cell: (r, l) => word(l, `staff.export.channel.${r.channel}`, r.channel) },
  submitted: { header: 'staff.export.col.submitted', cell: (r) => day(r.submitted_at) },
  updated: { header: 'staff.export.col.updated', cell: (r) => day(r.updated_at) },
  production: { header: 'staff.export.col.production', cell: (r) => day(r.production_at) },
  closed: { header: 'staff.export.col.closed', cell: (r) => day(r.closed_at) },
} as const satisfies Record<string, ExportField>;
export type ExportFieldId = keyof typeof EXPORT_FIELDS;

export interface ColumnSet {
  id: string;
  /** Its name and what it is for, on the queue's export form. */
  label: ExportKey;
  hint: ExportKey;
  /** The report is about these services / stages only (on top of the queue's filters). */
  services?: readonly string[];
  statuses?: readonly string[];
  columns: readonly ExportFieldId[];
}

/**
 * The column sets. 两项补贴 (the two-subsidy roll) is not among them: the portal takes no
 * two-subsidy applications, and the roll's columns (低保 status of the household for the living
 * subsidy, the need for long-term care for the nursing subsidy, the assessed grade of a new
 * certificate, bank account, month and amount paid) are not in the data — see README "Exports".
 */
export const COLUMN_SETS: readonly ColumnSet[] = [
  {
    id: 'queue',
    label: 'staff.export.set.queue',
    hint: 'staff.export.set.queue.hint',
    columns: ['seq', 'reference', 'service', 'action', 'name', 'idNumber', 'township', 'status', 'channel', 'submitted', 'updated', 'closed'],
  },
  {
    // 残疾人证发证名单: what the national certificate system (全国残疾人证管理系统) is updated with.
    id: 'certificate-issue',
    label: 'staff.export.set.certificate-issue',
    hint: 'staff.export.set.certificate-issue.hint',
    services: ['certificate'],
    statuses: ['production', 'completed'],
    columns: ['seq', 'name', 'sex', 'birthDate', 'idNumber', 'certificateNumber', 'category', 'grade', 'action', 'township', 'address', 'phone', 'agentName', 'agentRelationship', 'production', 'closed', 'reference'],
  },
  {
    id: 'assistive-devices',
    label: 'staff.export.set.assistive-devices',
    hint: 'staff.export.set.assistive-devices.hint',
    services: ['assistive-devices'],
    columns: ['seq', 'name', 'idNumber', 'certificateNumber', 'township', 'devices', 'economicStatus', 'delivery', 'pickupPoint', 'address', 'phone', 'status', 'submitted', 'reference'],
  },
  {
    id: 'transit-card',
    label: 'staff.export.set.transit-card',
    hint: 'staff.export.set.transit-card.hint',
    services: ['transit-card'],
    statuses: ['production', 'completed'],
    columns: ['seq', 'name', 'idNumber', 'certificateNumber', 'category', 'grade', 'action', 'township', 'pickupPoint', 'phone', 'production', 'closed', 'reference'],
  },
];

export function columnSet(id: string): ColumnSet | undefined {
  return COLUMN_SETS.find((s) => s.id === id);
}

/** The header row of a set, in the words of `say` (the UI's Simplified text). */
export function headers(set: ColumnSet, say: (key: ExportKey) => string): string[] {
  return set.columns.map((c) => say(EXPORT_FIELDS[c].header));
}

/** One row's cells in a set's column order; `index` is its place in the whole export (序号). */
export function cells(set: ColumnSet, row: ExportRow, labels: ExportLabels, index: number): ExportCell[] {
  return set.columns.map((c) => EXPORT_FIELDS[c].cell(row, labels, index));
}

/** The roles that may export full names, ID numbers, phones and addresses (intake.export_full_allowed agrees). */
export const FULL_EXPORT_ROLES: readonly string[] = ['reviewer', 'officer'];
