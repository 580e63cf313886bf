import { normaliseIdNumber, parseIdNumber, type IdNumberInfo, type IdNumberProblem } from './id-number.ts';

/**
 * Disability certificate numbers (残疾人证号, 《残疾人证管理办法》): the holder's 18-character
 * ID number, then the category digit (1–7) and the grade digit (1–4) — 20 characters.
 */
export const CATEGORIES = [1, 2, 3, 4, 5, 6, 7] as const;
export const GRADES = [1, 2, 3, 4] as const;
export type Category = (typeof CATEGORIES)[number];
export type Grade = (typeof GRADES)[number];

export type CertificateProblem = IdNumberProblem | 'category' | 'grade';

export interface CertificateInfo extends IdNumberInfo {
  certificate: string;
  category: Category;
  grade: Grade;
}

export function parseCertificateNumber(
  input: string,
  today: string,
): { ok: true; info: CertificateInfo } | { ok: false; problem: CertificateProblem } {
  const value = normaliseIdNumber(input);
  if (value === '') return { ok: false, problem: 'empty' };
  if (value.length !== 20) return { ok: false, problem: 'length' };
  const id = parseIdNumber(value.slice(0, 18), today);
  if (!id.ok) return id;
  const category = Number(value[18]);
  const grade = Number(value[19]);
  if (!(CATEGORIES as readonly number[]).includes(category)) return { ok: false, problem: 'category' };
  if (!(GRADES as readonly number[]).includes(grade)) return { ok: false, problem: 'grade' };
  return { ok: true, info: { ...id.info, certificate: value, category: category as Category, grade: grade as Grade } };
}
