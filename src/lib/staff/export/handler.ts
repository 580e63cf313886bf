import { StaffDataError, type ExportFilters, type QueueFilters, type StaffData } from '../../../data/staff.ts';
import { columnSet, FULL_EXPORT_ROLES, type ColumnSet, type ExportLabels } from '../../../domain/staff/export-columns.ts';
import type { StaffRole } from '../../../domain/staff/workspace.ts';
import type { SiteConfig } from '../../../domain/content/site-schema.ts';
import { todayInChina } from '../../../domain/dates.ts';
import { uiText, type UiKey } from '../../../i18n/text/index.ts';
import { csvStream, xlsxStream } from './write.ts';

/**
 * The queue's 导出 form: which column set, which format, masked or full. Posted to the queue's own
 * address, whose query string holds only the filters (no personal data); the answer is the file
 * itself, streamed, or the queue again with what went wrong said in Chinese (never an empty file).
 */
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportErrorKey = Extract<UiKey, `staff.export.${string}`>;
export interface ExportOutcome {
  kind: 'file' | 'problem';
  response?: Response;
  /** The field each problem belongs to ('set', 'format', 'data'), or 'export' for the whole form. */
  errors: { field: 'set' | 'format' | 'data' | 'export'; key: ExportErrorKey }[];
  values: Record<string, string>;
  status: number;
}

/** The filters of the queue as the export's, with the column set's own services and statuses. */
export function exportFilters(f: QueueFilters, set: ColumnSet): ExportFilters {
  const out: ExportFilters = {};
  if (f.service) out.service = f.service;
  if (f.action) out.action = f.action;
  if (f.status) out.status = f.status;
  if (f.township) out.township = f.township;
  if (f.submittedFrom) out.submitted_from = f.submittedFrom;
  if (f.submittedTo) out.submitted_to = f.submittedTo;
  if (f.staleBefore) out.stale_before = f.staleBefore;
  if (set.services) out.services = set.services;
  if (set.statuses) out.statuses = set.statuses;
  return out;
}

/** Ids to words in the files: always Simplified, the federation's reporting script. */
export function exportLabels(site: SiteConfig): ExportLabels {
  const text = uiText as Record<string, string>;
  return {
    text: (key) => text[key],
    township: (id) => site.townships.find((t) => t.id === id)?.name,
    device: (id) => site.applications.deviceCatalogue.find((d) => d.id === id)?.name,
    pickupPoint: (id) => site.pickupPoints.find((p) => p.id === id)?.name,
  };
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** 残疾人证发证名单-2026-12-02.xlsx (with an ASCII name for clients that cannot read the other). */
function disposition(set: ColumnSet, format: ExportFormat): string {
  const day = todayInChina();
  const chinese = `${uiText[set.label].replace(/（.*）$/, '')}-${day}.${format}`;
  return `attachment; filename="${set.id}-${day}.${format}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}

export async function handleExport(options: {
  fields: Record<string, string>;
  filters: QueueFilters;
  filtersValid: boolean;
  role: StaffRole;
  data: StaffData;
  site: SiteConfig;
}): Promise<ExportOutcome> {
  const { fields, filters, role, data, site } = options;
  const values = { set: fields['set'] ?? '', format: fields['format'] ?? '', data: fields['data'] === 'full' ? 'full' : 'masked' };
  const errors: ExportOutcome['errors'] = [];
  const set = values.set ? columnSet(values.set) : undefined;
  if (!values.set) errors.push({ field: 'set', key: 'staff.export.set.required' });
  else if (!set) errors.push({ field: 'set', key: 'staff.export.set.unknown' });
  const format = (EXPORT_FORMATS as readonly string[]).includes(values.format) ? (values.format as ExportFormat) : null;
  if (!format) errors.push({ field: 'format', key: 'staff.export.format.required' });
  const full = values.data === 'full';
  if (full && !FULL_EXPORT_ROLES.includes(role)) errors.push({ field: 'data', key: 'staff.export.full.notAllowed' });
  if (!options.filtersValid) errors.push({ field: 'export', key: 'staff.export.filtersInvalid' });
  if (errors.length || !set || !format) return { kind: 'problem', errors, values, status: 422 };
  let started;
  try {
    started = await data.exportStart(set.id, format, full, exportFilters(filters, set));
  } catch (error) {
    if (error instanceof StaffDataError && error.code === 'export_full_not_allowed') {
      return { kind: 'problem', errors: [{ field: 'data', key: 'staff.export.full.notAllowed' }], values, status: 403 };
    }
    return { kind: 'problem', errors: [{ field: 'export', key: 'staff.export.unavailable' }], values, status: 503 };
  }
  if (started.rows === 0) return { kind: 'problem', errors: [{ field: 'export', key: 'staff.export.none' }], values, status: 404 };
  const writing = {
    set,
    labels: exportLabels(site),
    say: (key: ExportErrorKey | UiKey) => uiText[key],
    source: (after: { at: string; id: string } | null) => data.exportRows(started.id, after),
  };
  const body = format === 'csv' ? csvStream(writing) : xlsxStream(writing);
  const response = new Response(body, {
    status: 200,
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': disposition(set, format),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
  return { kind: 'file', response, errors: [], values, status: 200 };
}
