import { StaffDataError, type StaffData } from '../../data/staff.ts';
import { parseTypedDate, todayInChina } from '../../domain/dates.ts';
import { noteHasPersonalData } from '../../domain/staff/workspace.ts';
import type { staffText } from '../../i18n/text/staff.ts';
import type { noticesText } from '../../i18n/text/notices.ts';

/**
 * The workspace's two 公示 forms: starting the notice (the assessed category and grade; the period
 * comes from site.yaml and is counted in SQL on the working-day calendar), and recording an
 * objection with its outcome. Each is checked here with a specific message per field, and again
 * in SQL; the application handler turns the result into the page.
 */
type Key = keyof typeof staffText | keyof typeof noticesText;

export type NoticeResult =
  | { ok: true; done: 'notice' | 'objection' }
  | { ok: false; values: Record<string, string>; errors: { field: string; key: Key }[]; conflict?: boolean };

const OUTCOMES = ['pending', 'upheld', 'dismissed'];

export async function startNotice(f: Record<string, string>, data: StaffData, id: string, workingDays: number): Promise<NoticeResult> {
  const values = { category: (f['category'] ?? '').slice(0, 2), grade: (f['grade'] ?? '').slice(0, 2) };
  const errors: { field: string; key: Key }[] = [];
  const category = Number(values.category);
  const grade = Number(values.grade);
  if (!/^[1-7]$/.test(values.category)) errors.push({ field: 'category', key: 'staff.notice.chooseCategory' });
  if (!/^[1-4]$/.test(values.grade)) errors.push({ field: 'grade', key: 'staff.notice.chooseGrade' });
  if (errors.length) return { ok: false, values, errors };
  try {
    await data.startNotice(id, Number(f['version']), category, grade, workingDays, '');
    return { ok: true, done: 'notice' };
  } catch (error) {
    if (!(error instanceof StaffDataError)) throw error;
    if (error.code === 'notice_minor') return { ok: false, values, errors: [{ field: 'category', key: 'staff.notice.minor' }] };
    if (error.code === 'invalid_transition') return { ok: false, values, errors: [{ field: 'category', key: 'staff.app.decide.invalid' }] };
    if (error.code === 'decision_conflict') return { ok: false, values, errors: [], conflict: true };
    throw error;
  }
}

export async function recordObjection(f: Record<string, string>, data: StaffData, id: string, postedOn: string | null): Promise<NoticeResult> {
  const values = {
    received: (f['received'] ?? '').slice(0, 40), summary: (f['summary'] ?? '').slice(0, 600),
    outcome: (f['outcome'] ?? '').slice(0, 20), outcome_note: (f['outcome_note'] ?? '').slice(0, 600),
  };
  const errors: { field: string; key: Key }[] = [];
  const received = parseTypedDate(values.received);
  if (!values.received.trim()) errors.push({ field: 'received', key: 'staff.notice.receivedEmpty' });
  else if (!received) errors.push({ field: 'received', key: 'staff.notice.receivedInvalid' });
  else if ((postedOn && received < postedOn) || received > todayInChina()) errors.push({ field: 'received', key: 'staff.notice.receivedRange' });
  const summary = values.summary.trim();
  const note = values.outcome_note.trim();
  if (!summary) errors.push({ field: 'summary', key: 'staff.notice.summaryEmpty' });
  else if ([...summary].length > 500) errors.push({ field: 'summary', key: 'staff.notice.summaryTooLong' });
  else if (noteHasPersonalData(summary)) errors.push({ field: 'summary', key: 'staff.notice.summaryPersonal' });
  if (!OUTCOMES.includes(values.outcome)) errors.push({ field: 'outcome', key: 'staff.notice.chooseOutcome' });
  if ([...note].length > 500) errors.push({ field: 'outcome_note', key: 'staff.notice.summaryTooLong' });
  else if (noteHasPersonalData(note)) errors.push({ field: 'outcome_note', key: 'staff.notice.summaryPersonal' });
  if (errors.length || !received) return { ok: false, values, errors };
  try {
    await data.recordObjection(id, received, summary, values.outcome, note);
    return { ok: true, done: 'objection' };
  } catch (error) {
    if (!(error instanceof StaffDataError)) throw error;
    const map: Partial<Record<string, { field: string; key: Key }>> = {
      objection_date: { field: 'received', key: 'staff.notice.receivedRange' },
      note_personal_data: { field: 'summary', key: 'staff.notice.summaryPersonal' },
      invalid_objection: { field: 'summary', key: 'staff.notice.summaryTooLong' },
      not_allowed: { field: 'summary', key: 'staff.app.decide.invalid' },
      notice_not_found: { field: 'summary', key: 'staff.app.decide.invalid' },
    };
    const problem = map[error.code];
    if (problem) return { ok: false, values, errors: [problem] };
    throw error;
  }
}
