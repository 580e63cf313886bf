import { StaffDataError, type StaffApplication, type StaffData } from '../../data/staff.ts';
import { NOTE_REQUIRED, noteHasPersonalData } from '../../domain/staff/workspace.ts';
import type { staffText } from '../../i18n/text/staff.ts';
import type { noticesText } from '../../i18n/text/notices.ts';
import { readForm } from '../apply/form-input.ts';
import { recordObjection, startNotice } from './notice-handler.ts';

/**
 * One application in the workspace: open it (audited), show the full ID number (its own audit
 * entry, only on request), decide (on the version the person saw: a colleague's decision in
 * between is said plainly, nothing is overwritten), take it or give it to a colleague. Every
 * action is a POST and ends in a page that says what happened; what was typed is kept on error.
 */
type StaffKey = keyof typeof staffText | keyof typeof noticesText;

export interface ApplicationOutcome {
  kind: 'page';
  status: number;
  app: StaffApplication | null;
  idNumber?: string;
  /** What was typed in the decision form, shown again after a problem. */
  values: Record<string, string>;
  errors: { field: string; key: StaffKey }[];
  notice?: { kind: 'success' | 'problem'; key: StaffKey; values?: Record<string, string> };
}

export type ApplicationResult = ApplicationOutcome | { kind: 'redirect'; to: string } | { kind: 'refused'; status: 400 | 413 | 415 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function open(data: StaffData, id: string): Promise<StaffApplication | null> {
  try {
    return await data.application(id);
  } catch (error) {
    if (error instanceof StaffDataError && error.code === 'application_not_found') return null;
    throw error;
  }
}

/** What the 公示 forms need from the federation's configuration. */
export interface NoticeOptions { workingDays: number }

export async function handleApplication(request: Request, data: StaffData, id: string, reviewRight: string, pending: Record<string, string> | null, notice: NoticeOptions): Promise<ApplicationResult> {
  if (!UUID.test(id)) return { kind: 'page', status: 404, app: null, values: {}, errors: [] };
  const page = (app: StaffApplication | null, extra: Partial<ApplicationOutcome> = {}): ApplicationOutcome =>
    ({ kind: 'page', status: app ? 200 : 404, app, values: {}, errors: [], ...extra });
  try {
    if (request.method !== 'POST') return page(await open(data, id), pending ? { values: pending } : {});
    const form = await readForm(request);
    if (!form.ok) return { kind: 'refused', status: form.status };
    const f = form.fields;
    const version = Number(f['version']);
    if (f['do'] === 'reveal') {
      const app = await open(data, id);
      if (!app) return page(null);
      return page(app, { idNumber: (await data.revealId(id)).id_number });
    }
    if (f['do'] === 'take' || f['do'] === 'assign') {
      const to = f['do'] === 'take' ? (f['me'] ?? null) : (f['assignee'] || null);
      try {
        await data.assign(id, version, to && UUID.test(to) ? to : null);
      } catch (error) {
        if (error instanceof StaffDataError && error.code === 'invalid_assignee') {
          return { ...page(await open(data, id), { errors: [{ field: 'assignee', key: 'staff.app.assign.invalid' }] }), status: 422 };
        }
        throw error;
      }
      return { kind: 'redirect', to: `/staff/applications/${id}/?done=assign` };
    }
    if (f['do'] === 'notice' || f['do'] === 'objection') {
      const posted = f['do'] === 'objection' ? (await data.notice(id)).notice?.posted_on ?? null : null;
      const done = f['do'] === 'notice' ? await startNotice(f, data, id, notice.workingDays) : await recordObjection(f, data, id, posted);
      if (done.ok) return { kind: 'redirect', to: `/staff/applications/${id}/?done=${done.done}` };
      const app = await open(data, id);
      if (done.conflict && app) return { ...page(app, { values: done.values, notice: { kind: 'problem', key: 'staff.app.conflict', values: { status: app.status } } }), status: 409 };
      return { ...page(app, { values: done.values, errors: done.errors }), status: 422 };
    }
    // A decision.
    const values = { to: (f['to'] ?? '').slice(0, 40), note: (f['note'] ?? '').slice(0, 600), internal: (f['internal'] ?? '').slice(0, 1100) };
    const errors: ApplicationOutcome['errors'] = [];
    if (!values.to) errors.push({ field: 'to', key: 'staff.app.decide.chooseTo' });
    const note = values.note.trim();
    if (values.to && NOTE_REQUIRED.has(values.to) && !note) errors.push({ field: 'note', key: 'staff.app.decide.noteRequired' });
    if (note && noteHasPersonalData(note)) errors.push({ field: 'note', key: 'staff.app.decide.notePersonal' });
    if ([...note].length > 500 || [...values.internal.trim()].length > 1000) errors.push({ field: note.length > 500 ? 'note' : 'internal', key: 'staff.app.decide.noteTooLong' });
    if (errors.length) return { ...page(await open(data, id), { values, errors }), status: 422 };
    // Telling someone their application was refused or not passed includes how to ask for a review.
    const said = values.to === 'refused' || values.to === 'rejected' ? `${note}\n${reviewRight}`.slice(0, 500) : note;
    try {
      const done = await data.decide(id, version, values.to, said, values.internal.trim());
      return { kind: 'redirect', to: `/staff/applications/${id}/?done=${encodeURIComponent(done.status)}` };
    } catch (error) {
      if (!(error instanceof StaffDataError)) throw error;
      const app = await open(data, id);
      const map: Partial<Record<string, StaffKey>> = {
        note_required: 'staff.app.decide.noteRequired', note_personal_data: 'staff.app.decide.notePersonal',
        note_too_long: 'staff.app.decide.noteTooLong', invalid_transition: 'staff.app.decide.invalid',
      };
      if (error.code === 'decision_conflict' && app) {
        return { ...page(app, { values, notice: { kind: 'problem', key: 'staff.app.conflict', values: { status: app.status } } }), status: 409 };
      }
      const key = map[error.code];
      if (key) return { ...page(app, { values, errors: [{ field: error.code === 'invalid_transition' ? 'to' : 'note', key }] }), status: 422 };
      throw error;
    }
  } catch (error) {
    if (error instanceof StaffDataError && error.code === 'application_not_found') return page(null);
    if (error instanceof StaffDataError && error.code === 'decision_conflict') {
      return { ...page(await open(data, id), { notice: { kind: 'problem', key: 'staff.app.conflict', values: { status: '' } } }), status: 409 };
    }
    return { kind: 'page', status: 503, app: null, values: {}, errors: [], notice: { kind: 'problem', key: 'staff.error.unavailable' } };
  }
}
