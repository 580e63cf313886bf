import { normaliseIdNumber } from '../identity/id-number.ts';
import type { FieldError } from './steps.ts';

/**
 * What a person types to find an application (the reference on the receipt) or a saved draft
 * (the resume code): an 8-character code and the last 4 characters of the applicant's ID number.
 * Spaces, hyphens, lowercase and full-width digits are forgiven; the rest gets a specific message.
 */
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const LABELS = { reference: '申请编号', code: '继续填写代码' } as const;

export type CodeAndFact = { ok: true; code: string; fact: string } | { ok: false; errors: FieldError[] };

export function parseCodeAndFact(field: keyof typeof LABELS, typedCode: string, typedFact: string): CodeAndFact {
  const label = LABELS[field];
  const code = typedCode.replace(/[\s\-－]/g, '').toUpperCase();
  const fact = normaliseIdNumber(typedFact);
  const errors: FieldError[] = [];
  if (code === '') errors.push({ field, message: `请输入${label}` });
  else if (!CODE.test(code)) errors.push({ field, message: `${label}是 8 位，由数字 2–9 和大写字母组成（没有 0、1、O、I）` });
  if (fact === '') errors.push({ field: 'fact', message: '请输入申请人身份证号的后 4 位' });
  else if (!/^[0-9]{3}[0-9X]$/.test(fact)) errors.push({ field: 'fact', message: '身份证号后 4 位是 3 位数字加 1 位数字或 X' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, code, fact };
}
