import { compactTyped } from '../typed-text.ts';

/**
 * Resident identity numbers (GB 11643-1999): 6-digit address code, YYYYMMDD birth date,
 * 3-digit sequence (odd = male, even = female), ISO 7064 MOD 11-2 check character.
 * Birth date and sex are derived from the number, never asked for twice.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'empty' | 'length' | 'characters' | 'birthDate' | 'checksum';

export interface IdNumberInfo {
  /** Normalised: 18 characters, uppercase X. */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
}

/** Full-width digits and letters to ASCII, spaces and hyphens removed, x → X (typed-text.ts). */
export const normaliseIdNumber = compactTyped;

export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return CHECK_CHARS[sum % 11]!;
}

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Parse and check an ID number. `today` (YYYY-MM-DD) bounds the birth date: nobody is
 * born in the future or before 1900.
 */
export function parseIdNumber(input: string, today: string): { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem } {
  const value = normaliseIdNumber(input);
  if (value === '') return { ok: false, problem: 'empty' };
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'characters' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (y < 1900 || !realDate(y, m, d) || birthDate > today) return { ok: false, problem: 'birthDate' };
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, info: { value, birthDate, sex: Number(value[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** Whole years from a birth date to a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
