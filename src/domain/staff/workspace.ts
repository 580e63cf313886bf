/**
 * The staff workspace's rules that are not the database's: how long a signed-in session may sit
 * idle, when the person is warned, what a note to an applicant may not contain, which decisions
 * need such a note. The database enforces the last two again (staff_decide): this is for saying
 * so on the page before anything is sent.
 */
export const STAFF_ROLES = ['clerk', 'reviewer', 'officer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Idle sign-out after 30 minutes, with a warning 2 minutes before (WCAG 2.2.1: warn, and let them extend). */
export const IDLE_MINUTES = 30;
export const WARN_BEFORE_MINUTES = 2;

/** Decisions the applicant must be told the reason or the next step of. */
export const NOTE_REQUIRED = new Set(['needs_info', 'refused', 'rejected']);

const ID_NUMBER = /[0-9０-９]{17}[0-9０-９Xxｘ]/;
const MOBILE = /(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)/;
const LANDLINE = /0[0-9]{2,3}[- ]?[0-9]{7,8}/;

/**
 * Whether a note meant for the applicant holds an ID or phone number (refused: notes are shown on
 * /status/). The database refuses the same (intake.note_has_personal_data); this says so before sending.
 */
export function noteHasPersonalData(note: string): boolean {
  return ID_NUMBER.test(note) || MOBILE.test(note) || LANDLINE.test(note);
}

/** 110105********002X (for showing a number the database already masked, or any number). */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(Math.max(id.length - 10, 0))}${id.slice(-4)}`;
}

/**
 * 138****0000, 0571****5678: the first three characters and the last four (shorter numbers keep
 * only the last four). The database masks exports the same way (intake.mask_phone); a test holds
 * them together.
 */
export function maskPhone(phone: string): string {
  const chars = [...phone];
  if (chars.length === 0) return '';
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length <= 7) return `${'*'.repeat(chars.length - 4)}${chars.slice(-4).join('')}`;
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}
